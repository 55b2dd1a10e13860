package keras4j.core;

/** A keyword argument accepted by {@code predict}. */
public sealed interface PredictArg permits Kwarg, LoopArg, InferenceArg {}
