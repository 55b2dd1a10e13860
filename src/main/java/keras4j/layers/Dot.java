package keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code Dot(axes, normalize=False)} ({@code layers/merging/dot.py}): the dot product of
 * the samples of two inputs along {@code axes} (one axis for both, or one per input; never the
 * batch axis 0), as Keras's {@code batch_dot}. With {@code normalize(true)} both inputs are first
 * L2-normalized along those axes, so two vectors give their cosine similarity.
 */
public class Dot extends Layer {
  private final int[] axes;
  private final boolean pair;
  private final boolean normalize;

  /**
   * The dot product along {@code axes} of both inputs ({@code Dot(axes=1)}).
   *
   * @param axes the axis of both inputs summed over (negative counts from the end; never 0)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code normalize(true)}, {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Dot(int axes, LayerArg... args) {
    this(new int[] {axes, axes}, false, args);
  }

  /**
   * The dot product along {@code axes[0]} of the first input and {@code axes[1]} of the second.
   *
   * @param axes the axis of each input summed over, two ints
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code normalize(true)}, {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Dot(int[] axes, LayerArg... args) {
    this(axes, true, args);
  }

  private Dot(int[] axes, boolean pair, LayerArg... args) {
    super(args, "normalize");
    if (axes == null || axes.length != 2) {
      throw new IllegalArgumentException("Invalid format for argument `axes`: it should contain"
          + " two elements. Received: axes=" + (axes == null ? null : java.util.Arrays.toString(axes)));
    }
    this.axes = axes.clone();
    Object given = arg("normalize", false);
    if (!(given instanceof Boolean)) {
      throw new IllegalArgumentException("Dot normalize must be true or false, got " + given);
    }
    this.pair = pair;
    this.normalize = (Boolean) given;
  }

  /**
   * Keras's {@code from_config}: {@code axes} is an int or a pair.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Dot fromConfig(ConfigReader config) {
    LayerArg[] args = ConfigArgs.of(config).bool("normalize").get();
    if (config.raw("axes") instanceof List<?>) {
      int[] axes = config.ints("axes");
      if (axes.length != 2) {
        throw config.invalid("axes", "an int or a list of two ints");
      }
      return new Dot(axes, args);
    }
    return new Dot(config.intValue("axes"), args);
  }

  /**
   * The axis of each input, as Keras resolves them: a single negative axis counts from the end
   * of each input; a pair is used as given (Python's negative indexing).
   */
  private int[] resolved(int rank1, int rank2) {
    if (!pair && axes[0] < 0) {
      return new int[] {Math.floorMod(axes[0], rank1), Math.floorMod(axes[0], rank2)};
    }
    return new int[] {Axes.index(this, axes[0], rank1), Axes.index(this, axes[1], rank2)};
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    computeOutputShapes(inputShapes);
  }

  /** Keras's {@code build} checks and {@code compute_output_shape}. */
  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    if (inputShapes.size() != 2) {
      throw new IllegalArgumentException(describe() + ": A `Dot` layer should be called on a list"
          + " of 2 inputs. Received: input_shape="
          + inputShapes.stream().map(Shapes::toKeras).toList());
    }
    Shape s1 = inputShapes.get(0);
    Shape s2 = inputShapes.get(1);
    if (s1.numDimensions() < 2 || s2.numDimensions() < 2) {
      throw new IllegalArgumentException(describe() + ": Cannot do batch_dot on inputs with rank"
          + " < 2. Received inputs with shapes " + Shapes.toKeras(s1) + " and "
          + Shapes.toKeras(s2) + ".");
    }
    int[] at = resolved(s1.numDimensions(), s2.numDimensions());
    if (s1.get(at[0]) != s2.get(at[1])) {
      throw new IllegalArgumentException(describe() + ": Incompatible input shapes: axis values "
          + dim(s1.get(at[0])) + " (at axis " + at[0] + ") != " + dim(s2.get(at[1]))
          + " (at axis " + at[1] + "). Full input shapes: " + Shapes.toKeras(s1) + ", "
          + Shapes.toKeras(s2));
    }
    if (at[0] == 0 || at[1] == 0) {
      throw new IllegalArgumentException(describe() + ": Cannot perform batch_dot over axis 0."
          + " If your inputs are not batched, add a dummy batch dimension to your inputs using"
          + " keras.ops.expand_dims(x, 0)");
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < s1.numDimensions(); i++) {
      if (i != at[0]) {
        out.add(s1.get(i));
      }
    }
    for (int i = 1; i < s2.numDimensions(); i++) {
      if (i != at[1]) {
        out.add(s2.get(i));
      }
    }
    if (out.size() == 1) {
      out.add(1L);
    }
    return List.of(Shape.of(out.stream().mapToLong(Long::longValue).toArray()));
  }

  private static String dim(long d) {
    return d < 0 ? "None" : Long.toString(d);
  }

  /**
   * Keras's {@code batch_dot}: x with its axis moved last, seen as (batch, M, K); y with its axis
   * moved to position 1, seen as (batch, K, N); their batched product reshaped to the output.
   */
  @Override
  protected KerasTensor call(List<KerasTensor> inputs, boolean training) {
    KerasTensor x = inputs.get(0);
    KerasTensor y = inputs.get(1);
    Shape out = computeOutputShapes(List.of(x.shape(), y.shape())).get(0);
    int[] at = resolved(x.shape().numDimensions(), y.shape().numDimensions());
    if (normalize) {
      x = Ops.normalize(x, at[0]);
      y = Ops.normalize(y, at[1]);
    }
    KerasTensor xs = Ops.transpose(x, moved(x.shape().numDimensions(), at[0], x.shape().numDimensions() - 1));
    KerasTensor ys = Ops.transpose(y, moved(y.shape().numDimensions(), at[1], 1));
    long k = Math.max(x.shape().get(at[0]), y.shape().get(at[1]));
    if (k < 0) {
      throw new IllegalArgumentException(describe() + " needs the size of the axes it sums over"
          + " to be known, got " + Shapes.toKeras(x.shape()) + " and " + Shapes.toKeras(y.shape()));
    }
    long m = samples(x.shape(), at[0]);
    long n = samples(y.shape(), at[1]);
    // The product as a broadcast multiply and sum: TensorFlow's C++ gradient registry, which
    // training uses, has no gradient for BatchMatMul; the dims are a layer's, so this is small.
    KerasTensor product = Ops.sum(Ops.multiply(
        Ops.reshape(xs, -1, m, k, 1), Ops.reshape(ys, -1, 1, k, n)), 2);
    return Ops.reshapeSamples(product, out.tail());
  }

  /** The permutation of {@code rank} axes moving axis {@code from} to {@code to}. */
  private static int[] moved(int rank, int from, int to) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (i != from) {
        order.add(i);
      }
    }
    order.add(to, from);
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The product of the sample dimensions of {@code shape} other than {@code axis}. */
  private long samples(Shape shape, int axis) {
    long size = 1;
    for (int i = 1; i < shape.numDimensions(); i++) {
      if (i != axis) {
        if (shape.get(i) < 0) {
          throw new IllegalArgumentException(describe() + " needs inputs whose dimensions other"
              + " than the batch are known, got " + Shapes.toKeras(shape));
        }
        size *= shape.get(i);
      }
    }
    return size;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axes", pair ? List.of(axes[0], axes[1]) : axes[0]);
    config.put("normalize", normalize);
    return config;
  }
}
