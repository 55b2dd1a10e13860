package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;

/**
 * The best precision at a given recall, Keras's {@code PrecisionAtRecall}: over thresholds evenly
 * spaced in [0, 1], the best precision among those where the recall is at least {@code recall} (0
 * if there is none).
 */
public class PrecisionAtRecall extends SensitivitySpecificityBase {
  /**
   * Keras's {@code PrecisionAtRecall(recall)}: 200 thresholds, all classes, named {@code
   * precision_at_recall}.
   *
   * @param recall the recall to reach, in [0, 1]
   * @throws IllegalArgumentException for a recall outside [0, 1]
   */
  public PrecisionAtRecall(double recall) {
    this(recall, 200, null, "precision_at_recall");
  }

  /**
   * Keras's {@code PrecisionAtRecall(recall, num_thresholds, class_id, name)}.
   *
   * @param recall the recall to reach, in [0, 1]
   * @param numThresholds the number of thresholds (1: the single threshold 0.5)
   * @param classId the class whose column of (samples, classes) outputs counts, or null for all
   *     values
   * @param name the name in logs
   * @throws IllegalArgumentException for a recall outside [0, 1] or no thresholds
   */
  public PrecisionAtRecall(double recall, int numThresholds, Integer classId, String name) {
    super("recall", recall, numThresholds, classId, name);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code PrecisionAtRecall}
   * @return the metric
   */
  public static PrecisionAtRecall fromConfig(ConfigReader config) {
    return fromConfig(config, "recall", "precision_at_recall", PrecisionAtRecall::new);
  }

  @Override
  public KerasTensor result() {
    return bestWhere(recalls(), precisions());
  }
}
