package keras4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keras4j.callbacks.Callback;
import keras4j.core.CompileArg;
import keras4j.core.FitArg;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.LoopArg;
import keras4j.initializers.Initializer;
import keras4j.losses.Loss;
import keras4j.metrics.Metric;
import keras4j.optimizers.Optimizer;
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

  /** The layer's activation, by Keras name ({@code "relu"}, {@code "softmax"}, ...). */
  public static LayerArg activation(String name) {
    return new Kwarg("activation", name);
  }

  /**
   * An unknown dimension, Python's {@code None} in a shape: {@code Input.shape(NONE, NONE, 3)} or
   * {@code inputShape(NONE, 3)}.
   */
  public static final long NONE = -1;

  /**
   * The shape of one input sample (without the batch dimension), for the first layer; {@link
   * #NONE} for an unknown dimension.
   */
  public static LayerArg inputShape(long... dims) {
    for (long d : dims) {
      if (d <= 0 && d != NONE) {
        throw new IllegalArgumentException("inputShape dimensions must be positive or NONE, got "
            + java.util.Arrays.toString(dims) + " (the batch dimension is left out)");
      }
    }
    return new Kwarg("input_shape", dims.clone());
  }

  /** Short for {@code inputShape(dim)}. */
  public static LayerArg inputDim(long dim) {
    return inputShape(dim);
  }

  /** Whether a Dense layer adds a bias (default true). */
  public static LayerArg useBias(boolean useBias) {
    return new Kwarg("use_bias", useBias);
  }

  /** The kernel initializer, by Keras name ({@code "glorot_uniform"}, {@code "he_normal"}, ...). */
  public static LayerArg kernelInitializer(String name) {
    return new Kwarg("kernel_initializer", name);
  }

  /** The kernel initializer. */
  public static LayerArg kernelInitializer(Initializer initializer) {
    return new Kwarg("kernel_initializer", initializer);
  }

  /** The bias initializer, by Keras name. */
  public static LayerArg biasInitializer(String name) {
    return new Kwarg("bias_initializer", name);
  }

  /** The bias initializer. */
  public static LayerArg biasInitializer(Initializer initializer) {
    return new Kwarg("bias_initializer", initializer);
  }

  /** A penalty on the kernel added to the loss, e.g. {@code kernelRegularizer(l2(0.01))}. */
  public static LayerArg kernelRegularizer(Regularizer regularizer) {
    return new Kwarg("kernel_regularizer", regularizer);
  }

  /** A penalty on the bias added to the loss. */
  public static LayerArg biasRegularizer(Regularizer regularizer) {
    return new Kwarg("bias_regularizer", regularizer);
  }

  /** The layer's name (unique names are generated otherwise, as {@code dense_1}). */
  public static LayerArg name(String name) {
    return new Kwarg("name", name);
  }

  /** Whether the layer's weights are trained (default true). */
  public static LayerArg trainable(boolean trainable) {
    return new Kwarg("trainable", trainable);
  }

  /** The seed of a random layer (Dropout). */
  public static LayerArg seed(long seed) {
    return new Kwarg("seed", seed);
  }

  /** Convolution and pooling strides: one int for every axis, or one per axis. */
  public static LayerArg strides(int... strides) {
    return new Kwarg("strides", strides.clone());
  }

  /**
   * Convolution and pooling padding: {@code "valid"} (the default), {@code "same"}, or for
   * Conv1D {@code "causal"}.
   */
  public static LayerArg padding(String padding) {
    return new Kwarg("padding", padding);
  }

  /** Convolution dilation: one int for every axis, or one per axis. */
  public static LayerArg dilationRate(int... rate) {
    return new Kwarg("dilation_rate", rate.clone());
  }

  /** The pooling window: one int for every axis, or one per axis; default 2. */
  public static LayerArg poolSize(int... size) {
    return new Kwarg("pool_size", size.clone());
  }

  /** Conv1D/Conv2D: the number of groups the input channels are split into (default 1). */
  public static LayerArg groups(int groups) {
    return new Kwarg("groups", groups);
  }

  /** Depthwise and separable convolutions: filters per input channel (default 1). */
  public static LayerArg depthMultiplier(int multiplier) {
    return new Kwarg("depth_multiplier", multiplier);
  }

  /**
   * Transposed convolutions: cells added at the end of each axis of the output, each less than
   * its stride (default: Keras's output size).
   */
  public static LayerArg outputPadding(int... padding) {
    return new Kwarg("output_padding", padding.clone());
  }

  /** The depthwise kernel's initializer, by Keras name (default {@code "glorot_uniform"}). */
  public static LayerArg depthwiseInitializer(String name) {
    return new Kwarg("depthwise_initializer", name);
  }

  /** The depthwise kernel's initializer. */
  public static LayerArg depthwiseInitializer(Initializer initializer) {
    return new Kwarg("depthwise_initializer", initializer);
  }

  /** The pointwise kernel's initializer, by Keras name (default {@code "glorot_uniform"}). */
  public static LayerArg pointwiseInitializer(String name) {
    return new Kwarg("pointwise_initializer", name);
  }

  /** The pointwise kernel's initializer. */
  public static LayerArg pointwiseInitializer(Initializer initializer) {
    return new Kwarg("pointwise_initializer", initializer);
  }

  /** A penalty on the depthwise kernel added to the loss. */
  public static LayerArg depthwiseRegularizer(Regularizer regularizer) {
    return new Kwarg("depthwise_regularizer", regularizer);
  }

  /** A penalty on the pointwise kernel added to the loss. */
  public static LayerArg pointwiseRegularizer(Regularizer regularizer) {
    return new Kwarg("pointwise_regularizer", regularizer);
  }

  // ---- compile

  /** The optimizer, by Keras alias ({@code "adam"}, {@code "sgd"}, {@code "rmsprop"}, ...). */
  public static CompileArg optimizer(String alias) {
    return new Kwarg("optimizer", alias);
  }

  /** The optimizer. */
  public static CompileArg optimizer(Optimizer optimizer) {
    return new Kwarg("optimizer", optimizer);
  }

  /** The loss, by Keras alias ({@code "sparse_categorical_crossentropy"}, {@code "mse"}, ...). */
  public static CompileArg loss(String alias) {
    return new Kwarg("loss", alias);
  }

  /** The loss. */
  public static CompileArg loss(Loss loss) {
    return new Kwarg("loss", loss);
  }

  /** The metrics, by Keras alias ({@code "accuracy"}, {@code "mae"}, {@code "auc"}, ...). */
  public static CompileArg metrics(String... aliases) {
    return new Kwarg("metrics", List.of((Object[]) aliases));
  }

  /** The metrics, as aliases ({@link String}) or {@link Metric} objects. */
  public static CompileArg metrics(Object... metrics) {
    for (Object m : metrics) {
      if (!(m instanceof String) && !(m instanceof Metric)) {
        throw new IllegalArgumentException(
            "metrics() takes metric names or keras4j.metrics.Metric objects, not " + m);
      }
    }
    return new Kwarg("metrics", List.of(metrics));
  }

  /**
   * How many batches one native call runs (Keras's {@code steps_per_execution}, default 1):
   * {@code fit} and {@code evaluate} feed that many batches at once to a graph that runs their
   * steps one after the other, with the same results as one call per batch. Larger values cut
   * the per-batch overhead on small models; the graph holds that many copies of the step, so
   * values beyond about 32 only cost graph-building time. As in Keras, the batch callbacks run
   * once per call, {@code onTrainBatchBegin} with its first batch and {@code onTrainBatchEnd}
   * with its last; the batches that do not fill a whole call run one by one.
   */
  public static CompileArg stepsPerExecution(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("stepsPerExecution must be >= 1, got " + steps);
    }
    return new Kwarg("steps_per_execution", steps);
  }

  // ---- fit / evaluate / predict

  /** Number of passes over the training data. */
  public static FitArg epochs(int epochs) {
    return new Kwarg("epochs", epochs);
  }

  /** Samples per batch (default 32). */
  public static LoopArg batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    return new Kwarg("batch_size", batchSize);
  }

  /**
   * 0 silent, 1 progress bar, 2 one line per epoch; by default 1 on a terminal, 2 otherwise.
   */
  public static LoopArg verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
    }
    return new Kwarg("verbose", verbose);
  }

  /** Whether to shuffle the training data before each epoch (default true). */
  public static FitArg shuffle(boolean shuffle) {
    return new Kwarg("shuffle", shuffle);
  }

  /** Holds out the last {@code fraction} of the training data for validation, as Keras. */
  public static FitArg validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
    }
    return new Kwarg("validation_split", fraction);
  }

  /** Data to evaluate on at the end of each epoch: features and labels. */
  public static FitArg validationData(Object x, Object y) {
    return new Kwarg("validation_data", new Object[] {x, y});
  }

  /** Callbacks invoked during training or evaluation. */
  public static LoopArg callbacks(Callback... callbacks) {
    return new Kwarg("callbacks", new ArrayList<>(Arrays.asList(callbacks)));
  }

  /** The epoch to start at (to resume training). */
  public static FitArg initialEpoch(int epoch) {
    return new Kwarg("initial_epoch", epoch);
  }
}
