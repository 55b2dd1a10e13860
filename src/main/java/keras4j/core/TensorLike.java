package keras4j.core;

/**
 * A value the low-level ops accept, like TensorFlow's {@code TensorLike}: a {@link KerasTensor}
 * or a {@link Variable} (read at its current value).
 */
public sealed interface TensorLike permits KerasTensor, Variable {
  /**
   * This value as a tensor: the tensor itself, or a variable's current value.
   *
   * @return the tensor, or the variable's current value as a tensor
   */
  KerasTensor asTensor();
}
