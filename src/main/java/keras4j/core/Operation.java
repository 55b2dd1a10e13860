package keras4j.core;

/**
 * What computes symbolic tensors from symbolic tensors in the functional API: a layer (Keras's
 * {@code keras.Operation}, the base of {@code Layer}). A symbolic {@link KerasTensor} remembers the
 * operation that made it.
 */
public interface Operation {
  /** The operation's name, unique in a model (e.g. {@code dense_1}). */
  String name();
}
