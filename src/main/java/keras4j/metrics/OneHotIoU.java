package keras4j.metrics;

import java.util.Map;
import keras4j.saving.ConfigReader;

/**
 * The {@link IoU} of one-hot labels and per-class scores, Keras's {@code OneHotIoU}: both
 * arg-maxed along {@code axis} (predictions too unless {@code sparseYPred}).
 */
public class OneHotIoU extends IoU {
  /**
   * Keras's {@code OneHotIoU(num_classes, target_class_ids)}, named {@code one_hot_io_u}.
   *
   * @param numClasses the number of classes, at least 1
   * @param targetClassIds the classes whose IoU is averaged
   * @throws IllegalArgumentException for a target class out of range
   */
  public OneHotIoU(int numClasses, int[] targetClassIds) {
    this(numClasses, targetClassIds, "one_hot_io_u", null, false, -1);
  }

  /**
   * Keras's {@code OneHotIoU(num_classes, target_class_ids, name, ignore_class, sparse_y_pred,
   * axis)}.
   *
   * @param numClasses the number of classes, at least 1
   * @param targetClassIds the classes whose IoU is averaged
   * @param name the name in logs
   * @param ignoreClass a label left out, or null
   * @param sparseYPred whether predictions are class ids (else scores, arg-maxed)
   * @param axis the class axis
   * @throws IllegalArgumentException for no classes or a target class out of range
   */
  public OneHotIoU(int numClasses, int[] targetClassIds, String name, Integer ignoreClass,
      boolean sparseYPred, int axis) {
    super(numClasses, targetClassIds, name, ignoreClass, false, sparseYPred, axis);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code OneHotIoU}
   * @return the metric
   */
  public static OneHotIoU fromConfig(ConfigReader config) {
    return new OneHotIoU(config.intValue("num_classes"), config.ints("target_class_ids"),
        config.string("name", "one_hot_io_u"), ignoreClass(config),
        config.bool("sparse_y_pred", false), config.intValue("axis", -1));
  }

  /** Keras's keys: labels are one-hot by definition. */
  @Override
  public Map<String, Object> getConfig() {
    return configOf("num_classes", "target_class_ids", "name", "dtype", "ignore_class",
        "sparse_y_pred", "axis");
  }
}
