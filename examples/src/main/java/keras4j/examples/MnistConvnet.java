package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;
import static keras4j.utils.ArrayOps.toCategorical;

import java.util.Map;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Flatten;
import keras4j.layers.MaxPooling2D;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * keras.io's {@code examples/vision/mnist_convnet.py} ("Simple MNIST convnet", fchollet), ported
 * line for line: a convnet that reaches ~99% test accuracy on MNIST. Arguments: see {@link
 * GalleryArgs} ({@code fashion} for Fashion-MNIST offline).
 */
public final class MnistConvnet {
  private MnistConvnet() {}

  /**
   * Runs the script.
   *
   * @param args {@code fashion}, {@code epochs=N}, {@code samples=N} (all optional)
   */
  public static void main(String[] args) {
    run(args);
  }

  /** The script; returns the test scores. */
  static Map<String, Double> run(String... args) {
    GalleryArgs options = GalleryArgs.parse(args);
    // Model / data parameters
    int numClasses = 10;
    long[] inputShape = {28, 28, 1};

    // Load the data and split it between train and test sets
    var data = options.mnist();

    // Scale images to the [0, 1] range, and make sure images have shape (28, 28, 1)
    FloatNdArray xTrain = reshape(divide(data.xTrain(), 255), -1, 28, 28, 1);
    FloatNdArray xTest = reshape(divide(data.xTest(), 255), -1, 28, 28, 1);
    System.out.println("x_train shape: " + xTrain.shape());
    System.out.println(xTrain.shape().get(0) + " train samples");
    System.out.println(xTest.shape().get(0) + " test samples");

    // convert class vectors to binary class matrices
    FloatNdArray yTrain = toCategorical(data.yTrain(), numClasses);
    FloatNdArray yTest = toCategorical(data.yTest(), numClasses);

    // Build the model
    try (Sequential model = new Sequential(
        new Conv2D(32, new int[] {3, 3}, activation("relu"), inputShape(inputShape)),
        new MaxPooling2D(poolSize(2, 2)),
        new Conv2D(64, new int[] {3, 3}, activation("relu")),
        new MaxPooling2D(poolSize(2, 2)),
        new Flatten(),
        new Dropout(0.5),
        new Dense(numClasses, activation("softmax")))) {
      model.summary();

      // Train the model
      int batchSize = 128;
      int epochs = options.epochs(15);
      model.compile(loss("categorical_crossentropy"), optimizer("adam"), metrics("accuracy"));
      model.fit(xTrain, yTrain, batchSize(batchSize), epochs(epochs), validationSplit(0.1));

      // Evaluate the trained model
      Map<String, Double> score = model.evaluate(xTest, yTest, verbose(0));
      System.out.println("Test loss: " + score.get("loss"));
      System.out.println("Test accuracy: " + score.get("accuracy"));
      return score;
    }
  }
}
