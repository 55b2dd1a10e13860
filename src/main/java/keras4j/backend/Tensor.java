package keras4j.backend;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * A tensor of a {@link ModelGraph}, of any {@link DType}, with the logits it was computed from
 * when it is the output of a softmax or sigmoid (crossentropy losses use those, as Keras does, for
 * stability).
 */
public record Tensor(
    ModelGraph graph, Operand<? extends TType> value, Operand<TFloat32> logits, String activation) {

  /** A tensor with no logits behind it. */
  public Tensor(ModelGraph graph, Operand<? extends TType> value) {
    this(graph, value, null, null);
  }

  /** The dtype. */
  public DType dtype() {
    return DType.of(value.type());
  }

  /**
   * The value as a float32 operand, for the ops that compute in float32 only (layers, losses,
   * optimizers); another dtype is refused with a message saying how to cast it.
   */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> operand() {
    if (value.type() != TFloat32.class) {
      throw new IllegalArgumentException(
          "Expected a float32 tensor, got " + dtype() + " (shape " + value.shape() + "): cast it"
              + " first, Ops.cast(x, \"float32\"); keras4j never casts integers to floats"
              + " silently");
    }
    return (Operand<TFloat32>) value;
  }

  /**
   * The value as a floating operand, float32 or a mixed precision policy's float16 or bfloat16,
   * for the kernels that layers of such a policy run in its compute dtype (matmul, bias, conv,
   * pooling); typed as float32 for TensorFlow Java's generic builders, the graph op takes the
   * dtype of its inputs. Another dtype is refused as {@link #operand()} refuses it.
   */
  @SuppressWarnings("unchecked")
  public Operand<TFloat32> floating() {
    DType dtype = dtype();
    return dtype == DType.FLOAT16 || dtype == DType.BFLOAT16 ? (Operand<TFloat32>) value
        : operand();
  }

  /** The value as an operand of the type the caller names (unchecked: check {@link #dtype()}). */
  @SuppressWarnings("unchecked")
  public <T extends TType> Operand<T> any() {
    return (Operand<T>) value;
  }

  /** The logits if this tensor is the output of {@code activation}, else null. */
  public Operand<TFloat32> logitsOf(String activation) {
    return activation.equals(this.activation) ? logits : null;
  }
}
