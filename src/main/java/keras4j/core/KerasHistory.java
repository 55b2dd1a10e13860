package keras4j.core;

/**
 * Where a symbolic tensor comes from, Keras's {@code _keras_history}: the operation that made it,
 * which of the operation's calls ({@code nodeIndex}) and which of that call's outputs ({@code
 * tensorIndex}). Keras's files write it as {@code [name, nodeIndex, tensorIndex]}.
 *
 * @param operation the operation (layer) that made the tensor
 * @param nodeIndex the position of the call among the operation's calls
 * @param tensorIndex the position of the tensor among the call's outputs
 * @param node the call itself
 */
public record KerasHistory(Operation operation, int nodeIndex, int tensorIndex, Node node) {}
