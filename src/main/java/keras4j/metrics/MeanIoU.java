package keras4j.metrics;

import java.util.Map;
import keras4j.saving.ConfigReader;

/**
 * The mean intersection over union of every class, Keras's {@code MeanIoU}: the {@link IoU}
 * averaged over all {@code numClasses} classes that occurred. Give {@code sparseYPred(false)}
 * (the long constructor) when the model outputs one score per class.
 */
public class MeanIoU extends IoU {
  /**
   * Keras's {@code MeanIoU(num_classes)}: class ids on both sides, named {@code mean_io_u}.
   *
   * @param numClasses the number of classes, at least 1
   */
  public MeanIoU(int numClasses) {
    this(numClasses, "mean_io_u", null, true, true, -1);
  }

  /**
   * Keras's {@code MeanIoU(num_classes, name, ignore_class, sparse_y_true, sparse_y_pred,
   * axis)}.
   *
   * @param numClasses the number of classes, at least 1
   * @param name the name in logs
   * @param ignoreClass a label left out, or null
   * @param sparseYTrue whether labels are class ids (else one-hot rows)
   * @param sparseYPred whether predictions are class ids (else scores, arg-maxed)
   * @param axis the class axis of one-hot labels and scores
   * @throws IllegalArgumentException for no classes
   */
  public MeanIoU(int numClasses, String name, Integer ignoreClass, boolean sparseYTrue,
      boolean sparseYPred, int axis) {
    super(numClasses, allClasses(numClasses), name, ignoreClass, sparseYTrue, sparseYPred, axis);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code MeanIoU}
   * @return the metric
   */
  public static MeanIoU fromConfig(ConfigReader config) {
    return new MeanIoU(config.intValue("num_classes"), config.string("name", "mean_io_u"),
        ignoreClass(config), config.bool("sparse_y_true", true),
        config.bool("sparse_y_pred", true), config.intValue("axis", -1));
  }

  /** Keras's keys, without the implied target classes. */
  @Override
  public Map<String, Object> getConfig() {
    return configOf("num_classes", "name", "dtype", "ignore_class", "sparse_y_true",
        "sparse_y_pred", "axis");
  }
}
