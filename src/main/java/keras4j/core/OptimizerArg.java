package keras4j.core;

/**
 * A keyword argument accepted by optimizer constructors ({@code new Adam(learningRate(1e-3),
 * clipnorm(1.0))}), made by {@code keras4j.Keras}'s factories.
 */
public sealed interface OptimizerArg permits Kwarg, LayerOrOptimizerArg, OptimizerOrTunerArg {}
