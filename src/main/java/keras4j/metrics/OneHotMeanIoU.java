package keras4j.metrics;

import java.util.Map;
import keras4j.saving.ConfigReader;

/**
 * The {@link MeanIoU} of one-hot labels and per-class scores, Keras's {@code OneHotMeanIoU}: both
 * arg-maxed along {@code axis} (predictions too unless {@code sparseYPred}).
 */
public class OneHotMeanIoU extends MeanIoU {
  /**
   * Keras's {@code OneHotMeanIoU(num_classes)}, named {@code one_hot_mean_io_u}.
   *
   * @param numClasses the number of classes, at least 1
   */
  public OneHotMeanIoU(int numClasses) {
    this(numClasses, "one_hot_mean_io_u", null, false, -1);
  }

  /**
   * Keras's {@code OneHotMeanIoU(num_classes, name, ignore_class, sparse_y_pred, axis)}.
   *
   * @param numClasses the number of classes, at least 1
   * @param name the name in logs
   * @param ignoreClass a label left out, or null
   * @param sparseYPred whether predictions are class ids (else scores, arg-maxed)
   * @param axis the class axis
   * @throws IllegalArgumentException for no classes
   */
  public OneHotMeanIoU(int numClasses, String name, Integer ignoreClass, boolean sparseYPred,
      int axis) {
    super(numClasses, name, ignoreClass, false, sparseYPred, axis);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code OneHotMeanIoU}
   * @return the metric
   */
  public static OneHotMeanIoU fromConfig(ConfigReader config) {
    return new OneHotMeanIoU(config.intValue("num_classes"),
        config.string("name", "one_hot_mean_io_u"), ignoreClass(config),
        config.bool("sparse_y_pred", false), config.intValue("axis", -1));
  }

  /** Keras's keys: labels are one-hot by definition. */
  @Override
  public Map<String, Object> getConfig() {
    return configOf("num_classes", "name", "dtype", "ignore_class", "sparse_y_pred", "axis");
  }
}
