package keras4j.core;

/** A keyword argument accepted by {@code fit} ({@code epochs(10)}, {@code batchSize(128)}, ...). */
public sealed interface FitArg permits Kwarg, LoopArg, WeightArg {}
