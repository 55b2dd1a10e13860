package keras4j.core;

/** A keyword argument accepted by {@code evaluate} and {@code predict} ({@code steps}). */
public sealed interface InferenceArg extends EvaluateArg, PredictArg permits Kwarg {}
