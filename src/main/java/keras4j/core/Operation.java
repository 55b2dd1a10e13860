package keras4j.core;

/**
 * What computes symbolic tensors from symbolic tensors in the functional API: a layer (Keras's
 * {@code keras.Operation}, the base of {@code Layer}). A symbolic {@link KerasTensor} remembers the
 * operation that made it.
 */
public interface Operation {
  /**
   * The operation's name, unique in a model (e.g. {@code dense_1}).
   *
   * @return the operation's name, unique in a model (e.g. {@code dense_1})
   */
  String name();

  /**
   * The operation's calls on symbolic tensors, in call order (Keras's {@code _inbound_nodes}).
   *
   * @return the operation's calls on symbolic tensors, in call order (Keras's {@code
   *     _inbound_nodes})
   */
  java.util.List<Node> inboundNodes();
}
