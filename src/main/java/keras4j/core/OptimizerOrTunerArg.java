package keras4j.core;

/**
 * A keyword argument that optimizers and tuners both take under one Keras name ({@code
 * beta(..)}: Ftrl's beta in {@code new Ftrl(...)}, the exploration factor in {@code new
 * BayesianOptimization(...)}), so that one factory serves both.
 */
public sealed interface OptimizerOrTunerArg extends OptimizerArg, TunerArg permits Kwarg {}
