package keras4j.activations;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.backend.CoreBridge;
import keras4j.backend.Kernels;
import keras4j.ops.Ops;

/** Keras's activation functions by name ({@code keras.activations.get}). */
public final class Activations {
  /** The names accepted wherever Keras takes an activation name. */
  public static final List<String> NAMES =
      List.of(
          "linear", "relu", "sigmoid", "softmax", "tanh", "elu", "selu", "softplus", "softsign",
          "swish", "gelu", "hard_sigmoid", "exponential");

  private Activations() {}

  /**
   * The activation called {@code name}; null means linear, as in Keras.
   *
   * @param name the Keras name ({@code "relu"}, {@code "sigmoid"}, {@code "softmax"}, {@code
   *     "tanh"}, ...), or null
   * @return the activation called {@code name}; null means linear, as in Keras
   */
  public static Activation get(String name) {
    String key = name == null ? "linear" : name;
    if (!NAMES.contains(key)) {
      throw new IllegalArgumentException(
          "Unknown activation '" + name + "'. Valid names: " + NAMES);
    }
    return new Activation() {
      @Override
      public KerasTensor apply(KerasTensor x) {
        return Ops.activation(key, x);
      }

      @Override
      public String name() {
        return key;
      }
    };
  }

  /**
   * Keras's {@code keras.activations.relu(x, negative_slope, max_value, threshold)}: {@code x}
   * above {@code threshold} (capped at {@code maxValue} unless null), {@code negativeSlope * (x -
   * threshold)} below it.
   *
   * @param x the input values
   * @param negativeSlope the slope below {@code threshold} (Keras's {@code negative_slope}, 0 for
   *     the plain rectifier)
   * @param maxValue the ceiling of the output (Keras's {@code max_value}), or null for none
   * @param threshold the value below which the output is damped (Keras's {@code threshold}, default
   *     0)
   * @return the rectified values, shaped like {@code x}
   */
  public static KerasTensor relu(
      KerasTensor x, double negativeSlope, Double maxValue, double threshold) {
    return CoreBridge.kerasTensor(Kernels.relu(CoreBridge.tensor(x), (float) negativeSlope,
        maxValue == null ? null : maxValue.floatValue(), (float) threshold));
  }
}
