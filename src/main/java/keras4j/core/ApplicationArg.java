package keras4j.core;

/**
 * A keyword argument accepted by the builders of {@code keras4j.applications} ({@code
 * includeTop(false)}, {@code weights("none")}, {@code classes(10)}, ...).
 */
public sealed interface ApplicationArg permits Kwarg, LayerOrApplicationArg, ApplicationOrTunerArg {}
