package keras4j.metrics;

import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;

/**
 * The best sensitivity (recall) at a given specificity, Keras's {@code SensitivityAtSpecificity}:
 * over thresholds evenly spaced in [0, 1], the best sensitivity (recall) among those where the
 * specificity is at least {@code specificity} (0 if there is none).
 */
public class SensitivityAtSpecificity extends SensitivitySpecificityBase {
  /**
   * Keras's {@code SensitivityAtSpecificity(specificity)}: 200 thresholds, all classes,
   * named {@code
   * sensitivity_at_specificity}.
   *
   * @param specificity the specificity to reach, in [0, 1]
   * @throws IllegalArgumentException for a specificity outside [0, 1]
   */
  public SensitivityAtSpecificity(double specificity) {
    this(specificity, 200, null, "sensitivity_at_specificity");
  }

  /**
   * Keras's {@code SensitivityAtSpecificity(specificity, num_thresholds, class_id, name)}.
   *
   * @param specificity the specificity to reach, in [0, 1]
   * @param numThresholds the number of thresholds (1: the single threshold 0.5)
   * @param classId the class whose column of (samples, classes) outputs counts, or null for all
   *     values
   * @param name the name in logs
   * @throws IllegalArgumentException for a specificity outside [0, 1] or no thresholds
   */
  public SensitivityAtSpecificity(double specificity, int numThresholds, Integer classId,
      String name) {
    super("specificity", specificity, numThresholds, classId, name);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code SensitivityAtSpecificity}
   * @return the metric
   */
  public static SensitivityAtSpecificity fromConfig(ConfigReader config) {
    return fromConfig(config, "specificity", "sensitivity_at_specificity", SensitivityAtSpecificity::new);
  }

  @Override
  public KerasTensor result() {
    return bestWhere(specificities(), recalls());
  }
}
