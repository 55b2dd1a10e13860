package keras4j.core;

/**
 * A keyword argument that optimizers and tuners both take under one Keras name ({@code
 * beta(0.5)} in {@code new Ftrl(...)} and in {@code new BayesianOptimization(...)}), so that one
 * factory serves both.
 */
public sealed interface OptimizerOrTunerArg extends OptimizerArg, TunerArg permits Kwarg {}
