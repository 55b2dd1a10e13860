package keras4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keras4j.callbacks.Callback;
import keras4j.core.CompileArg;
import keras4j.core.EvaluateArg;
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

  /** The shape of one input sample (without the batch dimension), for the first layer. */
  public static LayerArg inputShape(long... dims) {
    for (long d : dims) {
      if (d <= 0) {
        throw new IllegalArgumentException("inputShape dimensions must be positive, got "
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

  /** Conv2D and pooling strides: one int for both axes, or (height, width). */
  public static LayerArg strides(int... strides) {
    return new Kwarg("strides", strides.clone());
  }

  /** Conv2D and pooling padding: {@code "valid"} (the default) or {@code "same"}. */
  public static LayerArg padding(String padding) {
    return new Kwarg("padding", padding);
  }

  /** Conv2D dilation: one int for both axes, or (height, width). */
  public static LayerArg dilationRate(int... rate) {
    return new Kwarg("dilation_rate", rate.clone());
  }

  /** The pooling window: one int for both axes, or (height, width); default 2. */
  public static LayerArg poolSize(int... size) {
    return new Kwarg("pool_size", size.clone());
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

  /**
   * The batch size of the validation at the end of each epoch, Keras's {@code
   * validation_batch_size} (default: the training {@code batchSize}).
   *
   * @param batchSize at least 1
   * @return the {@code fit} argument
   * @throws IllegalArgumentException for a batch size below 1
   */
  public static FitArg validationBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("validationBatchSize must be >= 1, got " + batchSize);
    }
    return new Kwarg("validation_batch_size", batchSize);
  }

  /**
   * Validates every {@code epochs} epochs only, Keras's {@code validation_freq=n}: after epochs
   * n, 2n, ... (1-based); the default 1 validates after every epoch.
   *
   * @param epochs at least 1
   * @return the {@code fit} argument
   * @throws IllegalArgumentException for a frequency below 1
   */
  public static FitArg validationFreq(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("validationFreq must be >= 1, got " + epochs);
    }
    return new Kwarg("validation_freq", epochs);
  }

  /**
   * Validates after the listed epochs only, Keras's {@code validation_freq=[1, 2, 10]} (1-based,
   * as Keras).
   *
   * @param epochs the 1-based epochs after which to validate
   * @return the {@code fit} argument
   */
  public static FitArg validationFreq(List<Integer> epochs) {
    return new Kwarg("validation_freq", List.copyOf(epochs));
  }

  /**
   * Keras's {@code return_dict}: with true, {@code evaluate}'s map is Keras's dict, sorted by
   * name; with false (the default) it iterates in the order of Keras's list ({@code loss}, then
   * the metrics in compile order). Java returns the map either way: the names come with the
   * values.
   *
   * @param returnDict whether to sort the results by name, as Keras's dict
   * @return the {@code evaluate} argument
   */
  public static EvaluateArg returnDict(boolean returnDict) {
    return new Kwarg("return_dict", returnDict);
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
