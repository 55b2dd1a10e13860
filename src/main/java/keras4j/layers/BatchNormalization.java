package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.constraints.Constraint;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.initializers.Initializer;
import keras4j.regularizers.Regularizer;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code BatchNormalization} over the last axis: {@code gamma * (x - mean) / sqrt(var +
 * epsilon) + beta}, with the batch's statistics while training (and the moving statistics moved
 * towards them by {@code 1 - momentum}), the moving ones at inference or when frozen. Defaults as
 * Keras: momentum 0.99, epsilon 0.001; {@code center}/{@code scale} kwargs drop beta/gamma;
 * {@code betaInitializer(...)}, {@code gammaInitializer(...)}, {@code movingMeanInitializer(...)}
 * and {@code movingVarianceInitializer(...)} set the starting values (zeros, ones, zeros, ones),
 * {@code betaRegularizer(...)}/{@code gammaRegularizer(...)} add penalties to the loss and {@code
 * betaConstraint(...)}/{@code gammaConstraint(...)} project beta/gamma after each update.
 */
public class BatchNormalization extends Layer {
  private final float momentum;
  private final float epsilon;
  private final boolean center;
  private final boolean scale;
  private final int axis;
  private final boolean synchronize;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Initializer movingMeanInitializer;
  private final Initializer movingVarianceInitializer;
  private final Regularizer betaRegularizer;
  private final Regularizer gammaRegularizer;
  private final Constraint betaConstraint;
  private final Constraint gammaConstraint;
  private Variable gamma;
  private Variable beta;
  private Variable movingMean;
  private Variable movingVariance;

  /**
   * With Keras's defaults.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public BatchNormalization(LayerArg... args) {
    this(0.99, 0.001, args);
  }

  /**
   * With the given momentum of the moving statistics and epsilon.
   *
   * @param momentum the weight of the old value in each moving-average update, Keras's default 0.99
   * @param epsilon added to the variance to avoid dividing by zero, Keras's default 0.001
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public BatchNormalization(double momentum, double epsilon, LayerArg... args) {
    super(args, "center", "scale", "axis", "beta_initializer", "gamma_initializer",
        "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer",
        "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized");
    if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("BatchNormalization needs momentum in [0, 1] and epsilon"
          + " > 0, got momentum " + momentum + ", epsilon " + epsilon);
    }
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
    this.center = arg("center", true);
    this.scale = flag("scale", true);
    this.axis = LastAxis.of(this);
    // Keras's cross-device statistics: keras4j runs on one device, where they are the batch's;
    // kept so that a save gives Keras back the setting.
    this.synchronize = arg("synchronized", false);
    this.betaInitializer = KernelSettings.initializer(arg("beta_initializer", "zeros"));
    this.gammaInitializer = KernelSettings.initializer(arg("gamma_initializer", "ones"));
    this.movingMeanInitializer =
        KernelSettings.initializer(arg("moving_mean_initializer", "zeros"));
    this.movingVarianceInitializer =
        KernelSettings.initializer(arg("moving_variance_initializer", "ones"));
    this.betaRegularizer = arg("beta_regularizer", null);
    this.gammaRegularizer = arg("gamma_regularizer", null);
    this.betaConstraint = arg("beta_constraint", null);
    this.gammaConstraint = arg("gamma_constraint", null);
  }

  /**
   * Keras's {@code from_config} (renorm is refused).
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static BatchNormalization fromConfig(ConfigReader config) {
    if (config.bool("renorm", false)) {
      throw config.unsupported("renorm=True");
    }
    return new BatchNormalization(config.doubleValue("momentum", 0.99),
        config.doubleValue("epsilon", 0.001), ConfigArgs.of(config).bool("center").bool("scale")
            .add("axis", ConfigArgs.axis(config)).initializer("beta_initializer")
            .initializer("gamma_initializer").initializer("moving_mean_initializer")
            .initializer("moving_variance_initializer").regularizer("beta_regularizer")
            .regularizer("gamma_regularizer").constraint("beta_constraint")
            .constraint("gamma_constraint").bool("synchronized").get());
  }

  @Override
  protected void build(Shape inputShape) {
    LastAxis.check(this, axis, inputShape);
    long channels = inputShape.get(inputShape.numDimensions() - 1);
    if (inputShape.numDimensions() < 2 || channels < 0) {
      throw new IllegalArgumentException("BatchNormalization layer '" + name()
          + "' needs a known last axis, got inputs of shape " + Shapes.toKeras(inputShape));
    }
    Shape shape = Shape.of(channels);
    if (scale) {
      gamma = addWeight("gamma", shape, gammaInitializer, gammaRegularizer, gammaConstraint);
    }
    if (center) {
      beta = addWeight("beta", shape, betaInitializer, betaRegularizer, betaConstraint);
    }
    movingMean = addWeight("moving_mean", movingMeanInitializer.create(shape), false, null);
    movingVariance =
        addWeight("moving_variance", movingVarianceInitializer.create(shape), false, null);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    // As Keras 3: a frozen BatchNormalization runs in inference mode.
    if (!training || !isTrainable()) {
      return Ops.batchNormalization(inputs, movingMean, movingVariance, beta, gamma, epsilon);
    }
    List<KerasTensor> moments = Ops.moments(inputs);
    KerasTensor mean = moments.get(0);
    KerasTensor variance = moments.get(1);
    // The moving statistics move whenever the training output is computed.
    movingMean.assign(movingAverage(movingMean, mean));
    movingVariance.assign(movingAverage(movingVariance, variance));
    return Ops.batchNormalization(inputs, mean, variance, beta, gamma, epsilon);
  }

  /** Keras's {@code moving * momentum + batch * (1 - momentum)}, no gradient into the batch's. */
  private KerasTensor movingAverage(Variable moving, KerasTensor batchValue) {
    return Ops.add(Ops.multiply(moving, momentum),
        Ops.multiply(Ops.stopGradient(batchValue), 1 - momentum));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    config.put("center", center);
    config.put("scale", scale);
    config.put("beta_initializer", KernelSettings.initializerConfig(betaInitializer));
    config.put("gamma_initializer", KernelSettings.initializerConfig(gammaInitializer));
    config.put("moving_mean_initializer", KernelSettings.initializerConfig(movingMeanInitializer));
    config.put("moving_variance_initializer",
        KernelSettings.initializerConfig(movingVarianceInitializer));
    config.put("beta_regularizer", KernelSettings.nestedOrNull(betaRegularizer));
    config.put("gamma_regularizer", KernelSettings.nestedOrNull(gammaRegularizer));
    config.put("beta_constraint", KernelSettings.constraintConfig(betaConstraint));
    config.put("gamma_constraint", KernelSettings.constraintConfig(gammaConstraint));
    config.put("synchronized", synchronize);
    // keras4j refuses renorm: Keras's defaults.
    config.put("renorm", false);
    config.put("renorm_clipping", null);
    config.put("renorm_momentum", 0.99);
    return config;
  }
}
