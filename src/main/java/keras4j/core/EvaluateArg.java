package keras4j.core;

/** A keyword argument accepted by {@code evaluate}. */
public sealed interface EvaluateArg permits Kwarg, LoopArg, InferenceArg {}
