package keras4j.core;

/**
 * A keyword argument accepted by {@code compile} ({@code optimizer("adam")}, {@code
 * loss("mse")}, ...).
 */
public sealed interface CompileArg permits Kwarg {}
