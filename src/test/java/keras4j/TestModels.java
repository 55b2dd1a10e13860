package keras4j;

import static keras4j.Keras.*;

import java.util.List;
import java.util.Map;
import keras4j.layers.Activation;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** Small models whose outputs tests control exactly. */
public final class TestModels {
  private TestModels() {}

  /** A model whose output is {@code activation(x)}: an identity Dense layer, then the activation. */
  public static Sequential identity(int width, String activation) {
    Dense dense = new Dense(width, useBias(false), inputShape(width));
    Sequential model = new Sequential(dense, new Activation(activation));
    FloatNdArray eye = NdArrays.ofFloats(Shape.of(width, width));
    for (int i = 0; i < width; i++) {
      eye.setFloat(1f, i, i);
    }
    model.setWeights(List.of(eye));
    return model;
  }

  /** The loss that {@code lossAlias} gives for outputs {@code activation(x)} and labels {@code y}. */
  public static double lossOf(String lossAlias, String activation, float[][] x, Object y) {
    try (Sequential model = identity(x[0].length, activation)) {
      model.compile(optimizer("sgd"), Keras.loss(lossAlias));
      Map<String, Double> scores = model.evaluate(x, y, batchSize(x.length), verbose(0));
      return scores.get("loss");
    }
  }

  /** Asserts {@code actual} is within {@code relative} of {@code expected}. */
  public static void assertClose(double expected, double actual, double relative) {
    double scale = Math.max(Math.abs(expected), 1e-12);
    if (Math.abs(expected - actual) / scale > relative) {
      throw new AssertionError("expected " + expected + " but was " + actual
          + " (relative error " + Math.abs(expected - actual) / scale + ")");
    }
  }
}
