package keras4j.metrics;

import java.util.Map;
import keras4j.saving.ConfigReader;

/**
 * The F1 score, Keras's {@code F1Score}: the {@link FBetaScore} with beta 1, {@code 2 * precision
 * * recall / (precision + recall)}, the harmonic mean of precision and recall.
 */
public class F1Score extends FBetaScore {
  /** Keras's defaults: no averaging, the arg-max rule, named {@code f1_score}. */
  public F1Score() {
    this(null, null, "f1_score");
  }

  /**
   * Keras's {@code F1Score(average, threshold, name)}.
   *
   * @param average null (one score per class), "micro", "macro" or "weighted", as {@link
   *     FBetaScore}
   * @param threshold predictions above it are positive, in (0, 1]; null: each row's largest
   * @param name the name in logs
   * @throws IllegalArgumentException for another average or threshold
   */
  public F1Score(String average, Double threshold, String name) {
    super(average, 1.0, threshold, name);
  }

  /**
   * The score a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code F1Score}
   * @return the metric
   */
  public static F1Score fromConfig(ConfigReader config) {
    return new F1Score(config.string("average", null), threshold(config),
        config.string("name", "f1_score"));
  }

  /** As Keras, the config has no {@code beta}. */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.remove("beta");
    return config;
  }
}
