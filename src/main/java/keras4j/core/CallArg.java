package keras4j.core;

/**
 * A keyword argument of a layer's call, Keras's {@code layer(x, use_causal_mask=True)}, made by
 * {@code keras4j.Keras}'s factories ({@code useCausalMask(true)}, {@code
 * returnAttentionScores(true)}) and given to {@code Layer.applyAll(inputs, args...)}.
 */
public sealed interface CallArg permits Kwarg {}
