package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;

import java.util.Map;
import keras4j.layers.Dense;
import keras4j.models.Sequential;

/**
 * Tutorial script 4: a Sequential model from a list, evaluate. Pass {@code fashion} as the first
 * argument to use Fashion-MNIST instead (offline from Debian's {@code dataset-fashion-mnist}).
 *
 * <pre>
 * model = keras.Sequential([
 *     layers.Dense(64, activation='relu', input_shape=(784,)),
 *     layers.Dense(64, activation='relu'),
 *     layers.Dense(10, activation='softmax')])
 * model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
 * model.fit(x_train, y_train, epochs=5)
 * loss, accuracy = model.evaluate(x_test, y_test)
 * print('Accuracy:', accuracy)
 * </pre>
 */
public final class SequentialMnist {
  public static void main(String[] args) {
    var mnist = MnistData.load(args);
    var xTrain = divide(reshape(mnist.xTrain(), -1, 784), 255.0);
    var xTest = divide(reshape(mnist.xTest(), -1, 784), 255.0);
    var yTrain = mnist.yTrain();
    var yTest = mnist.yTest();

    try (var model = new Sequential(
        new Dense(64, activation("relu"), inputShape(784)),
        new Dense(64, activation("relu")),
        new Dense(10, activation("softmax")))) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      model.fit(xTrain, yTrain, epochs(5));
      Map<String, Double> scores = model.evaluate(xTest, yTest);
      System.out.println("Accuracy: " + scores.get("accuracy"));
    }
  }
}
