package keras4j.layers;

import java.util.Map;
import keras4j.constraints.Constraint;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.initializers.Initializer;
import keras4j.ops.Ops;
import keras4j.regularizers.Regularizer;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code LayerNormalization} over the last axis of each sample: {@code (x - mean) /
 * sqrt(variance + epsilon) * gamma + beta}, the statistics of each sample's own features (in
 * training and inference alike). Defaults as Keras: epsilon 0.001, {@code center} and {@code
 * scale} true (weights gamma, then beta); {@code rmsScaling(true)} divides by {@code
 * sqrt(variance + epsilon)} without centering, as Keras 3 does.
 */
public class LayerNormalization extends Layer {
  private final int axis;
  private final double epsilon;
  private final boolean center;
  private final boolean scale;
  private final boolean rmsScaling;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final Constraint betaConstraint;
  private final Constraint gammaConstraint;
  private Variable gamma;
  private Variable beta;

  /**
   * Reads {@code epsilon}, {@code center}, {@code scale}, {@code rmsScaling}, initializers,
   * regularizers and constraints.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public LayerNormalization(LayerArg... args) {
    super(args, "axis", "epsilon", "center", "scale", "rms_scaling", "beta_initializer",
        "gamma_initializer", "beta_regularizer", "gamma_regularizer", "beta_constraint",
        "gamma_constraint");
    this.axis = LastAxis.of(this);
    this.epsilon = ((Number) arg("epsilon", 1e-3)).doubleValue();
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("LayerNormalization epsilon must be > 0, got " + epsilon);
    }
    this.center = arg("center", true);
    this.scale = flag("scale", true);
    this.rmsScaling = arg("rms_scaling", false);
    this.betaInitializer = KernelSettings.initializer(arg("beta_initializer", "zeros"));
    this.gammaInitializer = KernelSettings.initializer(arg("gamma_initializer", "ones"));
    this.betaRegularizer = arg("beta_regularizer", null);
    this.gammaRegularizer = arg("gamma_regularizer", null);
    this.betaConstraint = arg("beta_constraint", null);
    this.gammaConstraint = arg("gamma_constraint", null);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static LayerNormalization fromConfig(ConfigReader config) {
    ConfigArgs args = ConfigArgs.of(config).add("axis", ConfigArgs.axis(config))
        .bool("center").bool("scale").bool("rms_scaling").initializer("beta_initializer")
        .initializer("gamma_initializer").regularizer("beta_regularizer")
        .regularizer("gamma_regularizer").constraint("beta_constraint")
        .constraint("gamma_constraint");
    if (config.has("epsilon")) {
      args.add("epsilon", config.doubleValue("epsilon", 1e-3));
    }
    return new LayerNormalization(args.get());
  }

  @Override
  protected void build(Shape inputShape) {
    LastAxis.check(this, axis, inputShape);
    long features = inputShape.get(inputShape.numDimensions() - 1);
    if (inputShape.numDimensions() < 2 || features < 0) {
      throw new IllegalArgumentException("LayerNormalization layer '" + name()
          + "' needs a known last axis, got inputs of shape " + Shapes.toKeras(inputShape));
    }
    if (scale || rmsScaling) {
      gamma = addWeight("gamma", Shape.of(features), gammaInitializer, gammaRegularizer,
          gammaConstraint);
    }
    if (center && !rmsScaling) {
      beta = addWeight("beta", Shape.of(features), betaInitializer, betaRegularizer,
          betaConstraint);
    }
  }

  @Override
  protected boolean supportsMasking() {
    // As Keras: a mask passes through (a transformer block keeps Embedding's padding mask).
    return true;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    int[] last = {-1};
    KerasTensor mean = Ops.mean(inputs, last, true);
    KerasTensor variance =
        Ops.mean(Ops.square(Ops.subtract(inputs, Ops.stopGradient(mean))), last, true);
    KerasTensor inv = Ops.power(Ops.add(variance, epsilon), -0.5);
    if (gamma != null) {
      inv = Ops.multiply(inv, gamma);
    }
    if (rmsScaling) {
      return Ops.multiply(inputs, inv);
    }
    // Keras's x * inv + (beta - mean * inv), term for term.
    KerasTensor offset = Ops.negative(Ops.multiply(mean, inv));
    if (beta != null) {
      offset = Ops.add(offset, beta);
    }
    return Ops.add(Ops.multiply(inputs, inv), offset);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    config.put("epsilon", epsilon);
    config.put("center", center);
    config.put("scale", scale);
    config.put("rms_scaling", rmsScaling);
    config.put("beta_initializer",
        KernelSettings.nested("keras.initializers", betaInitializer.getConfig()));
    config.put("gamma_initializer",
        KernelSettings.nested("keras.initializers", gammaInitializer.getConfig()));
    config.put("beta_regularizer", KernelSettings.nestedOrNull(betaRegularizer));
    config.put("gamma_regularizer", KernelSettings.nestedOrNull(gammaRegularizer));
    config.put("beta_constraint", KernelSettings.constraintConfig(betaConstraint));
    config.put("gamma_constraint", KernelSettings.constraintConfig(gammaConstraint));
    return config;
  }
}
