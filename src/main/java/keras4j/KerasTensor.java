package keras4j;

import java.util.List;
import keras4j.backend.ModelGraph;
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
 * and its methods ({@link #matmul}, {@link #add}, ...) add operations.
 *
 * <p>Shapes include the batch dimension first, -1 when unknown (Keras prints it as None).
 */
public final class KerasTensor {
  private final Shape shape;
  private final Layer layer;
  private final List<KerasTensor> inbound;
  private final Tensor tensor;

  private KerasTensor(Shape shape, Layer layer, List<KerasTensor> inbound, Tensor tensor) {
    this.shape = shape;
    this.layer = layer;
    this.inbound = inbound;
    this.tensor = tensor;
  }

  /** Internal: a symbolic tensor made by {@code layer} from {@code inbound}. */
  public static KerasTensor symbolic(Shape shape, Layer layer, List<KerasTensor> inbound) {
    return new KerasTensor(shape, layer, List.copyOf(inbound), null);
  }

  /** Internal: wraps a tensor of the graph being traced. */
  public static KerasTensor of(Tensor tensor) {
    return new KerasTensor(tensor.operand().shape(), null, List.of(), tensor);
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
    return tensor == null;
  }

  /** The layer that produced this symbolic tensor, or null for an input. */
  public Layer layer() {
    return layer;
  }

  /** The tensors this symbolic tensor was computed from. */
  public List<KerasTensor> inbound() {
    return inbound;
  }

  /** Internal: the graph tensor behind a concrete KerasTensor. */
  public Tensor tensor() {
    if (tensor == null) {
      throw new IllegalStateException(
          "This is a symbolic tensor of the functional API; it has no value until a model runs");
    }
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
    return "<KerasTensor shape=" + Shapes.toKeras(shape)
        + (layer != null ? ", made by " + layer.name() : "") + ">";
  }
}
