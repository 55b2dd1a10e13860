package keras4j.losses;

import java.util.Map;

/**
 * What the binary and categorical focal crossentropies share: Keras's {@code alpha}, {@code
 * gamma}, {@code from_logits} and {@code label_smoothing}, and their config.
 */
abstract class FocalCrossentropy extends Loss {
  final double alpha;
  final double gamma;
  final boolean fromLogits;
  final double labelSmoothing;

  FocalCrossentropy(String name, double alpha, double gamma, boolean fromLogits,
      double labelSmoothing, String reduction) {
    super(name, reduction);
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1) || !(gamma >= 0)) {
      throw new IllegalArgumentException(name + " needs labelSmoothing in [0, 1] and gamma >= 0,"
          + " got " + labelSmoothing + " and " + gamma);
    }
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("from_logits", fromLogits);
    config.put("label_smoothing", labelSmoothing);
    config.put("axis", -1);
    config.put("alpha", alpha);
    config.put("gamma", gamma);
    return config;
  }
}
