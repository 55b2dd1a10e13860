package keras4j.optimizers;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;

/**
 * The optimizer tests' model, as in reference.py and make_keras_optimizer_fixtures.py: one
 * linear Dense(3) on 4 features with fixed weights, trained with "mse" on the 8 rows of {@link
 * #X} in two batches of 4, without shuffling.
 */
final class TinyRegression {
  /** Relative tolerance: float32 training against a float64 or a Keras reference. */
  static final double RTOL = 1e-5;
  /** Below this magnitude an error is measured in absolute terms. */
  private static final double FLOOR = 1e-2;

  static final float[][] X = {
    {0.5f, -1.0f, 2.0f, 0.3f},
    {1.5f, 0.2f, -0.7f, 1.1f},
    {-0.4f, 0.9f, 0.1f, -1.3f},
    {2.0f, -0.6f, 0.8f, 0.4f},
    {0.7f, 1.2f, -1.5f, 0.2f},
    {-1.1f, 0.3f, 0.6f, 0.9f},
    {0.2f, -0.8f, 1.4f, -0.5f},
    {1.0f, 0.5f, 0.3f, 1.6f}
  };
  static final float[][] Y = {
    {1.0f, 0.0f, -0.5f},
    {0.2f, 1.3f, 0.4f},
    {-0.7f, 0.5f, 1.1f},
    {0.9f, -1.2f, 0.3f},
    {0.4f, 0.8f, -0.9f},
    {-0.3f, 0.6f, 0.7f},
    {1.2f, -0.4f, 0.1f},
    {0.0f, 1.0f, -1.0f}
  };
  private static final float[][] KERNEL = {
    {0.2f, -0.3f, 0.5f},
    {0.7f, 0.1f, -0.4f},
    {-0.6f, 0.8f, 0.3f},
    {0.4f, -0.2f, 0.9f}
  };
  private static final float[] BIAS = {0.1f, -0.2f, 0.05f};

  private TinyRegression() {}

  /** The model with its starting weights, compiled with {@code optimizer} and "mse". */
  static Sequential model(Optimizer optimizer) {
    Sequential model = new Sequential(new Dense(3, inputShape(4)));
    model.setWeights(List.of(StdArrays.ndCopyOf(KERNEL), NdArrays.vectorOf(BIAS)));
    model.compile(optimizer(optimizer), loss("mse"));
    return model;
  }

  /** {@code epochs} epochs of 2 steps; returns the loss of each. */
  static List<Double> fit(Model model, int epochCount) {
    History history =
        model.fit(X, Y, epochs(epochCount), batchSize(4), shuffle(false), verbose(0));
    return history.history().get("loss");
  }

  /** The weights, kernel row by row then bias. */
  static float[] weights(Model model) {
    List<Float> values = new ArrayList<>();
    for (FloatNdArray w : model.getWeights()) {
      w.scalars().forEach(s -> values.add(s.getFloat()));
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** Largest error relative to max(|expected|, FLOOR), over every value. */
  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": value count");
    double worst = 0;
    int at = 0;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), FLOOR);
      if (error > worst) {
        worst = error;
        at = i;
      }
    }
    assertTrue(worst <= RTOL, what + ": value " + at + " is " + actual[at] + ", expected "
        + expected[at] + " (relative error " + worst + ")");
  }

  /** A fixture file of this package's resources. */
  static Path resource(String name) {
    try {
      return Path.of(TinyRegression.class.getResource("/keras4j/optimizers/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/optimizers/" + name, e);
    }
  }

  /** A JSON fixture of this package's resources. */
  static Map<String, Object> json(String name) {
    try {
      return Json.parseObject(Files.readString(resource(name)), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON list of numbers as floats. */
  static float[] floats(Object list) {
    List<?> values = (List<?>) list;
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }
}
