package keras4j.losses;

import java.util.Map;
import keras4j.backend.FrameworkLosses.Kind;

/**
 * What the binary and categorical crossentropies share: Keras's {@code label_smoothing}, which
 * moves each label towards the uniform one ({@code y * (1 - s) + s / classes}, with 2 classes
 * for the binary one), and their config.
 */
abstract class SmoothedCrossentropy extends BuiltinLoss {
  private final double labelSmoothing;

  SmoothedCrossentropy(String name, Kind kind, boolean fromLogits, double labelSmoothing,
      String reduction) {
    super(name, kind, fromLogits, reduction);
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          name + " needs labelSmoothing in [0, 1], got " + labelSmoothing);
    }
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  float labelSmoothing() {
    return (float) labelSmoothing;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("from_logits", fromLogits());
    config.put("label_smoothing", labelSmoothing);
    config.put("axis", -1);
    return config;
  }
}
