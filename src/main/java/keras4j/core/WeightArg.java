package keras4j.core;

/**
 * A keyword argument accepted by {@code fit} and {@code evaluate} but not {@code predict}
 * ({@code sampleWeight}).
 */
public sealed interface WeightArg extends FitArg, EvaluateArg permits Kwarg {}
