package keras4j.core;

/** The {@code seed} keyword argument, taken by random layers and by tuners alike. */
public sealed interface SeedArg extends LayerArg, TunerArg permits Kwarg {}
