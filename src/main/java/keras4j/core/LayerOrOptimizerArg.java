package keras4j.core;

/**
 * A keyword argument that layers and optimizers both take under one Keras name ({@code
 * epsilon(1e-7)} in {@code new Adam(...)} and in {@code new LayerNormalization(...)}), so that one
 * factory serves both.
 */
public sealed interface LayerOrOptimizerArg extends LayerArg, OptimizerArg permits Kwarg {}
