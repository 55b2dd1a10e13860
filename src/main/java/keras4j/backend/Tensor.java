package keras4j.backend;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A float32 tensor of a {@link ModelGraph}, with the logits it was computed from when it is the
 * output of a softmax or sigmoid (crossentropy losses use those, as Keras does, for stability).
 */
public record Tensor(
    ModelGraph graph, Operand<TFloat32> operand, Operand<TFloat32> logits, String activation) {

  /** A tensor with no logits behind it. */
  public Tensor(ModelGraph graph, Operand<TFloat32> operand) {
    this(graph, operand, null, null);
  }

  /** The logits if this tensor is the output of {@code activation}, else null. */
  public Operand<TFloat32> logitsOf(String activation) {
    return activation.equals(this.activation) ? logits : null;
  }
}
