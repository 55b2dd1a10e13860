package consumer.modular;

import static keras4j.Keras.*;

import java.nio.file.Path;
import java.util.Arrays;
import keras4j.datasets.Iris;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Runs keras4j from a named module: trains on the iris data bundled in keras4j's jar (a resource
 * of another module), saves a .keras file (jhdf and its dependencies resolved as modules), loads
 * it and predicts. Each check throws on failure, so the JVM exits non-zero and the build fails.
 */
public final class Main {

  public static void main(String[] args) {
    trainSaveLoadPredict();
    Extensions.trainSaveLoad();
    System.out.println("module-path consumer: all checks passed");
  }

  private static void trainSaveLoadPredict() {
    RandomSeed.set(7);
    var iris = Iris.loadData();
    Path file = Path.of("iris.keras");
    FloatNdArray trained;
    try (var model = new Sequential()) {
      model.add(new Dense(16, inputShape(4), activation("relu")));
      model.add(new Dense(3, activation("softmax")));
      model.compile(optimizer(new Adam(0.02)), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      model.fit(iris.xTrain(), iris.yTrain(), epochs(40), batchSize(16), verbose(0));
      double accuracy = model.evaluate(iris.xTest(), iris.yTest(), verbose(0)).get("accuracy");
      // 30 test flowers, 10 of each species: guessing scores 1/3, a trained network above 0.8.
      check(accuracy > 0.8, "test accuracy " + accuracy + " should exceed 0.8");
      trained = model.predict(iris.xTest());
      model.save(file);
    }
    try (Model loaded = Model.load(file)) {
      samePredictions(trained, loaded.predict(iris.xTest()));
    }
  }

  /** The loaded model runs the saved weights through the same layers: the same floats. */
  static void samePredictions(FloatNdArray expected, FloatNdArray actual) {
    float[][] e = StdArrays.array2dCopyOf(expected);
    float[][] a = StdArrays.array2dCopyOf(actual);
    check(e.length == a.length, e.length + " rows predicted before saving, " + a.length + " after");
    for (int i = 0; i < e.length; i++) {
      check(Arrays.equals(e[i], a[i]), "row " + i + ": " + Arrays.toString(e[i])
          + " before saving, " + Arrays.toString(a[i]) + " after loading");
    }
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
