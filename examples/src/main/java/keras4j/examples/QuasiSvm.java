package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;
import static keras4j.utils.ArrayOps.toCategorical;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.layers.Dense;
import keras4j.layers.RandomFourierFeatures;
import keras4j.losses.Hinge;
import keras4j.metrics.CategoricalAccuracy;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * keras.io's {@code examples/keras_recipes/quasi_svm.py} ("A Quasi-SVM in Keras", fchollet),
 * ported line for line: a {@code RandomFourierFeatures} layer, which maps the inputs into a random
 * feature space approximating a Gaussian kernel, under a linear layer trained with the hinge
 * loss, so that the whole approximates a kernel SVM. Arguments: see {@link GalleryArgs}.
 */
public final class QuasiSvm {
  private QuasiSvm() {}

  /**
   * Runs the script.
   *
   * @param args {@code fashion}, {@code epochs=N}, {@code samples=N} (all optional)
   */
  public static void main(String[] args) {
    run(args);
  }

  /** The script; returns the last epoch's logs (the script evaluates on its validation split). */
  static Map<String, Double> run(String... args) {
    GalleryArgs options = GalleryArgs.parse(args);
    // Build the model
    try (Sequential model = new Sequential(
        new RandomFourierFeatures(4096, scale(10.0), kernelInitializer("gaussian"),
            inputShape(784)),
        new Dense(10))) {
      model.compile(optimizer(new Adam(1e-3)), loss(new Hinge()),
          metrics(new CategoricalAccuracy("acc")));

      // Prepare the data
      // Load MNIST
      var data = options.mnist();

      // Preprocess the data by flattening & scaling it
      // (the script prepares x_test and y_test too, and never uses them)
      FloatNdArray xTrain = divide(reshape(data.xTrain(), -1, 784), 255);

      // Categorical (one hot) encoding of the labels
      FloatNdArray yTrain = toCategorical(data.yTrain(), 10);

      // Train the model
      History history = model.fit(xTrain, yTrain, epochs(options.epochs(20)), batchSize(128),
          validationSplit(0.2));
      Map<String, Double> last = new LinkedHashMap<>();
      history.history().forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
      return last;
    }
  }
}
