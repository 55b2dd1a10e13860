package keras4j.core;

/**
 * A keyword argument that applications and tuners both take under one Keras name ({@code
 * alpha(..)}: MobileNetV2's width multiplier, BayesianOptimization's noise), so that one factory
 * serves both.
 */
public sealed interface ApplicationOrTunerArg extends ApplicationArg, TunerArg permits Kwarg {}
