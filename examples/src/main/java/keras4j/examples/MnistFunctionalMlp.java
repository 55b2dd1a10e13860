package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;
import static keras4j.utils.ArrayOps.toCategorical;

import java.util.Map;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.models.Model;

/**
 * Tutorial script 1: a functional MLP on MNIST. Pass {@code fashion} as the first argument to use
 * Fashion-MNIST instead (offline from Debian's {@code dataset-fashion-mnist}).
 *
 * <pre>
 * input_layer = tf.keras.layers.Input(shape=(784,))
 * hidden_layer = tf.keras.layers.Dense(128, activation='relu')(input_layer)
 * output_layer = tf.keras.layers.Dense(10, activation='softmax')(hidden_layer)
 * model = tf.keras.Model(inputs=input_layer, outputs=output_layer)
 * model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
 * (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
 * x_train = x_train.reshape(x_train.shape[0], 784) / 255.0
 * x_test = x_test.reshape(x_test.shape[0], 784) / 255.0
 * model.fit(x_train, y_train, epochs=10, batch_size=128)
 * test_loss, test_acc = model.evaluate(x_test, y_test)
 * print('Test accuracy:', test_acc)
 * </pre>
 */
public final class MnistFunctionalMlp {
  public static void main(String[] args) {
    var inputLayer = Input.shape(784);
    var hiddenLayer = new Dense(128, activation("relu")).apply(inputLayer);
    var outputLayer = new Dense(10, activation("softmax")).apply(hiddenLayer);
    try (var model = new Model(inputLayer, outputLayer)) {
      model.compile(optimizer("adam"), loss("categorical_crossentropy"), metrics("accuracy"));
      var mnist = MnistData.load(args);
      var xTrain = divide(reshape(mnist.xTrain(), mnist.xTrain().shape().get(0), 784), 255.0);
      var xTest = divide(reshape(mnist.xTest(), mnist.xTest().shape().get(0), 784), 255.0);
      // The Python script passes integer labels to categorical_crossentropy, which Keras rejects
      // (and so does keras4j, naming the fixes); one-hot encoding them is one of those fixes.
      var yTrain = toCategorical(mnist.yTrain(), 10);
      var yTest = toCategorical(mnist.yTest(), 10);
      model.fit(xTrain, yTrain, epochs(10), batchSize(128));
      Map<String, Double> scores = model.evaluate(xTest, yTest);
      System.out.println("Test accuracy: " + scores.get("accuracy"));
    }
  }
}
