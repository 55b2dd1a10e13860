package keras4j.layers;

import java.util.Map;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.backend.HostArray;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.saving.WeightStore;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Standardizes each feature (last axis) to mean 0 and variance 1, Keras's {@code Normalization}:
 * {@code normalizer.adapt(xTrain)} learns the means and variances, which are then saved with the
 * model as non-trainable weights (with Keras's third, an unused sample count, in weight files).
 * Given {@code mean(...)} and {@code variance(...)} (one value, or one per feature), the layer is
 * fixed: no weights, the values are in its config. {@code invert(true)} undoes the normalization,
 * {@code mean + x * sqrt(variance)}.
 */
public class Normalization extends Layer {
  private static final float EPSILON = 1e-7f;
  private float[] adaptedMean;
  private float[] adaptedVariance;
  private Variable mean;
  private Variable variance;
  private final int axis;
  private final double[] fixedMean;
  private final double[] fixedVariance;
  private final boolean invert;

  /**
   * A normalization layer; call {@link #adapt} before training, or give {@code mean(...)} and
   * {@code variance(...)}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}, {@code mean(...)}, {@code variance(...)},
   *     {@code invert(true)}
   */
  public Normalization(LayerArg... args) {
    super(args, "axis", "mean", "variance", "invert");
    this.axis = LastAxis.of(this);
    this.fixedMean = arg("mean", null);
    this.fixedVariance = arg("variance", null);
    this.invert = arg("invert", false);
    if ((fixedMean == null) != (fixedVariance == null)) {
      throw new IllegalArgumentException("Normalization needs both mean and variance, or"
          + " neither (then adapt() learns them)");
    }
    if (fixedMean != null && fixedMean.length != fixedVariance.length) {
      throw new IllegalArgumentException("Normalization mean has " + fixedMean.length
          + " values but variance has " + fixedVariance.length);
    }
  }

  /**
   * Keras's {@code from_config}, with the mean and variance when the config gives them.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Normalization fromConfig(ConfigReader config) {
    return new Normalization(ConfigArgs.of(config).add("axis", ConfigArgs.axis(config))
        .bool("invert").add("mean", config.doubles("mean"))
        .add("variance", config.doubles("variance")).get());
  }

  /**
   * Learns each feature's mean and variance from {@code data} (any array fit accepts).
   *
   * @param data the samples to learn from, one per row: Java arrays or NdArrays
   */
  public void adapt(Object data) {
    if (fixedMean != null) {
      throw new IllegalStateException("Normalization '" + name() + "' was given its mean and"
          + " variance; adapt() would replace them. Create it without mean/variance to adapt");
    }
    HostArray array = HostArray.of(data, "adapt data");
    double[][] moments = array.featureMoments();
    adaptedMean = toFloats(moments[0]);
    adaptedVariance = toFloats(moments[1]);
    if (mean != null) {
      mean.assign(StdArrays.ndCopyOf(adaptedMean));
      variance.assign(StdArrays.ndCopyOf(adaptedVariance));
    }
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  @Override
  protected void build(Shape inputShape) {
    LastAxis.check(this, axis, inputShape);
    long features = inputShape.get(inputShape.numDimensions() - 1);
    if (fixedMean != null) {
      if (fixedMean.length != 1 && fixedMean.length != features) {
        throw new IllegalArgumentException("Normalization '" + name() + "' was given "
            + fixedMean.length + " means but receives inputs of shape "
            + Shapes.toKeras(inputShape));
      }
      return;
    }
    if (adaptedMean != null && adaptedMean.length != features) {
      throw new IllegalArgumentException(
          "Normalization '" + name() + "' was adapted to " + adaptedMean.length
              + " features but receives inputs of shape " + Shapes.toKeras(inputShape));
    }
    mean = addWeight("mean", adaptedMean != null ? StdArrays.ndCopyOf(adaptedMean)
        : NdArrays.ofFloats(Shape.of(features)), false, null);
    FloatNdArray ones = NdArrays.ofFloats(Shape.of(features));
    ones.scalars().forEach(s -> s.setFloat(1f));
    variance = addWeight("variance",
        adaptedVariance != null ? StdArrays.ndCopyOf(adaptedVariance) : ones, false, null);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    TensorLike m = mean != null ? mean : constant(fixedMean);
    TensorLike v = variance != null ? variance : constant(fixedVariance);
    KerasTensor std = Ops.maximum(Ops.sqrt(v), EPSILON);
    return invert ? Ops.add(m, Ops.multiply(inputs, std))
        : Ops.divide(Ops.subtract(inputs, m), std);
  }

  private static KerasTensor constant(double[] values) {
    return KerasTensor.constant(StdArrays.ndCopyOf(toFloats(values)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    config.put("invert", invert);
    config.put("mean", list(fixedMean));
    config.put("variance", list(fixedVariance));
    return config;
  }

  private static Object list(double[] values) {
    return values == null ? null : java.util.Arrays.stream(values).boxed().toList();
  }

  /** As Keras's summary: an adaptable layer also counts its (unused) {@code count} weight. */
  @Override
  public long countParams() {
    return super.countParams() + (mean != null ? 1 : 0);
  }

  /**
   * Keras's layout: mean, variance, then the int64 {@code count} Keras keeps for older files
   * (always 0; keras4j does not use it).
   */
  @Override
  public void saveOwnVariables(WeightStore store) {
    super.saveOwnVariables(store);
    if (mean != null) {
      store.put("2", 0L);
    }
  }

  /** Reads mean and variance, with or without Keras's count after them. */
  @Override
  public void loadOwnVariables(WeightStore store) {
    if (mean != null && store.size() == 3) {
      store.load("0", mean, describe());
      store.load("1", variance, describe());
    } else {
      super.loadOwnVariables(store);
    }
  }
}
