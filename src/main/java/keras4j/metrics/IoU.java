package keras4j.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Intersection over union, Keras's {@code IoU}: a confusion matrix of class ids (labels by row,
 * predictions by column) accumulated over batches, then per class {@code TP / (TP + FP + FN)},
 * averaged over the {@code targetClassIds} that occurred (classes never seen nor predicted do
 * not count).
 *
 * <p>Labels are class ids ({@code sparseYTrue}) or one-hot rows, arg-maxed along {@code axis};
 * so are predictions ({@code sparseYPred}; a model's probabilities want {@code false}). Ids
 * outside {@code [0, numClasses)} and the {@code ignoreClass} label are left out. Keras keeps the
 * matrix in int64 and truncates fractional ids and weights; keras4j counts in float32 (exact up to
 * 2^24 per cell) and expects whole class ids.
 */
public class IoU extends Metric {
  private final int numClasses;
  private final int[] targetClassIds;
  private final Integer ignoreClass;
  private final boolean sparseYTrue;
  private final boolean sparseYPred;
  private final int axis;
  private final Variable totalConfusionMatrix;

  /**
   * Keras's {@code IoU(num_classes, target_class_ids)} with its defaults: class ids on both
   * sides, no ignored class, named {@code io_u}.
   *
   * @param numClasses the number of classes, at least 1
   * @param targetClassIds the classes whose IoU is averaged, each in {@code [0, numClasses)}
   * @throws IllegalArgumentException for a target class out of range
   */
  public IoU(int numClasses, int[] targetClassIds) {
    this(numClasses, targetClassIds, "io_u", null, true, true, -1);
  }

  /**
   * Keras's {@code IoU(num_classes, target_class_ids, name, ignore_class, sparse_y_true,
   * sparse_y_pred, axis)}.
   *
   * @param numClasses the number of classes, at least 1
   * @param targetClassIds the classes whose IoU is averaged, each in {@code [0, numClasses)}
   * @param name the name in logs
   * @param ignoreClass a label left out (e.g. a "void" class), or null
   * @param sparseYTrue whether labels are class ids (else one-hot rows, arg-maxed)
   * @param sparseYPred whether predictions are class ids (else scores, arg-maxed)
   * @param axis the class axis of one-hot labels and scores
   * @throws IllegalArgumentException for no classes or a target class out of range
   */
  public IoU(int numClasses, int[] targetClassIds, String name, Integer ignoreClass,
      boolean sparseYTrue, boolean sparseYPred, int axis) {
    super(name);
    if (numClasses < 1) {
      throw new IllegalArgumentException(name + " needs numClasses >= 1, got " + numClasses);
    }
    if (targetClassIds.length == 0) {
      throw new IllegalArgumentException(name + " needs at least one target class id");
    }
    for (int id : targetClassIds) {
      if (id < 0 || id >= numClasses) {
        throw new IllegalArgumentException("Target class id " + id
            + " is out of range, which is [0, " + numClasses + ").");
      }
    }
    this.numClasses = numClasses;
    this.targetClassIds = targetClassIds.clone();
    this.ignoreClass = ignoreClass;
    this.sparseYTrue = sparseYTrue;
    this.sparseYPred = sparseYPred;
    this.axis = axis;
    totalConfusionMatrix =
        addVariable("total_confusion_matrix", Shape.of(numClasses, numClasses), 0);
  }

  /**
   * The metric a Keras config describes.
   *
   * @param config the {@code config} of a serialized {@code IoU}
   * @return the metric
   */
  public static IoU fromConfig(ConfigReader config) {
    return new IoU(config.intValue("num_classes"), config.ints("target_class_ids"),
        config.string("name", "io_u"), ignoreClass(config), config.bool("sparse_y_true", true),
        config.bool("sparse_y_pred", true), config.intValue("axis", -1));
  }

  static Integer ignoreClass(ConfigReader config) {
    return config.has("ignore_class") ? config.intValue("ignore_class") : null;
  }

  /** Class ids (given, or arg-maxed from one-hot rows or scores) as one-hot rows. */
  private KerasTensor oneHot(KerasTensor values, boolean sparse) {
    KerasTensor ids = Ops.reshape(sparse ? values : Ops.argmax(values, axis), -1, 1);
    float[] classes = new float[numClasses];
    for (int i = 0; i < numClasses; i++) {
      classes[i] = i;
    }
    // Ids outside [0, numClasses) match no class: an empty row, counted nowhere.
    return Ops.cast(
        Ops.equal(ids, KerasTensor.constant(NdArrays.vectorOf(classes))), "float32");
  }

  /** Labels and predictions already as class ids, as {@code BinaryIoU} makes them. */
  void accumulate(KerasTensor labelIds, KerasTensor predictionIds, KerasTensor sampleWeight) {
    updateState(labelIds, predictionIds, sampleWeight, true, true);
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    updateState(yTrue, yPred, sampleWeight, sparseYTrue, sparseYPred);
  }

  private void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight,
      boolean sparseTrue, boolean sparsePred) {
    KerasTensor labels = oneHot(yTrue, sparseTrue);
    KerasTensor predictions = oneHot(yPred, sparsePred);
    KerasTensor weights = Ops.onesLike(Ops.slice(labels, new long[] {0, 0}, new long[] {-1, 1}));
    if (sampleWeight != null) {
      weights = Ops.multiply(weights, Ops.reshape(sampleWeight, -1, 1));
    }
    if (ignoreClass != null) {
      KerasTensor ids = Ops.reshape(sparseTrue ? yTrue : Ops.argmax(yTrue, axis), -1, 1);
      weights = Ops.multiply(weights,
          Ops.cast(Ops.notEqual(ids, constant(ignoreClass)), "float32"));
    }
    totalConfusionMatrix.assignAdd(
        Ops.matmul(Ops.transpose(Ops.multiply(labels, weights)), predictions));
  }

  @Override
  public KerasTensor result() {
    float[][] eye = new float[numClasses][numClasses];
    float[] targets = new float[numClasses];
    for (int i = 0; i < numClasses; i++) {
      eye[i][i] = 1;
    }
    for (int id : targetClassIds) {
      targets[id] += 1; // a class listed twice counts twice, as Keras's take_along_axis
    }
    KerasTensor matrix = totalConfusionMatrix.value();
    KerasTensor truePositives =
        Ops.sum(Ops.multiply(matrix, KerasTensor.constant(StdArrays.ndCopyOf(eye))), 1);
    KerasTensor denominator =
        Ops.subtract(Ops.add(Ops.sum(matrix, 0), Ops.sum(matrix, 1)), truePositives);
    KerasTensor counted =
        Ops.multiply(Ops.cast(Ops.greater(denominator, constant(1e-9)), "float32"),
            KerasTensor.constant(NdArrays.vectorOf(targets)));
    KerasTensor iou = Ops.divide(truePositives, Ops.add(denominator, 1e-7));
    return Ops.divide(Ops.sum(Ops.multiply(iou, counted)), Ops.add(Ops.sum(counted), 1e-7));
  }

  @Override
  public String direction() {
    return "up";
  }

  /** As Keras: the metric's variables are int64 there. */
  @Override
  public Map<String, Object> getConfig() {
    return iouConfig();
  }

  private Map<String, Object> iouConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("dtype", "int64");
    config.put("num_classes", numClasses);
    config.put("target_class_ids", targetList());
    config.put("ignore_class", ignoreClass);
    config.put("sparse_y_true", sparseYTrue);
    config.put("sparse_y_pred", sparseYPred);
    config.put("axis", axis);
    return config;
  }

  /** The target class ids as the config lists them. */
  List<Integer> targetList() {
    return Arrays.stream(targetClassIds).boxed().toList();
  }

  /** {@link #getConfig()} restricted to {@code keys}, in that order, as Keras's subclasses. */
  Map<String, Object> configOf(String... keys) {
    Map<String, Object> all = iouConfig();
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    for (String key : keys) {
      config.put(key, all.get(key));
    }
    return config;
  }

  /** Every class id from 0 to {@code numClasses - 1}, MeanIoU's targets. */
  static int[] allClasses(int numClasses) {
    int[] ids = new int[Math.max(0, numClasses)];
    Arrays.setAll(ids, i -> i);
    return ids;
  }
}
