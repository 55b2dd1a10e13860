package keras4j.activations;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.backend.ActivationKernels;
import keras4j.backend.CoreBridge;
import keras4j.backend.Kernels;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * Keras 3's activation functions by name ({@code keras.activations.get}): every name of {@code
 * keras/src/activations/__init__.py} with Keras 3's formulas and defaults ({@code leaky_relu}'s
 * slope 0.2, {@code gelu} exact, {@code hard_sigmoid} = {@code relu6(x + 3) / 6}), and the aliases
 * {@code swish} (saved as {@code silu}) and {@code hard_swish} ({@code hard_silu}). Keras's {@code
 * threshold} needs arguments and so has no name here; {@code softmax}, {@code log_softmax}, {@code
 * glu} and {@code sparsemax} work on the last axis.
 */
public final class Activations {
  /** The names accepted wherever Keras takes an activation name. */
  public static final List<String> NAMES = ActivationKernels.NAMES;

  private Activations() {}

  /**
   * The activation called {@code name}; null means linear, as in Keras.
   *
   * @param name the Keras name ({@code "relu"}, {@code "sigmoid"}, {@code "softmax"}, {@code
   *     "tanh"}, ...), or null
   * @return the activation called {@code name}; null means linear, as in Keras
   */
  public static Activation get(String name) {
    String given = name == null ? "linear" : name;
    if (given.equals("threshold")) {
      throw new IllegalArgumentException("The activation 'threshold' needs its threshold and"
          + " default_value, so it cannot be given by name (in Keras neither); use a ReLU layer"
          + " with threshold(...) or write the function with keras4j.ops.Ops");
    }
    if (!ActivationKernels.has(given)) {
      throw new IllegalArgumentException(
          "Unknown activation '" + name + "'. Valid names: " + NAMES);
    }
    String key = ActivationKernels.canonical(given);
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
   * The shape of {@code name}'s output for inputs of {@code shape}: the same, but for {@code glu},
   * which halves the last axis.
   *
   * @param name the activation's Keras name
   * @param shape the input shape
   * @return the result
   */
  public static Shape outputShape(String name, Shape shape) {
    if (!ActivationKernels.canonical(name).equals("glu") || shape.numDimensions() == 0) {
      return shape;
    }
    long[] dims = shape.asArray();
    long last = dims[dims.length - 1];
    if (last >= 0 && last % 2 != 0) {
      throw new IllegalArgumentException("glu halves the last axis, which must be even; got"
          + " inputs of shape " + shape);
    }
    dims[dims.length - 1] = last < 0 ? -1 : last / 2;
    return Shape.of(dims);
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
