package keras4j.core;

/**
 * A keyword argument accepted by layer constructors, made by {@code keras4j.Keras}'s factories
 * ({@code activation("relu")}, {@code name("dense")}, ...).
 */
public sealed interface LayerArg
    permits Kwarg, SeedArg, LayerOrOptimizerArg, LayerOrApplicationArg {}
