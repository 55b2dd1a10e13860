package keras4j.core;

/**
 * A keyword argument that layers and {@code keras4j.applications} builders both take under one
 * Keras name ({@code inputShape(96, 96, 3)}, {@code name("...")}), so that one factory serves both.
 */
public sealed interface LayerOrApplicationArg extends LayerArg, ApplicationArg permits Kwarg {}
