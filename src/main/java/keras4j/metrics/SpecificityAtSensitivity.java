package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;

/**
 * The best specificity at a given sensitivity (recall), Keras's {@code SpecificityAtSensitivity}:
 * over thresholds evenly spaced in [0, 1], the best specificity among those where the sensitivity
 * (recall) is at least {@code sensitivity} (0 if there is none).
 */
public class SpecificityAtSensitivity extends SensitivitySpecificityBase {
  /**
   * Keras's {@code SpecificityAtSensitivity(sensitivity)}: 200 thresholds, all classes,
   * named {@code
   * specificity_at_sensitivity}.
   *
   * @param sensitivity the sensitivity (recall) to reach, in [0, 1]
   * @throws IllegalArgumentException for a sensitivity outside [0, 1]
   */
  public SpecificityAtSensitivity(double sensitivity) {
    this(sensitivity, 200, null, "specificity_at_sensitivity");
  }

  /**
   * Keras's {@code SpecificityAtSensitivity(sensitivity, num_thresholds, class_id, name)}.
   *
   * @param sensitivity the sensitivity (recall) to reach, in [0, 1]
   * @param numThresholds the number of thresholds (1: the single threshold 0.5)
   * @param classId the class whose column of (samples, classes) outputs counts, or null for all
   *     values
   * @param name the name in logs
   * @throws IllegalArgumentException for a sensitivity outside [0, 1] or no thresholds
   */
  public SpecificityAtSensitivity(double sensitivity, int numThresholds, Integer classId,
      String name) {
    super("sensitivity", sensitivity, numThresholds, classId, name);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code SpecificityAtSensitivity}
   * @return the metric
   */
  public static SpecificityAtSensitivity fromConfig(ConfigReader config) {
    return fromConfig(config, "sensitivity", "specificity_at_sensitivity", SpecificityAtSensitivity::new);
  }

  @Override
  public KerasTensor result() {
    return bestWhere(recalls(), specificities());
  }
}
