package keras4j.metrics;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * The {@link IoU} of binary labels and probabilities, Keras's {@code BinaryIoU}: a prediction is
 * class 1 from {@code threshold} on (at or above it), class 0 below; by default the IoU of both
 * classes is averaged.
 */
public class BinaryIoU extends IoU {
  private final double threshold;

  /** Keras's defaults: classes 0 and 1, threshold 0.5, named {@code binary_io_u}. */
  public BinaryIoU() {
    this(new int[] {0, 1}, 0.5, "binary_io_u");
  }

  /**
   * Keras's {@code BinaryIoU(target_class_ids, threshold, name)}.
   *
   * @param targetClassIds the classes averaged: {0}, {1} or {0, 1}
   * @param threshold predictions at or above it are class 1
   * @param name the name in logs
   * @throws IllegalArgumentException for a target class other than 0 or 1
   */
  public BinaryIoU(int[] targetClassIds, double threshold, String name) {
    super(2, targetClassIds, name, null, true, true, -1);
    this.threshold = threshold;
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code BinaryIoU}
   * @return the metric
   */
  public static BinaryIoU fromConfig(ConfigReader config) {
    return new BinaryIoU(config.has("target_class_ids") ? config.ints("target_class_ids")
        : new int[] {0, 1}, config.doubleValue("threshold", 0.5),
        config.string("name", "binary_io_u"));
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    accumulate(yTrue, Ops.cast(Ops.greaterEqual(yPred, constant(threshold)), "float32"),
        sampleWeight);
  }

  /** Keras's keys. */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("target_class_ids", targetList());
    config.put("threshold", threshold);
    config.put("name", name());
    config.put("dtype", "int64");
    return config;
  }
}
