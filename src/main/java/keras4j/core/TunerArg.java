package keras4j.core;

/**
 * A keyword argument accepted by a tuner's constructor ({@code objective("val_accuracy")},
 * {@code maxTrials(10)}, {@code directory("tuning")}, ...).
 */
public sealed interface TunerArg permits Kwarg, SeedArg, OptimizerOrTunerArg, ApplicationOrTunerArg {}
