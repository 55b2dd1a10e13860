package keras4j.core;

import java.util.List;
import keras4j.backend.ModelGraph;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import keras4j.backend.Tensor;
import keras4j.backend.TensorMath;
import keras4j.layers.Layer;
import org.tensorflow.ndarray.Shape;

/**
 * A tensor flowing between layers, like {@code keras.KerasTensor}.
 *
 * <p>It is <em>symbolic</em> when built with the functional API ({@code Input.shape(784)} and
 * {@code layer.apply(x)}): it records which layer made it from which inputs, so that {@code new
 * Model(inputs, outputs)} can replay the graph. It is <em>concrete</em> inside a trace (a layer's
 * {@code call}, a subclassed model's {@code call}): then it is a real tensor of the model's graph
 * and its methods ({@link #matmul}, {@link #add}, ...) add operations. It is <em>eager</em> when
 * it holds a value on the heap: a result of a function traced by {@code keras4j.tf.TF.function},
 * or a constant; {@link #numpy()} reads it, and a trace using it embeds it as a constant.
 *
 * <p>Shapes include the batch dimension first, -1 when unknown (Keras prints it as None).
 */
public final class KerasTensor implements TensorLike {
  private final Shape shape;
  private final Layer layer;
  private final List<KerasTensor> inbound;
  private final Tensor tensor;
  private final FloatNdArray value;

  private KerasTensor(
      Shape shape, Layer layer, List<KerasTensor> inbound, Tensor tensor, FloatNdArray value) {
    this.shape = shape;
    this.layer = layer;
    this.inbound = inbound;
    this.tensor = tensor;
    this.value = value;
  }

  /** Internal: a symbolic tensor made by {@code layer} from {@code inbound}. */
  public static KerasTensor symbolic(Shape shape, Layer layer, List<KerasTensor> inbound) {
    return new KerasTensor(shape, layer, List.copyOf(inbound), null, null);
  }

  /** Internal: wraps a tensor of the graph being traced. */
  public static KerasTensor of(Tensor tensor) {
    return new KerasTensor(tensor.operand().shape(), null, List.of(), tensor, null);
  }

  /** An eager tensor holding a copy of {@code value}, like {@code tf.constant(value)}. */
  public static KerasTensor constant(NdArray<Float> value) {
    return new KerasTensor(value.shape(), null, List.of(), null, copy(value));
  }

  private static FloatNdArray copy(NdArray<Float> value) {
    FloatNdArray out = NdArrays.ofFloats(value.shape());
    value.copyTo(out);
    return out;
  }

  /** Internal: wraps an operand of {@code graph}. */
  public static KerasTensor of(ModelGraph graph, org.tensorflow.Operand<org.tensorflow.types.TFloat32> operand) {
    return of(new Tensor(graph, operand));
  }

  /** The shape, batch dimension first (-1 when unknown). */
  public Shape shape() {
    return shape;
  }

  /** Whether this tensor only describes a future value (functional API). */
  public boolean isSymbolic() {
    return tensor == null && value == null;
  }

  /** Whether this tensor holds a value on the heap (a traced function's result, a constant). */
  public boolean isEager() {
    return value != null;
  }

  /**
   * A copy of the value, like {@code tensor.numpy()}; {@code numpy().getFloat()} reads a scalar.
   * Only eager tensors have one: a tensor inside a trace gets its value when the traced function
   * returns it.
   */
  public FloatNdArray numpy() {
    if (value == null) {
      throw new IllegalStateException(
          tensor != null
              ? "This tensor belongs to a graph being traced (the body of TF.function or a model's"
                  + " call) and has no value yet: return it from the traced function, whose result"
                  + " holds its value"
              : "This is a symbolic tensor of the functional API; it has no value until a model runs");
    }
    return copy(value);
  }

  @Override
  public KerasTensor asTensor() {
    return this;
  }

  /** The layer that produced this symbolic tensor, or null for an input. */
  public Layer layer() {
    return layer;
  }

  /** The tensors this symbolic tensor was computed from. */
  public List<KerasTensor> inbound() {
    return inbound;
  }

  /**
   * Internal: the graph tensor behind a concrete KerasTensor. An eager one becomes a constant of
   * the graph being traced; a graph tensor must belong to the graph being traced, if any.
   */
  public Tensor tensor() {
    if (value != null) {
      ModelGraph graph = ModelGraph.current();
      return new Tensor(graph, graph.tf().constant(value));
    }
    if (tensor == null) {
      throw new IllegalStateException(
          "This is a symbolic tensor of the functional API; it has no value until a model runs");
    }
    ModelGraph.checkTraced(tensor.graph());
    return tensor;
  }

  /** Matrix product {@code this @ other}. */
  public KerasTensor matmul(KerasTensor other) {
    return of(TensorMath.matmul(tensor(), other.tensor()));
  }

  /** Element-wise sum, with broadcasting. */
  public KerasTensor add(KerasTensor other) {
    return of(TensorMath.add(tensor(), other.tensor()));
  }

  /** Element-wise difference, with broadcasting. */
  public KerasTensor sub(KerasTensor other) {
    return of(TensorMath.sub(tensor(), other.tensor()));
  }

  /** Element-wise product, with broadcasting. */
  public KerasTensor mul(KerasTensor other) {
    return of(TensorMath.mul(tensor(), other.tensor()));
  }

  /** Element-wise quotient, with broadcasting. */
  public KerasTensor div(KerasTensor other) {
    return of(TensorMath.div(tensor(), other.tensor()));
  }

  /** This tensor times a constant. */
  public KerasTensor mul(float factor) {
    return of(TensorMath.scale(tensor(), factor));
  }

  /** Element-wise absolute value. */
  public KerasTensor abs() {
    return of(TensorMath.abs(tensor()));
  }

  /** Element-wise square. */
  public KerasTensor square() {
    return of(TensorMath.square(tensor()));
  }

  /** Mean of all elements. */
  public KerasTensor reduceMean() {
    return of(TensorMath.reduceMean(tensor()));
  }

  /** Sum of all elements. */
  public KerasTensor reduceSum() {
    return of(TensorMath.reduceSum(tensor()));
  }

  @Override
  public String toString() {
    if (value != null) {
      return "<KerasTensor shape=" + Shapes.toKeras(shape)
          + (shape.numDimensions() == 0 ? ", value=" + value.getFloat() : "") + ">";
    }
    return "<KerasTensor shape=" + Shapes.toKeras(shape)
        + (layer != null ? ", made by " + layer.name() : "") + ">";
  }
}
