package keras4j.layers;

import java.util.Arrays;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Reorders the sample axes, Keras's {@code Permute}: {@code new Permute(2, 1)} swaps the two axes
 * of {@code (batch, a, b)} inputs. Axes are numbered from 1 (the batch axis stays first).
 */
public class Permute extends Layer {
  private final int[] dims;

  /**
   * The new order of the sample axes, a permutation of 1..n.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   * @param dims the new order of the sample axes, numbered from 1
   */
  public Permute(int[] dims, LayerArg... args) {
    super(args);
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] != i + 1) {
        throw new IllegalArgumentException("Permute dims must be a permutation of 1.."
            + dims.length + " (axis 0 is the batch), got " + Arrays.toString(dims));
      }
    }
    this.dims = dims.clone();
  }

  /**
   * {@link #Permute(int[], LayerArg...)} without keyword arguments: {@code new Permute(2, 1)}.
   *
   * @param dims the new order of the sample axes, numbered from 1
   */
  public Permute(int... dims) {
    this(dims, new LayerArg[0]);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Permute fromConfig(ConfigReader config) {
    return new Permute(config.ints("dims"), ConfigArgs.of(config).get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    int[] perm = new int[dims.length + 1];
    System.arraycopy(dims, 0, perm, 1, dims.length);
    return Ops.transpose(inputs, perm);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != dims.length + 1) {
      throw new IllegalArgumentException("Permute layer '" + name() + "' with dims "
          + Arrays.toString(dims) + " expects inputs of rank " + (dims.length + 1) + ", got "
          + Shapes.toKeras(inputShape));
    }
    long[] out = new long[dims.length + 1];
    out[0] = inputShape.get(0);
    for (int i = 0; i < dims.length; i++) {
      out[i + 1] = inputShape.get(dims[i]);
    }
    return Shape.of(out);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("dims", Arrays.stream(dims).boxed().toList());
    return config;
  }
}
