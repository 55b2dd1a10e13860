package consumer.classpath;

import static keras4j.Keras.*;

import java.nio.file.Path;
import java.util.Random;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.models.Model;
import keras4j.models.Models;
import org.tensorflow.ndarray.StdArrays;

/**
 * Runs keras4j from the class path: fits a functional linear model to y = 3 a - 2 b + 1, checks
 * that it found those coefficients, saves it as a .keras file, loads it and predicts. Each check
 * throws on failure, so the JVM exits non-zero and the build fails.
 */
public final class Main {

  public static void main(String[] args) {
    int n = 256;
    var random = new Random(3);
    float[][] x = new float[n][2];
    float[][] y = new float[n][1];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextFloat() * 2 - 1;
      x[i][1] = random.nextFloat() * 2 - 1;
      y[i][0] = 3 * x[i][0] - 2 * x[i][1] + 1;
    }
    Path file = Path.of("linear.keras");
    float[][] trained;
    var inputs = Input.shape(2);
    try (var model = new Model(inputs, new Dense(1).apply(inputs))) {
      model.compile(optimizer("sgd"), loss("mse"));
      model.fit(x, y, epochs(60), batchSize(16), verbose(0));
      float[][] kernel = StdArrays.array2dCopyOf(model.getWeights().get(0));
      float bias = model.getWeights().get(1).getFloat(0);
      // Noise-free data: the least-squares fit is exact, and SGD gets within a few hundredths.
      check(near(kernel[0][0], 3) && near(kernel[1][0], -2) && near(bias, 1),
          "fitted 3 a - 2 b + 1 as " + kernel[0][0] + " a + " + kernel[1][0] + " b + " + bias);
      trained = StdArrays.array2dCopyOf(model.predict(x));
      model.save(file);
    }
    try (Model loaded = Models.loadModel(file)) {
      float[][] reloaded = StdArrays.array2dCopyOf(loaded.predict(x));
      for (int i = 0; i < n; i++) {
        check(trained[i][0] == reloaded[i][0],
            "row " + i + ": " + trained[i][0] + " before saving, " + reloaded[i][0] + " after");
      }
    }
    System.out.println("class-path consumer: all checks passed");
  }

  private static boolean near(float actual, float expected) {
    return Math.abs(actual - expected) < 0.05;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
