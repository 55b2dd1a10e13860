package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;

/**
 * The best recall at a given precision, Keras's {@code RecallAtPrecision}: over thresholds evenly
 * spaced in [0, 1], the best recall among those where the precision is at least {@code precision}
 * (0 if there is none).
 */
public class RecallAtPrecision extends SensitivitySpecificityBase {
  /**
   * Keras's {@code RecallAtPrecision(precision)}: 200 thresholds, all classes, named {@code
   * recall_at_precision}.
   *
   * @param precision the precision to reach, in [0, 1]
   * @throws IllegalArgumentException for a precision outside [0, 1]
   */
  public RecallAtPrecision(double precision) {
    this(precision, 200, null, "recall_at_precision");
  }

  /**
   * Keras's {@code RecallAtPrecision(precision, num_thresholds, class_id, name)}.
   *
   * @param precision the precision to reach, in [0, 1]
   * @param numThresholds the number of thresholds (1: the single threshold 0.5)
   * @param classId the class whose column of (samples, classes) outputs counts, or null for all
   *     values
   * @param name the name in logs
   * @throws IllegalArgumentException for a precision outside [0, 1] or no thresholds
   */
  public RecallAtPrecision(double precision, int numThresholds, Integer classId, String name) {
    super("precision", precision, numThresholds, classId, name);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code RecallAtPrecision}
   * @return the metric
   */
  public static RecallAtPrecision fromConfig(ConfigReader config) {
    return fromConfig(config, "precision", "recall_at_precision", RecallAtPrecision::new);
  }

  @Override
  public KerasTensor result() {
    return bestWhere(precisions(), recalls());
  }
}
