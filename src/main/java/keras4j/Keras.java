package keras4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.core.CompileArg;
import keras4j.core.FitArg;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.LoopArg;
import keras4j.core.OptimizerArg;
import keras4j.initializers.Initializer;
import keras4j.losses.Loss;
import keras4j.metrics.Metric;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.schedules.LearningRateSchedule;
import keras4j.regularizers.Regularizer;

/**
 * Keras's keyword arguments as static factories: {@code import static keras4j.Keras.*;} then
 * {@code new Dense(64, activation("relu"), inputShape(784))} or {@code model.fit(x, y, epochs(10),
 * batchSize(128))}.
 *
 * <p>Each factory's return type says where the argument is accepted, so passing {@code epochs} to
 * a layer does not compile.
 */
public final class Keras {
  private Keras() {}

  // ---- layers

  /**
   * The layer's activation, by Keras name ({@code "relu"}, {@code "softmax"}, ...).
   *
   * @param name the activation's Keras name, e.g. {@code "relu"}, {@code "softmax"}, {@code
   *     "linear"}
   * @return the {@code activation} layer argument
   */
  public static LayerArg activation(String name) {
    return new Kwarg("activation", name);
  }

  /**
   * The shape of one input sample (without the batch dimension), for the first layer.
   *
   * @param dims the sizes of one sample's dimensions, e.g. {@code 784} or {@code 28, 28, 1}
   * @return the {@code input_shape} layer argument
   */
  public static LayerArg inputShape(long... dims) {
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("inputShape dimensions must be positive, got "
            + java.util.Arrays.toString(dims) + " (the batch dimension is left out)");
      }
    }
    return new Kwarg("input_shape", dims.clone());
  }

  /**
   * Short for {@code inputShape(dim)}.
   *
   * @param dim the number of features of one sample
   * @return the {@code input_shape} layer argument for one-dimensional samples
   */
  public static LayerArg inputDim(long dim) {
    return inputShape(dim);
  }

  /**
   * Whether a Dense layer adds a bias (default true).
   *
   * @param useBias false for a layer without a bias vector
   * @return the {@code use_bias} layer argument
   */
  public static LayerArg useBias(boolean useBias) {
    return new Kwarg("use_bias", useBias);
  }

  /**
   * The kernel initializer, by Keras name ({@code "glorot_uniform"}, {@code "he_normal"}, ...).
   *
   * @param name the initializer's Keras name, e.g. {@code "glorot_uniform"} (Dense's default),
   *     {@code "zeros"}
   * @return the {@code kernel_initializer} layer argument
   */
  public static LayerArg kernelInitializer(String name) {
    return new Kwarg("kernel_initializer", name);
  }

  /**
   * The kernel initializer.
   *
   * @param initializer creates the kernel's starting value from its shape
   * @return the {@code kernel_initializer} layer argument
   */
  public static LayerArg kernelInitializer(Initializer initializer) {
    return new Kwarg("kernel_initializer", initializer);
  }

  /**
   * The bias initializer, by Keras name.
   *
   * @param name the initializer's Keras name, e.g. {@code "zeros"} (the default), {@code "ones"}
   * @return the {@code bias_initializer} layer argument
   */
  public static LayerArg biasInitializer(String name) {
    return new Kwarg("bias_initializer", name);
  }

  /**
   * The bias initializer.
   *
   * @param initializer creates the bias's starting value from its shape
   * @return the {@code bias_initializer} layer argument
   */
  public static LayerArg biasInitializer(Initializer initializer) {
    return new Kwarg("bias_initializer", initializer);
  }

  /**
   * A penalty on the kernel added to the loss, e.g. {@code kernelRegularizer(l2(0.01))}.
   *
   * @param regularizer the penalty on the kernel, e.g. {@code l2(0.01)}
   * @return the {@code kernel_regularizer} layer argument
   */
  public static LayerArg kernelRegularizer(Regularizer regularizer) {
    return new Kwarg("kernel_regularizer", regularizer);
  }

  /**
   * A penalty on the bias added to the loss.
   *
   * @param regularizer the penalty on the bias, e.g. {@code l1(0.001)}
   * @return the {@code bias_regularizer} layer argument
   */
  public static LayerArg biasRegularizer(Regularizer regularizer) {
    return new Kwarg("bias_regularizer", regularizer);
  }

  /**
   * The layer's name (unique names are generated otherwise, as {@code dense_1}).
   *
   * @param name the layer's (or model's) name, unique within a model, e.g. {@code "hidden"}
   * @return the {@code name} layer argument
   */
  public static LayerArg name(String name) {
    return new Kwarg("name", name);
  }

  /**
   * Whether the layer's weights are trained (default true).
   *
   * @param trainable false to freeze the layer's weights
   * @return the {@code trainable} layer argument
   */
  public static LayerArg trainable(boolean trainable) {
    return new Kwarg("trainable", trainable);
  }

  /**
   * The seed of a random layer (Dropout).
   *
   * @param seed the random seed, so that the layer draws the same values on every run
   * @return the {@code seed} layer argument
   */
  public static LayerArg seed(long seed) {
    return new Kwarg("seed", seed);
  }

  /**
   * Conv2D and pooling strides: one int for both axes, or (height, width).
   *
   * @param strides the step between windows in pixels: one value for both axes, or height and width
   * @return the {@code strides} layer argument
   */
  public static LayerArg strides(int... strides) {
    return new Kwarg("strides", strides.clone());
  }

  /**
   * Conv2D and pooling padding: {@code "valid"} (the default) or {@code "same"}.
   *
   * @param padding {@code "valid"} (no padding, the output shrinks) or {@code "same"} (padded so
   *     the output keeps the input size at stride 1)
   * @return the {@code padding} layer argument
   */
  public static LayerArg padding(String padding) {
    return new Kwarg("padding", padding);
  }

  /**
   * Conv2D dilation: one int for both axes, or (height, width).
   *
   * @param rate the spacing between kernel taps: one value for both axes, or height and width; 1 is
   *     a plain convolution
   * @return the {@code dilation_rate} layer argument
   */
  public static LayerArg dilationRate(int... rate) {
    return new Kwarg("dilation_rate", rate.clone());
  }

  /**
   * The pooling window: one int for both axes, or (height, width); default 2.
   *
   * @param size the window in pixels: one value for both axes, or height and width
   * @return the {@code pool_size} layer argument
   */
  public static LayerArg poolSize(int... size) {
    return new Kwarg("pool_size", size.clone());
  }

  /**
   * The axis a layer works along: {@code new Concatenate(axis(1))}; negative counts from the end.
   *
   * @param axis the axis, batch axis 0 included in the count
   * @return the keyword argument {@code axis}
   */
  public static LayerArg axis(int axis) {
    return new Kwarg("axis", axis);
  }

  /**
   * Dot's {@code normalize}: L2-normalize both inputs first, giving the cosine similarity.
   *
   * @param normalize whether to normalize (Keras's default is false)
   * @return the keyword argument {@code normalize}
   */
  public static LayerArg normalize(boolean normalize) {
    return new Kwarg("normalize", normalize);
  }

  // ---- compile

  /**
   * The optimizer, by Keras alias ({@code "adam"}, {@code "sgd"}, {@code "rmsprop"}, ...).
   *
   * @param alias the optimizer's Keras alias, created with Keras's default settings
   * @return the {@code optimizer} compile argument
   */
  public static CompileArg optimizer(String alias) {
    return new Kwarg("optimizer", alias);
  }

  /**
   * The optimizer.
   *
   * @param optimizer the optimizer instance, for settings other than the defaults (e.g. {@code new
   *     Adam(1e-4)})
   * @return the {@code optimizer} compile argument
   */
  public static CompileArg optimizer(Optimizer optimizer) {
    return new Kwarg("optimizer", optimizer);
  }

  /**
   * The loss, by Keras alias ({@code "sparse_categorical_crossentropy"}, {@code "mse"}, ...).
   *
   * @param alias the loss's Keras alias or class name in snake_case
   * @return the {@code loss} compile argument
   */
  public static CompileArg loss(String alias) {
    return new Kwarg("loss", alias);
  }

  /**
   * The loss.
   *
   * @param loss the loss instance, for settings other than the defaults (e.g. {@code new
   *     SparseCategoricalCrossentropy(true)})
   * @return the {@code loss} compile argument
   */
  public static CompileArg loss(Loss loss) {
    return new Kwarg("loss", loss);
  }

  /**
   * The loss of each output of a model of several outputs, in the model's order, as Keras's
   * {@code loss=["mse", "sparse_categorical_crossentropy"]}: aliases ({@link String}) or {@link
   * Loss} objects, null for an output without a loss ({@code Arrays.asList("mse", null)}).
   *
   * @param perOutput one loss (or null) per output
   * @return the argument
   * @throws IllegalArgumentException if an entry is neither an alias, a Loss nor null
   */
  public static CompileArg loss(List<?> perOutput) {
    perOutput.forEach(loss -> checkType("loss", loss, true, String.class, Loss.class));
    return new Kwarg("loss", new ArrayList<>(perOutput));
  }

  /**
   * The loss of each output by output name ({@code model.outputNames()}), as Keras's {@code
   * loss={"price": "mse", "category": "sparse_categorical_crossentropy"}}; outputs left out have
   * no loss.
   *
   * @param byOutput an alias or a {@link Loss} per output name
   * @return the argument
   * @throws IllegalArgumentException if a value is neither an alias nor a Loss
   */
  public static CompileArg loss(Map<String, ?> byOutput) {
    byOutput.values().forEach(loss -> checkType("loss", loss, false, String.class, Loss.class));
    return new Kwarg("loss", new LinkedHashMap<>(byOutput));
  }

  /**
   * Keras's {@code loss_weights}: the weight of each output's loss in the total loss, one per
   * output in the model's order. The logged {@code <output>_loss} values are unweighted, as in
   * Keras.
   *
   * @param perOutput one weight per output
   * @return the argument
   */
  public static CompileArg lossWeights(double... perOutput) {
    return new Kwarg("loss_weights", Arrays.stream(perOutput).boxed().toList());
  }

  /**
   * Keras's {@code loss_weights} by output name; outputs left out weigh 1.
   *
   * @param byOutput the weight of each named output's loss
   * @return the argument
   */
  public static CompileArg lossWeights(Map<String, ? extends Number> byOutput) {
    return new Kwarg("loss_weights", new LinkedHashMap<>(byOutput));
  }

  /**
   * The metrics, by Keras alias ({@code "accuracy"}, {@code "mae"}, {@code "auc"}, ...).
   *
   * @param aliases the Keras aliases of the metrics to track, in the order they are logged
   * @return the {@code metrics} compile argument
   */
  public static CompileArg metrics(String... aliases) {
    return new Kwarg("metrics", List.of((Object[]) aliases));
  }

  /**
   * The metrics, as aliases ({@link String}) or {@link Metric} objects. For a model of several
   * outputs, give one entry per output, each a metric or a list of metrics ({@code List.of()}
   * for none), as Keras's {@code metrics=[["mae"], ["accuracy"]]}: {@code
   * metrics(List.of("mae"), List.of("accuracy"))}.
   *
   * @param metrics the metrics, or one entry per output
   * @return the {@code metrics} compile argument
   * @throws IllegalArgumentException if an entry is not an alias, a Metric or a list of them
   */
  public static CompileArg metrics(Object... metrics) {
    for (Object m : metrics) {
      if (m instanceof List<?> perOutput) {
        perOutput.forEach(item -> checkType("metrics", item, false, String.class, Metric.class));
      } else {
        checkType("metrics", m, false, String.class, Metric.class);
      }
    }
    return new Kwarg("metrics", List.of(metrics));
  }

  /**
   * The metrics of each output by output name, as Keras's {@code metrics={"category":
   * ["accuracy"]}}: each value a metric alias, a {@link Metric} or a list of them. Outputs left
   * out have none; each logs as {@code <output>_<metric>}.
   *
   * @param byOutput the metrics of each named output
   * @return the argument
   * @throws IllegalArgumentException if a value is not an alias, a Metric or a list of them
   */
  public static CompileArg metrics(Map<String, ?> byOutput) {
    byOutput.values().forEach(m -> {
      for (Object item : m instanceof List<?> list ? list : List.of(m)) {
        checkType("metrics", item, false, String.class, Metric.class);
      }
    });
    return new Kwarg("metrics", new LinkedHashMap<>(byOutput));
  }

  private static void checkType(String what, Object value, boolean nullable, Class<?>... types) {
    if (value == null ? nullable : Arrays.stream(types).anyMatch(t -> t.isInstance(value))) {
      return;
    }
    throw new IllegalArgumentException(what + "() takes "
        + (what.equals("loss") ? "loss names or keras4j.losses.Loss objects"
            : "metric names or keras4j.metrics.Metric objects") + ", not " + value);
  }

  /**
   * How many batches one native call runs (Keras's {@code steps_per_execution}, default 1):
   * {@code fit} and {@code evaluate} feed that many batches at once to a graph that runs their
   * steps one after the other, with the same results as one call per batch. Larger values cut
   * the per-batch overhead on small models; the graph holds that many copies of the step, so
   * values beyond about 32 only cost graph-building time. As in Keras, the batch callbacks run
   * once per call, {@code onTrainBatchBegin} with its first batch and {@code onTrainBatchEnd}
   * with its last; the batches that do not fill a whole call run one by one.
   *
   * @param steps the number of batches per native call, at least 1
   * @return the {@code steps_per_execution} compile argument
   */
  public static CompileArg stepsPerExecution(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("stepsPerExecution must be >= 1, got " + steps);
    }
    return new Kwarg("steps_per_execution", steps);
  }

  // ---- optimizers
  /**
   * The learning rate (each optimizer has Keras's default).
   *
   * @param value the value
   * @return the optimizer argument {@code learning_rate}
   */
  public static OptimizerArg learningRate(double value) {
    return new Kwarg("learning_rate", value);
  }

  /**
   * A learning rate that follows {@code schedule} of the iteration count, evaluated in the training graph (e.g. {@code new ExponentialDecay(0.1, 1000, 0.96)}).
   *
   * @param schedule the schedule
   * @return the optimizer argument {@code learning_rate}
   */
  public static OptimizerArg learningRate(LearningRateSchedule schedule) {
    return new Kwarg("learning_rate", schedule);
  }

  /**
   * Decoupled weight decay: {@code w -= w * weightDecay * lr} before each update (AdamW's default 0.004; none otherwise).
   *
   * @param value the value
   * @return the optimizer argument {@code weight_decay}
   */
  public static OptimizerArg weightDecay(double value) {
    return new Kwarg("weight_decay", value);
  }

  /**
   * Clips each gradient to this L2 norm at most.
   *
   * @param value the value
   * @return the optimizer argument {@code clipnorm}
   */
  public static OptimizerArg clipnorm(double value) {
    return new Kwarg("clipnorm", value);
  }

  /**
   * Clips each gradient element to {@code [-clipvalue, clipvalue]}.
   *
   * @param value the value
   * @return the optimizer argument {@code clipvalue}
   */
  public static OptimizerArg clipvalue(double value) {
    return new Kwarg("clipvalue", value);
  }

  /**
   * Scales all gradients together so that their global L2 norm is this at most.
   *
   * @param value the value
   * @return the optimizer argument {@code global_clipnorm}
   */
  public static OptimizerArg globalClipnorm(double value) {
    return new Kwarg("global_clipnorm", value);
  }

  /**
   * Whether to keep an exponential moving average of the weights, which replaces them at the end of {@code fit} (default false).
   *
   * @param value the value
   * @return the optimizer argument {@code use_ema}
   */
  public static OptimizerArg useEma(boolean value) {
    return new Kwarg("use_ema", value);
  }

  /**
   * The momentum of the moving average of {@code useEma} (default 0.99).
   *
   * @param value the value
   * @return the optimizer argument {@code ema_momentum}
   */
  public static OptimizerArg emaMomentum(double value) {
    return new Kwarg("ema_momentum", value);
  }

  /**
   * With {@code useEma}, overwrites the weights with their moving average every this many updates.
   *
   * @param value the value
   * @return the optimizer argument {@code ema_overwrite_frequency}
   */
  public static OptimizerArg emaOverwriteFrequency(int value) {
    return new Kwarg("ema_overwrite_frequency", value);
  }

  /**
   * Updates every this many steps (at least 2), with the mean of their gradients.
   *
   * @param value the value
   * @return the optimizer argument {@code gradient_accumulation_steps}
   */
  public static OptimizerArg gradientAccumulationSteps(int value) {
    return new Kwarg("gradient_accumulation_steps", value);
  }

  /**
   * The decay rate of the first moment (Adam, AdamW, Adamax, Nadam, Lamb, Lion).
   *
   * @param value the value
   * @return the optimizer argument {@code beta_1}
   */
  public static OptimizerArg beta1(double value) {
    return new Kwarg("beta_1", value);
  }

  /**
   * The decay rate of the second moment (Adam, AdamW, Adamax, Nadam, Lamb, Lion).
   *
   * @param value the value
   * @return the optimizer argument {@code beta_2}
   */
  public static OptimizerArg beta2(double value) {
    return new Kwarg("beta_2", value);
  }

  /**
   * The small constant for numerical stability (Adam, RMSprop, Adagrad, ...).
   *
   * @param value the value
   * @return the optimizer argument {@code epsilon}
   */
  public static OptimizerArg epsilon(double value) {
    return new Kwarg("epsilon", value);
  }

  /**
   * Whether Adam and AdamW use the AMSGrad variant (default false).
   *
   * @param value the value
   * @return the optimizer argument {@code amsgrad}
   */
  public static OptimizerArg amsgrad(boolean value) {
    return new Kwarg("amsgrad", value);
  }

  /**
   * The momentum of SGD and RMSprop (default 0).
   *
   * @param value the value
   * @return the optimizer argument {@code momentum}
   */
  public static OptimizerArg momentum(double value) {
    return new Kwarg("momentum", value);
  }

  /**
   * Whether SGD uses Nesterov momentum (default false).
   *
   * @param value the value
   * @return the optimizer argument {@code nesterov}
   */
  public static OptimizerArg nesterov(boolean value) {
    return new Kwarg("nesterov", value);
  }

  /**
   * The discounting factor of RMSprop (0.9) and Adadelta (0.95).
   *
   * @param value the value
   * @return the optimizer argument {@code rho}
   */
  public static OptimizerArg rho(double value) {
    return new Kwarg("rho", value);
  }

  /**
   * Whether RMSprop normalizes by the estimated variance of the gradient (default false).
   *
   * @param value the value
   * @return the optimizer argument {@code centered}
   */
  public static OptimizerArg centered(boolean value) {
    return new Kwarg("centered", value);
  }

  /**
   * The starting value of the accumulators of Adagrad and Ftrl (default 0.1).
   *
   * @param value the value
   * @return the optimizer argument {@code initial_accumulator_value}
   */
  public static OptimizerArg initialAccumulatorValue(double value) {
    return new Kwarg("initial_accumulator_value", value);
  }

  /**
   * Ftrl's learning rate power, 0 or below (default -0.5).
   *
   * @param value the value
   * @return the optimizer argument {@code learning_rate_power}
   */
  public static OptimizerArg learningRatePower(double value) {
    return new Kwarg("learning_rate_power", value);
  }

  /**
   * Ftrl's L1 regularization strength (default 0).
   *
   * @param value the value
   * @return the optimizer argument {@code l1_regularization_strength}
   */
  public static OptimizerArg l1RegularizationStrength(double value) {
    return new Kwarg("l1_regularization_strength", value);
  }

  /**
   * Ftrl's L2 regularization strength (default 0).
   *
   * @param value the value
   * @return the optimizer argument {@code l2_regularization_strength}
   */
  public static OptimizerArg l2RegularizationStrength(double value) {
    return new Kwarg("l2_regularization_strength", value);
  }

  /**
   * Ftrl's L2 shrinkage regularization strength (default 0).
   *
   * @param value the value
   * @return the optimizer argument {@code l2_shrinkage_regularization_strength}
   */
  public static OptimizerArg l2ShrinkageRegularizationStrength(double value) {
    return new Kwarg("l2_shrinkage_regularization_strength", value);
  }

  /**
   * Ftrl's beta (default 0).
   *
   * @param value the value
   * @return the optimizer argument {@code beta}
   */
  public static OptimizerArg beta(double value) {
    return new Kwarg("beta", value);
  }

  /**
   * Adafactor's decay rate of beta2 (default -0.8).
   *
   * @param value the value
   * @return the optimizer argument {@code beta_2_decay}
   */
  public static OptimizerArg beta2Decay(double value) {
    return new Kwarg("beta_2_decay", value);
  }

  /**
   * Adafactor's offset of the squared gradient (default 1e-30).
   *
   * @param value the value
   * @return the optimizer argument {@code epsilon_1}
   */
  public static OptimizerArg epsilon1(double value) {
    return new Kwarg("epsilon_1", value);
  }

  /**
   * Adafactor's lower bound of the weights' scale (default 1e-3).
   *
   * @param value the value
   * @return the optimizer argument {@code epsilon_2}
   */
  public static OptimizerArg epsilon2(double value) {
    return new Kwarg("epsilon_2", value);
  }

  /**
   * Adafactor's clipping threshold of the update (default 1).
   *
   * @param value the value
   * @return the optimizer argument {@code clip_threshold}
   */
  public static OptimizerArg clipThreshold(double value) {
    return new Kwarg("clip_threshold", value);
  }

  /**
   * Whether Adafactor caps a constant learning rate at {@code 1 / sqrt(step)} (default true).
   *
   * @param value the value
   * @return the optimizer argument {@code relative_step}
   */
  public static OptimizerArg relativeStep(boolean value) {
    return new Kwarg("relative_step", value);
  }

  // ---- fit / evaluate / predict

  /**
   * Number of passes over the training data.
   *
   * @param epochs the number of epochs to train (default 1)
   * @return the {@code epochs} fit argument
   */
  public static FitArg epochs(int epochs) {
    return new Kwarg("epochs", epochs);
  }

  /**
   * Samples per batch (default 32).
   *
   * @param batchSize the number of samples per gradient step or per prediction batch, at least 1
   * @return the {@code batch_size} argument of fit, evaluate and predict
   */
  public static LoopArg batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    return new Kwarg("batch_size", batchSize);
  }

  /**
   * 0 silent, 1 progress bar, 2 one line per epoch; by default 1 on a terminal, 2 otherwise.
   *
   * @param verbose 0, 1 or 2 as above
   * @return the {@code verbose} argument of fit, evaluate and predict
   */
  public static LoopArg verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
    }
    return new Kwarg("verbose", verbose);
  }

  /**
   * Whether to shuffle the training data before each epoch (default true).
   *
   * @param shuffle false to visit the samples in their given order every epoch
   * @return the {@code shuffle} fit argument
   */
  public static FitArg shuffle(boolean shuffle) {
    return new Kwarg("shuffle", shuffle);
  }

  /**
   * Holds out the last {@code fraction} of the training data for validation, as Keras.
   *
   * @param fraction the share of samples held out, in [0, 1), taken from the end before any
   *     shuffling
   * @return the {@code validation_split} fit argument
   */
  public static FitArg validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
    }
    return new Kwarg("validation_split", fraction);
  }

  /**
   * Data to evaluate on at the end of each epoch: features and labels.
   *
   * @param x the validation features: Java arrays or NdArrays shaped like the training features
   * @param y the validation labels, shaped like the training labels
   * @return the {@code validation_data} fit argument
   */
  public static FitArg validationData(Object x, Object y) {
    return new Kwarg("validation_data", new Object[] {x, y});
  }

  /**
   * Callbacks invoked during training or evaluation.
   *
   * @param callbacks the callbacks, called in the order given
   * @return the {@code callbacks} argument of fit, evaluate and predict
   */
  public static LoopArg callbacks(Callback... callbacks) {
    return new Kwarg("callbacks", new ArrayList<>(Arrays.asList(callbacks)));
  }

  /**
   * The epoch to start at (to resume training).
   *
   * @param epoch the 0-based epoch at which training starts; as in Keras, {@code epochs} stays the
   *     index at which it ends, not a count of further epochs
   * @return the {@code initial_epoch} fit argument
   */
  public static FitArg initialEpoch(int epoch) {
    return new Kwarg("initial_epoch", epoch);
  }
}
