package keras4j.core;

/**
 * A keyword argument accepted by {@code fit}, {@code evaluate} and {@code predict} alike ({@code
 * batchSize}, {@code verbose}, {@code callbacks}).
 */
public sealed interface LoopArg extends FitArg, EvaluateArg, PredictArg permits Kwarg {}
