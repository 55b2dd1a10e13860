package keras4j.examples;

import static keras4j.Keras.*;

import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.utils.RandomArrays;

/**
 * Tutorial script 2: a Sequential model built with {@code add}, binary output, random data.
 *
 * <pre>
 * model = Sequential()
 * model.add(Dense(10, input_dim=8, activation='relu'))
 * model.add(Dense(1, activation='sigmoid'))
 * model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
 * x_train = np.random.rand(1000, 8); y_train = np.random.rand(1000, 1)
 * model.fit(x_train, y_train, batch_size=32, epochs=10)
 * </pre>
 *
 * (With labels drawn uniformly from [0, 1) there is nothing to learn and binary accuracy stays
 * near 0, in Keras too: it compares labels with 0/1 predictions.)
 */
public final class SequentialBinaryRandom {
  public static void main(String[] args) {
    try (var model = new Sequential()) {
      model.add(new Dense(10, inputDim(8), activation("relu")));
      model.add(new Dense(1, activation("sigmoid")));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      var random = new RandomArrays(0);
      var xTrain = random.rand(1000, 8);
      var yTrain = random.rand(1000, 1);
      model.fit(xTrain, yTrain, batchSize(32), epochs(10));
    }
  }
}
