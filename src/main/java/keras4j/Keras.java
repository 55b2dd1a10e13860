package keras4j;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.constraints.Constraint;
import keras4j.constraints.Constraints;
import keras4j.core.CallArg;
import keras4j.core.ApplicationArg;
import keras4j.core.ApplicationOrTunerArg;
import keras4j.core.CompileArg;
import keras4j.core.EvaluateArg;
import keras4j.core.FitArg;
import keras4j.core.InferenceArg;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.LayerOrApplicationArg;
import keras4j.core.LayerOrOptimizerArg;
import keras4j.core.LoopArg;
import keras4j.core.OptimizerArg;
import keras4j.core.OptimizerOrTunerArg;
import keras4j.core.SeedArg;
import keras4j.core.TunerArg;
import keras4j.core.WeightArg;
import keras4j.data.Dataset;
import keras4j.data.Folder;
import keras4j.data.FolderDataset;
import keras4j.data.TextFolder;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.initializers.Initializer;
import keras4j.losses.Loss;
import keras4j.metrics.Metric;
import keras4j.mixed_precision.MixedPrecision;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.schedules.LearningRateSchedule;
import keras4j.regularizers.Regularizer;
import keras4j.tuner.Objective;
import keras4j.utils.FileUtils;
import keras4j.utils.ImageUtils;
import keras4j.utils.Sequences;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

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
   * An unknown dimension, Python's {@code None} in a shape: {@code Input.shape(NONE, NONE, 3)} or
   * {@code inputShape(NONE, 3)}.
   */
  public static final long NONE = -1;

  /**
   * The shape of one input sample (without the batch dimension), for the first layer; {@link
   * #NONE} for an unknown dimension.
   *
   * @param dims the sizes of one sample's dimensions, e.g. {@code 784} or {@code 28, 28, 1}
   * @return the {@code input_shape} layer argument
   */
  public static LayerOrApplicationArg inputShape(long... dims) {
    for (long d : dims) {
      if (d <= 0 && d != NONE) {
        throw new IllegalArgumentException("inputShape dimensions must be positive or NONE, got "
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
   * A recurrent layer's {@code return_sequences}: every step's output {@code (batch, steps, units)}.
   *
   * @param returnSequences true to return every step's output, not only the last
   * @return the {@code return_sequences} layer argument
   */
  public static LayerArg returnSequences(boolean returnSequences) {
    return new Kwarg("return_sequences", returnSequences);
  }

  /**
   * A recurrent layer's {@code return_state}: the last states follow the output ({@code applyAll}).
   *
   * @param returnState true to return the last states after the output
   * @return the {@code return_state} layer argument
   */
  public static LayerArg returnState(boolean returnState) {
    return new Kwarg("return_state", returnState);
  }

  /**
   * A recurrent layer's {@code go_backwards}.
   *
   * @param goBackwards true to read the steps last to first
   * @return the {@code go_backwards} layer argument
   */
  public static LayerArg goBackwards(boolean goBackwards) {
    return new Kwarg("go_backwards", goBackwards);
  }

  /**
   * A recurrent layer's {@code stateful}, accepted as false only (keras4j has no stateful layers).
   *
   * @param stateful Keras's stateful flag; true is refused by keras4j
   * @return the {@code stateful} layer argument
   */
  public static LayerArg stateful(boolean stateful) {
    return new Kwarg("stateful", stateful);
  }

  /**
   * A recurrent layer's {@code unroll}, recorded in the config; keras4j always unrolls.
   *
   * @param unroll Keras's unroll flag (keras4j always unrolls)
   * @return the {@code unroll} layer argument
   */
  public static LayerArg unroll(boolean unroll) {
    return new Kwarg("unroll", unroll);
  }

  /**
   * A recurrent layer's {@code dropout}: the fraction of each step's inputs dropped while training.
   *
   * @param rate the fraction of the inputs dropped, in [0, 1]
   * @return the {@code dropout} layer argument
   */
  public static LayerArg dropout(double rate) {
    return new Kwarg("dropout", rate);
  }

  /**
   * A recurrent layer's {@code recurrent_dropout}: the fraction of the state dropped while training.
   *
   * @param rate the fraction of the recurrent state dropped, in [0, 1]
   * @return the {@code recurrent_dropout} layer argument
   */
  public static LayerArg recurrentDropout(double rate) {
    return new Kwarg("recurrent_dropout", rate);
  }

  /**
   * The activation of an LSTM's or GRU's gates, by Keras name.
   *
   * @param name the activation's Keras name, e.g. {@code "sigmoid"} (the default)
   * @return the {@code recurrent_activation} layer argument
   */
  public static LayerArg recurrentActivation(String name) {
    return new Kwarg("recurrent_activation", name);
  }

  /**
   * The recurrent kernel's initializer, by Keras name.
   *
   * @param name the initializer's Keras name, e.g. {@code "orthogonal"} (the default)
   * @return the {@code recurrent_initializer} layer argument
   */
  public static LayerArg recurrentInitializer(String name) {
    return new Kwarg("recurrent_initializer", name);
  }

  /**
   * The recurrent kernel's initializer.
   *
   * @param initializer creates the recurrent kernel's starting value from its shape
   * @return the {@code recurrent_initializer} layer argument
   */
  public static LayerArg recurrentInitializer(Initializer initializer) {
    return new Kwarg("recurrent_initializer", initializer);
  }

  /**
   * The recurrent kernel's regularizer.
   *
   * @param regularizer the penalty on the recurrent kernel
   * @return the {@code recurrent_regularizer} layer argument
   */
  public static LayerArg recurrentRegularizer(Regularizer regularizer) {
    return new Kwarg("recurrent_regularizer", regularizer);
  }

  /**
   * An LSTM's {@code unit_forget_bias} (default true: the forget gate's bias starts at 1).
   *
   * @param unitForgetBias false to start the forget gate's bias at the bias initializer's values
   * @return the {@code unit_forget_bias} layer argument
   */
  public static LayerArg unitForgetBias(boolean unitForgetBias) {
    return new Kwarg("unit_forget_bias", unitForgetBias);
  }

  /**
   * A GRU's {@code reset_after} (default true, Keras 3's).
   *
   * @param resetAfter false for the reset gate before the recurrent matrix product (Keras 2's default)
   * @return the {@code reset_after} layer argument
   */
  public static LayerArg resetAfter(boolean resetAfter) {
    return new Kwarg("reset_after", resetAfter);
  }

  /**
   * An Embedding's {@code mask_zero}: id 0 is padding, masked for the layers after.
   *
   * @param maskZero true to mask the steps whose id is 0
   * @return the {@code mask_zero} layer argument
   */
  public static LayerArg maskZero(boolean maskZero) {
    return new Kwarg("mask_zero", maskZero);
  }

  /**
   * An Embedding's initializer, by Keras name.
   *
   * @param name the initializer's Keras name, e.g. {@code "uniform"} (the default)
   * @return the {@code embeddings_initializer} layer argument
   */
  public static LayerArg embeddingsInitializer(String name) {
    return new Kwarg("embeddings_initializer", name);
  }

  /**
   * An Embedding's initializer.
   *
   * @param initializer creates the embeddings' starting value from their shape
   * @return the {@code embeddings_initializer} layer argument
   */
  public static LayerArg embeddingsInitializer(Initializer initializer) {
    return new Kwarg("embeddings_initializer", initializer);
  }

  /**
   * An Embedding's regularizer.
   *
   * @param regularizer the penalty on the embeddings
   * @return the {@code embeddings_regularizer} layer argument
   */
  public static LayerArg embeddingsRegularizer(Regularizer regularizer) {
    return new Kwarg("embeddings_regularizer", regularizer);
  }

  /**
   * How Bidirectional merges the forward and backward outputs.
   *
   * @param mode {@code "concat"}, {@code "sum"}, {@code "mul"}, {@code "ave"} or {@code "none"} (Keras's None: both outputs)
   * @return the {@code merge_mode} layer argument
   */
  public static LayerArg mergeMode(String mode) {
    return new Kwarg("merge_mode", mode);
  }

  /**
   * Bidirectional's {@code backward_layer}: the layer run backwards (its {@code goBackwards}
   * must be true when the forward layer's is false).
   *
   * @param layer the backward recurrent layer
   * @return the {@code backward_layer} layer argument
   */
  public static LayerArg backwardLayer(keras4j.layers.RNN layer) {
    return new Kwarg("backward_layer", layer);
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
  public static LayerOrApplicationArg name(String name) {
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
   * The layer's dtype policy by name, Keras's {@code dtype="mixed_bfloat16"}: {@code
   * "mixed_bfloat16"} or {@code "mixed_float16"} compute in that precision with float32 variables,
   * {@code "float32"} (e.g. for a last layer under a mixed global policy) in float32. Without it a
   * layer takes {@link MixedPrecision#globalPolicy}.
   *
   * @param policy the policy's name
   * @return the {@code dtype} layer argument
   */
  public static LayerArg dtype(String policy) {
    return new Kwarg("dtype", DTypePolicies.get(policy));
  }

  /**
   * The layer's dtype policy, Keras's {@code dtype=keras.DTypePolicy(...)}.
   *
   * @param policy the policy
   * @return the {@code dtype} layer argument
   */
  public static LayerArg dtype(DTypePolicy policy) {
    return new Kwarg("dtype", policy);
  }

  /**
   * The seed of a random layer (Dropout), or of a tuner's choices.
   *
   * @param seed the random seed, so that the layer (tuner) draws the same values on every run
   * @return the {@code seed} argument of layers and tuners
   */
  public static SeedArg seed(long seed) {
    return new Kwarg("seed", seed);
  }

  /**
   * The seed of an initializer as a generator, so that each call draws new values (Keras's
   * {@code seed=keras.random.SeedGenerator(n)}).
   *
   * @param seed the generator
   * @return the {@code seed} argument of initializers
   */
  public static SeedArg seed(keras4j.ops.SeedGenerator seed) {
    return new Kwarg("seed", seed);
  }

  /**
   * Convolution and pooling strides: one int for every axis, or one per axis.
   *
   * @param strides the step between windows: one value for every axis, or one per axis
   * @return the {@code strides} layer argument
   */
  public static LayerArg strides(int... strides) {
    return new Kwarg("strides", strides.clone());
  }

  /**
   * Convolution and pooling padding: {@code "valid"} (the default), {@code "same"}, or for
   * Conv1D {@code "causal"}.
   *
   * @param padding {@code "valid"} (no padding, the output shrinks), {@code "same"} (padded so
   *     the output keeps the input size at stride 1) or {@code "causal"} (Conv1D: padded on the
   *     left, output step t sees inputs up to t)
   * @return the {@code padding} layer argument
   */
  public static LayerArg padding(String padding) {
    return new Kwarg("padding", padding);
  }

  /**
   * Convolution dilation: one int for every axis, or one per axis.
   *
   * @param rate the spacing between kernel taps: one value for every axis, or one per axis; 1 is
   *     a plain convolution
   * @return the {@code dilation_rate} layer argument
   */
  public static LayerArg dilationRate(int... rate) {
    return new Kwarg("dilation_rate", rate.clone());
  }

  /**
   * The pooling window: one int for every axis, or one per axis; default 2.
   *
   * @param size the window: one value for every axis, or one per axis
   * @return the {@code pool_size} layer argument
   */
  public static LayerArg poolSize(int... size) {
    return new Kwarg("pool_size", size.clone());
  }

  /**
   * Conv1D, Conv2D and Conv3D: the number of groups the input channels are split into, each
   * convolved with {@code filters / groups} filters (default 1).
   *
   * @param groups the number of groups; it divides both the input channels and {@code filters}
   * @return the {@code groups} layer argument
   */
  public static LayerArg groups(int groups) {
    return new Kwarg("groups", groups);
  }

  /**
   * Depthwise and separable convolutions: filters per input channel (default 1).
   *
   * @param multiplier the number of filters per input channel
   * @return the {@code depth_multiplier} layer argument
   */
  public static LayerArg depthMultiplier(int multiplier) {
    return new Kwarg("depth_multiplier", multiplier);
  }

  /**
   * Transposed convolutions: cells added at the end of each axis of the output, each less than
   * its stride (default: Keras's output size).
   *
   * @param padding one value for every axis, or one per axis
   * @return the {@code output_padding} layer argument
   */
  public static LayerArg outputPadding(int... padding) {
    return new Kwarg("output_padding", padding.clone());
  }

  /**
   * The depthwise kernel's initializer, by Keras name (default {@code "glorot_uniform"}).
   *
   * @param name the initializer's Keras name
   * @return the {@code depthwise_initializer} layer argument
   */
  public static LayerArg depthwiseInitializer(String name) {
    return new Kwarg("depthwise_initializer", name);
  }

  /**
   * The depthwise kernel's initializer.
   *
   * @param initializer the initializer
   * @return the {@code depthwise_initializer} layer argument
   */
  public static LayerArg depthwiseInitializer(Initializer initializer) {
    return new Kwarg("depthwise_initializer", initializer);
  }

  /**
   * The pointwise kernel's initializer, by Keras name (default {@code "glorot_uniform"}).
   *
   * @param name the initializer's Keras name
   * @return the {@code pointwise_initializer} layer argument
   */
  public static LayerArg pointwiseInitializer(String name) {
    return new Kwarg("pointwise_initializer", name);
  }

  /**
   * The pointwise kernel's initializer.
   *
   * @param initializer the initializer
   * @return the {@code pointwise_initializer} layer argument
   */
  public static LayerArg pointwiseInitializer(Initializer initializer) {
    return new Kwarg("pointwise_initializer", initializer);
  }

  /**
   * A penalty on the depthwise kernel added to the loss.
   *
   * @param regularizer the penalty, e.g. {@code l2(0.01)}
   * @return the {@code depthwise_regularizer} layer argument
   */
  public static LayerArg depthwiseRegularizer(Regularizer regularizer) {
    return new Kwarg("depthwise_regularizer", regularizer);
  }

  /**
   * A penalty on the pointwise kernel added to the loss.
   *
   * @param regularizer the penalty, e.g. {@code l2(0.01)}
   * @return the {@code pointwise_regularizer} layer argument
   */
  public static LayerArg pointwiseRegularizer(Regularizer regularizer) {
    return new Kwarg("pointwise_regularizer", regularizer);
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

  /**
   * Global pooling: keep the pooled axes with size 1 ({@code keepdims=True}); default false.
   *
   * @param keepdims whether to keep the reduced axes with size 1
   * @return the keyword argument {@code keepdims}
   */
  public static LayerArg keepdims(boolean keepdims) {
    return new Kwarg("keepdims", keepdims);
  }

  /**
   * UpSampling2D's factors: one int for both axes, or (height, width); default 2.
   *
   * @param size the factors: one int for both axes, or (height, width)
   * @return the keyword argument {@code size}
   */
  public static LayerArg size(int... size) {
    return new Kwarg("size", size.clone());
  }

  /**
   * How images are resampled: {@code "nearest"} or {@code "bilinear"} (UpSampling2D, Resizing
   * and the random image layers; Resizing also takes {@code "bicubic"}, {@code "area"}, {@code
   * "lanczos3"} and {@code "lanczos5"}).
   *
   * @param interpolation {@code "nearest"}, {@code "bilinear"}, {@code "bicubic"}, ...
   * @return the keyword argument {@code interpolation}
   */
  public static LayerArg interpolation(String interpolation) {
    return new Kwarg("interpolation", interpolation);
  }

  /**
   * Resizing: crop the largest centered window of the target's aspect ratio before resizing, so
   * nothing is stretched ({@code crop_to_aspect_ratio}); default false.
   *
   * @param crop whether to crop to the aspect ratio
   * @return the keyword argument {@code crop_to_aspect_ratio}
   */
  public static LayerArg cropToAspectRatio(boolean crop) {
    return new Kwarg("crop_to_aspect_ratio", crop);
  }

  /**
   * Resizing: pad the short side evenly with {@code fillValue(...)} to the target's aspect ratio
   * before resizing, so nothing is stretched ({@code pad_to_aspect_ratio}); default false.
   *
   * @param pad whether to pad to the aspect ratio
   * @return the keyword argument {@code pad_to_aspect_ratio}
   */
  public static LayerArg padToAspectRatio(boolean pad) {
    return new Kwarg("pad_to_aspect_ratio", pad);
  }

  /**
   * Resizing: antialias when downscaling (the filter widens by the scale factor, as {@code
   * tf.image.resize(antialias=True)}); default false.
   *
   * @param antialias whether to antialias
   * @return the keyword argument {@code antialias}
   */
  public static LayerArg antialias(boolean antialias) {
    return new Kwarg("antialias", antialias);
  }

  /**
   * Rescaling's offset, added after the scale: {@code x * scale + offset}; default 0.
   *
   * @param offset the value added
   * @return the keyword argument {@code offset}
   */
  public static LayerArg offset(double offset) {
    return new Kwarg("offset", offset);
  }

  /**
   * Rescaling's offset per channel (the last axis), added after the scale, as Keras's list or
   * array {@code offset}.
   *
   * @param offset the values added, one per channel
   * @return the keyword argument {@code offset}
   */
  public static LayerArg offset(double... offset) {
    return new Kwarg("offset", offset.clone());
  }

  /**
   * Normalization's fixed mean: one value for every feature or one per feature (then {@code
   * variance(...)} is needed too, and the layer is not adapted).
   *
   * @param mean the mean: one value, or one per feature
   * @return the keyword argument {@code mean}
   */
  public static LayerArg mean(double... mean) {
    return new Kwarg("mean", mean.clone());
  }

  /**
   * Normalization's fixed variance, as {@link #mean}.
   *
   * @param variance the variance: one value, or one per feature
   * @return the keyword argument {@code variance}
   */
  public static LayerArg variance(double... variance) {
    return new Kwarg("variance", variance.clone());
  }

  /**
   * Normalization: undo the normalization instead, {@code mean + x * sqrt(variance)}.
   *
   * @param invert whether to undo the normalization
   * @return the keyword argument {@code invert}
   */
  public static LayerArg invert(boolean invert) {
    return new Kwarg("invert", invert);
  }

  // ---- Lookup and text preprocessing layers (StringLookup, IntegerLookup) ----

  /**
   * The vocabulary of a {@code StringLookup}, in index order (Keras's {@code vocabulary}).
   *
   * @param terms the terms, without the mask and OOV tokens
   * @return the keyword argument {@code vocabulary}
   */
  public static LayerArg vocabulary(String... terms) {
    return new Kwarg("vocabulary", List.of(terms));
  }

  /**
   * The vocabulary of an {@code IntegerLookup}, in index order.
   *
   * @param terms the integers, without the mask and OOV tokens
   * @return the keyword argument {@code vocabulary}
   */
  public static LayerArg vocabulary(long... terms) {
    return new Kwarg("vocabulary", java.util.Arrays.stream(terms).boxed().toList());
  }

  /**
   * The most indices a lookup layer learns by {@code adapt}, special tokens included.
   *
   * @param maxTokens the size cap of the vocabulary
   * @return the keyword argument {@code max_tokens}
   */
  public static LayerArg maxTokens(int maxTokens) {
    return new Kwarg("max_tokens", maxTokens);
  }

  /**
   * The number of out-of-vocabulary indices (default 1; 0: unknown tokens get -1).
   *
   * @param count the number of OOV indices
   * @return the keyword argument {@code num_oov_indices}
   */
  public static LayerArg numOovIndices(int count) {
    return new Kwarg("num_oov_indices", count);
  }

  /**
   * The token that marks padding, index 0 in "int" mode (default none).
   *
   * @param token a string (StringLookup) or an integer (IntegerLookup)
   * @return the keyword argument {@code mask_token}
   */
  public static LayerArg maskToken(Object token) {
    return new Kwarg("mask_token", token);
  }

  /**
   * The token an inverted lookup gives for unknown indices ("[UNK]", or -1 for IntegerLookup).
   *
   * @param token a string (StringLookup) or an integer (IntegerLookup)
   * @return the keyword argument {@code oov_token}
   */
  public static LayerArg oovToken(Object token) {
    return new Kwarg("oov_token", token);
  }

  /**
   * What a lookup layer outputs: "int" (indices), "one_hot", "multi_hot", "count", "tf_idf".
   *
   * @param mode the output mode
   * @return the keyword argument {@code output_mode}
   */
  public static LayerArg outputMode(String mode) {
    return new Kwarg("output_mode", mode);
  }

  /**
   * The inverse document frequency of each vocabulary term, for "tf_idf" output.
   *
   * @param weights one weight per term
   * @return the keyword argument {@code idf_weights}
   */
  public static LayerArg idfWeights(double... weights) {
    return new Kwarg("idf_weights", weights.clone());
  }

  // ---- TextVectorization

  /**
   * TextVectorization's standardization: "lower_and_strip_punctuation" (default), "lower",
   * "strip_punctuation", or null for none (Keras's None).
   *
   * @param mode the standardization, or null
   * @return the keyword argument {@code standardize}
   */
  public static LayerArg standardize(String mode) {
    return new Kwarg("standardize", mode == null ? (Object) false : mode);
  }

  /**
   * TextVectorization's splitting: "whitespace" (default), "character", or null for none.
   *
   * @param mode the splitting, or null
   * @return the keyword argument {@code split}
   */
  public static LayerArg split(String mode) {
    return new Kwarg("split", mode == null ? (Object) false : mode);
  }

  /**
   * TextVectorization's n-grams of widths 1 to {@code maxWidth} (Keras's {@code ngrams=n}).
   *
   * @param maxWidth the widest n-gram
   * @return the keyword argument {@code ngrams}
   */
  public static LayerArg ngrams(int maxWidth) {
    return new Kwarg("ngrams", maxWidth);
  }

  /**
   * TextVectorization's n-grams of exactly these widths (Keras's {@code ngrams=(2, 3)}).
   *
   * @param width the first width
   * @param more the other widths
   * @return the keyword argument {@code ngrams}
   */
  public static LayerArg ngrams(int width, int... more) {
    List<Integer> widths = new java.util.ArrayList<>(List.of(width));
    java.util.Arrays.stream(more).forEach(widths::add);
    return new Kwarg("ngrams", widths);
  }

  /**
   * TextVectorization's "int" output length: each sample's indices cut or padded with 0 to it.
   *
   * @param length the number of indices per sample
   * @return the keyword argument {@code output_sequence_length}
   */
  public static LayerArg outputSequenceLength(int length) {
    return new Kwarg("output_sequence_length", length);
  }

  /**
   * Whether TextVectorization's "multi_hot", "count" and "tf_idf" outputs have {@code max_tokens}
   * entries however small the vocabulary; default false.
   *
   * @param pad whether to pad to max_tokens
   * @return the keyword argument {@code pad_to_max_tokens}
   */
  public static LayerArg padToMaxTokens(boolean pad) {
    return new Kwarg("pad_to_max_tokens", pad);
  }

  /**
   * Whether a normalizing layer adds its learned offset {@code beta}; default true.
   *
   * @param center whether to add beta
   * @return the keyword argument {@code center}
   */
  public static LayerArg center(boolean center) {
    return new Kwarg("center", center);
  }

  /**
   * Whether a normalizing layer multiplies by its learned scale {@code gamma}; default true.
   *
   * @param scale the factor
   * @return the keyword argument {@code scale}
   */
  public static LayerArg scale(boolean scale) {
    return new Kwarg("scale", scale);
  }

  /**
   * LayerNormalization: scale by the root mean square only, with no centering.
   *
   * @param rmsScaling whether to scale by the root mean square only
   * @return the keyword argument {@code rms_scaling}
   */
  public static LayerArg rmsScaling(boolean rmsScaling) {
    return new Kwarg("rms_scaling", rmsScaling);
  }

  /**
   * PReLU: the axes (1 = first after the batch) along which one slope is shared.
   *
   * @param axes the axes (negative counts from the end)
   * @return the keyword argument {@code shared_axes}
   */
  public static LayerArg sharedAxes(int... axes) {
    return new Kwarg("shared_axes", axes.clone());
  }

  /**
   * PReLU's initializer of the slopes, by Keras name; default {@code "zeros"}.
   *
   * @param name the activation's Keras name
   * @return the keyword argument {@code alpha_initializer}
   */
  public static LayerArg alphaInitializer(String name) {
    return new Kwarg("alpha_initializer", name);
  }

  // ---- regularizers of PReLU's, LayerNormalization's and BatchNormalization's weights
  /**
   * PReLU: a penalty on the slopes added to the loss.
   *
   * @param regularizer the penalty, e.g. {@code l2(0.01)}
   * @return the {@code alpha_regularizer} layer argument
   */
  public static LayerArg alphaRegularizer(Regularizer regularizer) {
    return new Kwarg("alpha_regularizer", regularizer);
  }

  /**
   * LayerNormalization, BatchNormalization: a penalty on the offset {@code beta} added to the
   * loss.
   *
   * @param regularizer the penalty, e.g. {@code l1(0.01)}
   * @return the {@code beta_regularizer} layer argument
   */
  public static LayerArg betaRegularizer(Regularizer regularizer) {
    return new Kwarg("beta_regularizer", regularizer);
  }

  /**
   * LayerNormalization, BatchNormalization: a penalty on the scale {@code gamma} added to the
   * loss.
   *
   * @param regularizer the penalty, e.g. {@code l2(0.01)}
   * @return the {@code gamma_regularizer} layer argument
   */
  public static LayerArg gammaRegularizer(Regularizer regularizer) {
    return new Kwarg("gamma_regularizer", regularizer);
  }

  // ---- initializers of LayerNormalization's and BatchNormalization's weights
  /**
   * LayerNormalization, BatchNormalization: the starting value of the offset {@code beta}
   * (default zeros).
   *
   * @param initializer e.g. {@code new Constant(0.1)}
   * @return the {@code beta_initializer} layer argument
   */
  public static LayerArg betaInitializer(Initializer initializer) {
    return new Kwarg("beta_initializer", initializer);
  }

  /**
   * LayerNormalization, BatchNormalization: the starting value of the scale {@code gamma}
   * (default ones).
   *
   * @param initializer e.g. {@code new Constant(0.5)}
   * @return the {@code gamma_initializer} layer argument
   */
  public static LayerArg gammaInitializer(Initializer initializer) {
    return new Kwarg("gamma_initializer", initializer);
  }

  /**
   * BatchNormalization: the starting value of the moving mean (default zeros).
   *
   * @param initializer e.g. {@code new Constant(0.5)}
   * @return the {@code moving_mean_initializer} layer argument
   */
  public static LayerArg movingMeanInitializer(Initializer initializer) {
    return new Kwarg("moving_mean_initializer", initializer);
  }

  /**
   * BatchNormalization: the starting value of the moving variance (default ones).
   *
   * @param initializer e.g. {@code new Constant(2)}
   * @return the {@code moving_variance_initializer} layer argument
   */
  public static LayerArg movingVarianceInitializer(Initializer initializer) {
    return new Kwarg("moving_variance_initializer", initializer);
  }

  /**
   * How the random image layers fill points outside the image: {@code "reflect"} (the default),
   * {@code "wrap"}, {@code "constant"} or {@code "nearest"} (Resizing pads with {@code
   * "constant"} only, as Keras).
   *
   * @param fillMode {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
   * @return the keyword argument {@code fill_mode}
   */
  public static LayerArg fillMode(String fillMode) {
    return new Kwarg("fill_mode", fillMode);
  }

  /**
   * RandomZoom's width factor, one value (either way) or a range (min, max); default: as the
   * height.
   *
   * @param factor the factor: a number, or a (min, max) range
   * @return the keyword argument {@code width_factor}
   */
  public static LayerArg widthFactor(double... factor) {
    if (factor.length != 1 && factor.length != 2) {
      throw new IllegalArgumentException("widthFactor takes one value or a pair (min, max)");
    }
    return new Kwarg("width_factor", factor.clone());
  }

  /**
   * The value of {@code fillMode("constant")}; default 0.
   *
   * @param fillValue the value of points outside the image
   * @return the keyword argument {@code fill_value}
   */
  public static LayerArg fillValue(double fillValue) {
    return new Kwarg("fill_value", fillValue);
  }

  /**
   * RandomContrast's range of pixel values, the outputs are clipped to; default (0, 255).
   *
   * @param high the highest pixel value
   * @param low the lowest pixel value
   * @return the keyword argument {@code value_range}
   */
  public static LayerArg valueRange(double low, double high) {
    return new Kwarg("value_range", new double[] {low, high});
  }

  /**
   * RandomFlip's mode: {@code "horizontal"}, {@code "vertical"} or {@code
   * "horizontal_and_vertical"} (the default).
   *
   * @param mode {@code "horizontal"}, {@code "vertical"} or {@code "horizontal_and_vertical"}
   * @return the keyword argument {@code mode}
   */
  public static LayerArg mode(String mode) {
    return new Kwarg("mode", mode);
  }

  // ---- attention (Attention, AdditiveAttention, MultiHeadAttention, EinsumDense)

  /**
   * Attention's and AdditiveAttention's {@code use_scale}: scale the scores by a learned weight.
   *
   * @param useScale true to learn a scale (Attention's default false, AdditiveAttention's true)
   * @return the {@code use_scale} layer argument
   */
  public static LayerArg useScale(boolean useScale) {
    return new Kwarg("use_scale", useScale);
  }

  /**
   * Attention's {@code score_mode}: {@code "dot"} (the default) or {@code "concat"}.
   *
   * @param mode {@code "dot"} or {@code "concat"}
   * @return the {@code score_mode} layer argument
   */
  public static LayerArg scoreMode(String mode) {
    return new Kwarg("score_mode", mode);
  }

  /**
   * MultiHeadAttention's {@code value_dim}: the size of each head for the value (default key_dim).
   *
   * @param valueDim the size of each value head, at least 1
   * @return the {@code value_dim} layer argument
   */
  public static LayerArg valueDim(int valueDim) {
    return new Kwarg("value_dim", valueDim);
  }

  /**
   * MultiHeadAttention's {@code output_shape}: the output's dimensions after the query's other
   * axes (default the query's last dimension).
   *
   * @param dims the output's last dimensions
   * @return the {@code output_shape} layer argument
   */
  public static LayerArg outputShape(long... dims) {
    return new Kwarg("output_shape", dims.clone());
  }

  /**
   * MultiHeadAttention's {@code attention_axes}: the query's axes attended over (default all
   * between the batch and the features).
   *
   * @param axes the axes, negative counting from the end
   * @return the {@code attention_axes} layer argument
   */
  public static LayerArg attentionAxes(int... axes) {
    return new Kwarg("attention_axes", axes.clone());
  }

  /**
   * EinsumDense's {@code bias_axes}: the output letters the bias spans (default no bias).
   *
   * @param axes letters of the equation's output, e.g. {@code "de"}
   * @return the {@code bias_axes} layer argument
   */
  public static LayerArg biasAxes(String axes) {
    return new Kwarg("bias_axes", axes);
  }

  /**
   * The attention layers' call argument {@code use_causal_mask}: step i attends to steps up to i
   * only ({@code layer.applyAll(List.of(q, v), useCausalMask(true))}).
   *
   * @param causal true for the causal mask
   * @return the {@code use_causal_mask} call argument
   */
  public static CallArg useCausalMask(boolean causal) {
    return new Kwarg("use_causal_mask", causal);
  }

  /**
   * The attention layers' call argument {@code return_attention_scores}: the softmax weights
   * follow the output ({@code applyAll}).
   *
   * @param scores true to return the attention scores as a second output
   * @return the {@code return_attention_scores} call argument
   */
  public static CallArg returnAttentionScores(boolean scores) {
    return new Kwarg("return_attention_scores", scores);
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
    return metricList("metrics", "metrics", metrics);
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
    return metricMap("metrics", "metrics", byOutput);
  }

  /**
   * Keras's {@code weighted_metrics}: metrics that weigh each sample by the {@code
   * sampleWeight} (or {@code classWeight}) given to fit and evaluate, which the plain {@code
   * metrics} ignore in Keras 3. Given as {@link #metrics(Object...)}: aliases or {@link Metric}
   * objects, or one entry per output. One whose log name a plain metric already has logs as
   * {@code weighted_<name>}.
   *
   * @param metrics the weighted metrics, or one entry per output
   * @return the {@code weighted_metrics} compile argument
   * @throws IllegalArgumentException if an entry is not an alias, a Metric or a list of them
   */
  public static CompileArg weightedMetrics(Object... metrics) {
    return metricList("weightedMetrics", "weighted_metrics", metrics);
  }

  /**
   * Keras's {@code weighted_metrics} by output name, as {@link #metrics(Map)}.
   *
   * @param byOutput the weighted metrics of each named output
   * @return the {@code weighted_metrics} compile argument
   * @throws IllegalArgumentException if a value is not an alias, a Metric or a list of them
   */
  public static CompileArg weightedMetrics(Map<String, ?> byOutput) {
    return metricMap("weightedMetrics", "weighted_metrics", byOutput);
  }

  /** The {@code key} argument of factory {@code factory} (named in errors). */
  private static CompileArg metricList(String factory, String key, Object[] metrics) {
    for (Object m : metrics) {
      for (Object item : m instanceof List<?> perOutput ? perOutput : List.of(m)) {
        checkType(factory, item, false, String.class, Metric.class);
      }
    }
    return new Kwarg(key, List.of(metrics));
  }

  private static CompileArg metricMap(String factory, String key, Map<String, ?> byOutput) {
    byOutput.values().forEach(m -> {
      for (Object item : m instanceof List<?> list ? list : List.of(m)) {
        checkType(factory, item, false, String.class, Metric.class);
      }
    });
    return new Kwarg(key, new LinkedHashMap<>(byOutput));
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
  /**
   * Whether TensorFlow compiles the training, test and predict steps with XLA (Keras's {@code
   * jit_compile}, default false here; see the README's performance section for when it wins).
   * Compiling again with another value rebuilds the model's graph; the results equal the
   * uncompiled steps' within float32 rounding (XLA fuses and reorders the arithmetic).
   *
   * @param jit true to compile with XLA
   * @return the {@code jit_compile} compile argument
   */
  public static CompileArg jitCompile(boolean jit) {
    return new Kwarg("jit_compile", jit);
  }

  /**
   * Whether {@code compile} wraps the optimizer in a {@code LossScaleOptimizer} when the model's
   * dtype policy is {@code mixed_float16} (Keras's {@code auto_scale_loss}, default true).
   *
   * @param scale false to train a mixed_float16 model without loss scaling
   * @return the {@code auto_scale_loss} compile argument
   */
  public static CompileArg autoScaleLoss(boolean scale) {
    return new Kwarg("auto_scale_loss", scale);
  }


  // ---- optimizers
  /**
   * A {@code LossScaleOptimizer}'s starting loss scale (Keras's default {@code 2**15}).
   *
   * @param scale the initial loss scale, above 0
   * @return the {@code initial_scale} optimizer argument
   */
  public static OptimizerArg initialScale(double scale) {
    return new Kwarg("initial_scale", scale);
  }

  /**
   * How many finite steps in a row double a {@code LossScaleOptimizer}'s scale (Keras's default
   * 2000).
   *
   * @param steps the growth interval, at least 1
   * @return the {@code dynamic_growth_steps} optimizer argument
   */
  public static OptimizerArg dynamicGrowthSteps(int steps) {
    return new Kwarg("dynamic_growth_steps", steps);
  }

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
   * The small constant for numerical stability: of an optimizer (Adam, RMSprop, Adagrad, ...) or of
   * a normalizing layer's variance (LayerNormalization: 0.001).
   *
   * @param value the value
   * @return the keyword argument {@code epsilon}
   */
  public static LayerOrOptimizerArg epsilon(double value) {
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
   * Ftrl's beta (default 0), or {@code BayesianOptimization}'s balance of exploration against
   * exploitation (default 2.6: the larger, the more it explores).
   *
   * @param value the value
   * @return the optimizer or tuner argument {@code beta}
   */
  public static OptimizerOrTunerArg beta(double value) {
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
   * Data to evaluate on at the end of each epoch with sample weights, as Keras's {@code
   * validation_data=(x, y, sample_weight)}: the validation loss and weighted metrics weigh each
   * sample.
   *
   * @param x the validation features, shaped like the training features
   * @param y the validation labels, shaped like the training labels
   * @param sampleWeight one weight per validation sample, as {@link #sampleWeight} takes them
   * @return the {@code validation_data} fit argument
   */
  public static FitArg validationData(Object x, Object y, Object sampleWeight) {
    return new Kwarg("validation_data", new Object[] {x, y, sampleWeight});
  }

  /**
   * Keras's {@code sample_weight} of fit and evaluate: how much each sample counts in the loss
   * (the sum of weighted losses over the batch size) and in the {@code weightedMetrics}. One
   * array of one weight per sample ({@code float[]}, {@code double[]}, an NdArray of shape
   * {@code (samples,)} or {@code (samples, 1)}) for every output, or for a model of several
   * outputs a list of one per output or a map of them by output name.
   *
   * @param weights the sample weights: one array, or a list or map of one per output
   * @return the {@code sample_weight} argument of fit and evaluate
   */
  public static WeightArg sampleWeight(Object weights) {
    return new Kwarg("sample_weight", weights);
  }

  /**
   * Keras's {@code class_weight} of fit: each sample weighs its class's weight (classes left
   * out weigh 1), the class being the label (rounded) or the argmax of one-hot labels. As in
   * Keras, only for a model of one output, and not together with {@link #sampleWeight}.
   *
   * @param weights the weight of each class index, e.g. {@code Map.of(0, 1.0, 1, 5.0)}
   * @return the {@code class_weight} fit argument
   */
  public static FitArg classWeight(Map<Integer, ? extends Number> weights) {
    return new Kwarg("class_weight", new LinkedHashMap<>(weights));
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

  /**
   * A dataset to evaluate on at the end of each epoch, as Keras's {@code validation_data} given a
   * {@code tf.data.Dataset}: its batches hold the features and labels.
   *
   * @param data the validation batches
   * @return the {@code validation_data} fit argument
   */
  public static FitArg validationData(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("validationData is null: leave it out, or pass a Dataset");
    }
    return new Kwarg("validation_data", data);
  }

  /**
   * The number of batches of one epoch, as Keras's {@code steps_per_epoch}: needed for a dataset
   * without end; with it, one pass of the dataset goes on from epoch to epoch (a generator is
   * not started again), and a dataset that runs out ends the epoch with Keras's warning.
   *
   * @param steps the batches per epoch, at least 1
   * @return the {@code steps_per_epoch} fit argument
   */
  public static FitArg stepsPerEpoch(int steps) {
    return new Kwarg("steps_per_epoch", positive("stepsPerEpoch", steps));
  }

  /**
   * The number of validation batches at the end of each epoch, as Keras's {@code
   * validation_steps}; the validation pass then goes on from epoch to epoch.
   *
   * @param steps the validation batches per epoch, at least 1
   * @return the {@code validation_steps} fit argument
   */
  public static FitArg validationSteps(int steps) {
    return new Kwarg("validation_steps", positive("validationSteps", steps));
  }

  /**
   * The number of batches {@code evaluate} or {@code predict} reads from a dataset, as Keras's
   * {@code steps} (default: until the dataset ends).
   *
   * @param steps the number of batches, at least 1
   * @return the {@code steps} argument of evaluate and predict
   */
  public static InferenceArg steps(int steps) {
    return new Kwarg("steps", positive("steps", steps));
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
    return value;
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

  // ---- tuners

  /**
   * What a tuner optimises, by metric name: {@code "val_accuracy"} (maximised), {@code
   * "val_loss"} (minimised); the direction is inferred as KerasTuner infers it.
   *
   * @param name the log name of the metric, e.g. {@code "val_accuracy"}
   * @return the {@code objective} tuner argument
   * @throws IllegalArgumentException if the direction cannot be inferred: pass an {@link
   *     Objective}
   */
  public static TunerArg objective(String name) {
    return new Kwarg("objective", Objective.of(name));
  }

  /**
   * What a tuner optimises, with its direction.
   *
   * @param objective the metric and direction, e.g. {@code new Objective("val_auc", "max")}
   * @return the {@code objective} tuner argument
   */
  public static TunerArg objective(Objective objective) {
    return new Kwarg("objective", objective);
  }

  /**
   * The most trials a tuner runs (KerasTuner's {@code max_trials}).
   *
   * @param trials the number of trials, at least 1
   * @return the {@code max_trials} tuner argument
   */
  public static TunerArg maxTrials(int trials) {
    return new Kwarg("max_trials", positive("maxTrials", trials));
  }

  /**
   * The directory a tuner records its trials in (default: the working directory).
   *
   * @param directory the directory
   * @return the {@code directory} tuner argument
   */
  public static TunerArg directory(String directory) {
    return new Kwarg("directory", directory);
  }

  /**
   * The sub-directory of a tuning project (default {@code "untitled_project"}).
   *
   * @param name the project's name
   * @return the {@code project_name} tuner argument
   */
  public static TunerArg projectName(String name) {
    return new Kwarg("project_name", name);
  }

  /**
   * Whether a tuner starts afresh (true) or resumes the trials recorded in its project (false,
   * the default, as KerasTuner).
   *
   * @param overwrite true to delete the recorded trials
   * @return the {@code overwrite} tuner argument
   */
  public static TunerArg overwrite(boolean overwrite) {
    return new Kwarg("overwrite", overwrite);
  }

  /**
   * The most epochs {@code Hyperband} trains one model for (default 100), as KerasTuner's {@code
   * max_epochs}: a little more than the largest model needs to converge.
   *
   * @param epochs the epochs, at least 1
   * @return the {@code max_epochs} tuner argument
   */
  public static TunerArg maxEpochs(int epochs) {
    return new Kwarg("max_epochs", positive("maxEpochs", epochs));
  }

  /**
   * {@code Hyperband}'s reduction factor of the epochs and of the trials from one round of a
   * bracket to the next (default 3).
   *
   * @param factor the factor, at least 2
   * @return the {@code factor} tuner argument
   */
  public static TunerArg factor(int factor) {
    if (factor < 2) {
      throw new IllegalArgumentException("factor needs to be an integer larger than 1, got "
          + factor);
    }
    return new Kwarg("factor", factor);
  }

  /**
   * How many times {@code Hyperband} runs all its brackets (default 1); one iteration trains
   * about {@code maxEpochs * log_factor(maxEpochs)^2} epochs in all.
   *
   * @param iterations the iterations, at least 1
   * @return the {@code hyperband_iterations} tuner argument
   */
  public static TunerArg hyperbandIterations(int iterations) {
    return new Kwarg("hyperband_iterations", positive("hyperbandIterations", iterations));
  }

  // Weight constraints (keras4j.constraints), applied by the optimizer after each update.

  /**
   * A projection of the kernel after each optimizer update, e.g. {@code kernelConstraint(new
   * MaxNorm(2))}.
   *
   * @param constraint the kernel's constraint
   * @return the {@code kernel_constraint} layer argument
   */
  public static LayerArg kernelConstraint(Constraint constraint) {
    return new Kwarg("kernel_constraint", constraint);
  }

  /**
   * A built-in kernel constraint by Keras's name, with its defaults: {@code
   * kernelConstraint("non_neg")}.
   *
   * @param name {@code "max_norm"}, {@code "non_neg"}, {@code "unit_norm"}, {@code
   *     "min_max_norm"} or a class name ({@code "MaxNorm"})
   * @return the {@code kernel_constraint} layer argument
   */
  public static LayerArg kernelConstraint(String name) {
    return kernelConstraint(Constraints.get(name));
  }

  /**
   * A projection of the bias after each optimizer update.
   *
   * @param constraint the bias's constraint, e.g. {@code new NonNeg()}
   * @return the {@code bias_constraint} layer argument
   */
  public static LayerArg biasConstraint(Constraint constraint) {
    return new Kwarg("bias_constraint", constraint);
  }

  /**
   * A built-in bias constraint by Keras's name, with its defaults.
   *
   * @param name a constraint name as {@link #kernelConstraint(String)} takes
   * @return the {@code bias_constraint} layer argument
   */
  public static LayerArg biasConstraint(String name) {
    return biasConstraint(Constraints.get(name));
  }

  /**
   * A projection of a recurrent layer's recurrent kernel after each optimizer update.
   *
   * @param constraint the recurrent kernel's constraint
   * @return the {@code recurrent_constraint} layer argument
   */
  public static LayerArg recurrentConstraint(Constraint constraint) {
    return new Kwarg("recurrent_constraint", constraint);
  }

  /**
   * A projection of an Embedding's matrix after each optimizer update.
   *
   * @param constraint the embeddings' constraint, e.g. {@code new UnitNorm(1)} for unit rows
   * @return the {@code embeddings_constraint} layer argument
   */
  public static LayerArg embeddingsConstraint(Constraint constraint) {
    return new Kwarg("embeddings_constraint", constraint);
  }

  /**
   * A projection of a BatchNormalization's or LayerNormalization's offset beta after each
   * optimizer update.
   *
   * @param constraint beta's constraint, e.g. {@code new NonNeg()}
   * @return the {@code beta_constraint} layer argument
   */
  public static LayerArg betaConstraint(Constraint constraint) {
    return new Kwarg("beta_constraint", constraint);
  }

  /**
   * A projection of a BatchNormalization's or LayerNormalization's scale gamma after each
   * optimizer update.
   *
   * @param constraint gamma's constraint, e.g. {@code new MaxNorm(1)}
   * @return the {@code gamma_constraint} layer argument
   */
  public static LayerArg gammaConstraint(Constraint constraint) {
    return new Kwarg("gamma_constraint", constraint);
  }

  /**
   * A projection of a PReLU's slopes after each optimizer update.
   *
   * @param constraint the slopes' constraint, e.g. {@code new NonNeg()}
   * @return the {@code alpha_constraint} layer argument
   */
  public static LayerArg alphaConstraint(Constraint constraint) {
    return new Kwarg("alpha_constraint", constraint);
  }

  /**
   * How many random trials {@code BayesianOptimization} runs before it fits its Gaussian
   * process (default: 3 × the number of hyperparameters, at least 3).
   *
   * @param points the trials, at least 1
   * @return the {@code num_initial_points} tuner argument
   */
  public static TunerArg numInitialPoints(int points) {
    return new Kwarg("num_initial_points", positive("numInitialPoints", points));
  }

  /**
   * MobileNetV2's width multiplier (default 1.0: below 1 fewer filters in every layer, above 1
   * more), or the noise {@code BayesianOptimization} expects in the scores, added to its Gaussian
   * process's kernel diagonal (default 1e-4).
   *
   * @param value the multiplier or the variance, positive
   * @return the {@code alpha} application or tuner argument
   */
  public static ApplicationOrTunerArg alpha(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("alpha must be positive, got " + value);
    }
    return new Kwarg("alpha", value);
  }

  // ---- keras.utils: datasets from folders and series (issue 13)

  /**
   * The images of a folder, one sub-folder per class, as {@code
   * keras.utils.image_dataset_from_directory}.
   *
   * @param directory the folder
   * @param folder the labels, image size, batch size, shuffling and split ({@code
   *     Folder.defaults()} for Keras's defaults)
   * @return the dataset of image batches and labels
   * @throws IllegalArgumentException if the arguments conflict or no image is found
   */
  public static FolderDataset imageDatasetFromDirectory(Path directory, Folder folder) {
    return FolderDataset.images(directory, folder);
  }

  /**
   * The training and validation images of a folder, as {@code image_dataset_from_directory(...,
   * subset="both")}.
   *
   * @param directory the folder
   * @param folder the reading, with a validation split and a seed
   * @return the training dataset, then the validation dataset
   * @throws IllegalArgumentException if there is no split or a part has no image
   */
  public static List<FolderDataset> imageDatasetsFromDirectory(Path directory, Folder folder) {
    return FolderDataset.imagesSplit(directory, folder);
  }

  /**
   * The .txt files of a folder as Java strings, as {@code keras.utils.text_dataset_from_directory}.
   *
   * @param directory the folder
   * @param folder the labels, batch size, shuffling, split and maximum length
   * @return the texts and labels
   * @throws IllegalArgumentException if the arguments conflict or no text file is found
   */
  public static TextFolder textDatasetFromDirectory(Path directory, Folder folder) {
    return TextFolder.texts(directory, folder);
  }

  /**
   * The training and validation texts of a folder, as {@code text_dataset_from_directory(...,
   * subset="both")}.
   *
   * @param directory the folder
   * @param folder the reading, with a validation split and a seed
   * @return the training texts, then the validation texts
   * @throws IllegalArgumentException if there is no split or a part has no file
   */
  public static List<TextFolder> textDatasetsFromDirectory(Path directory, Folder folder) {
    return TextFolder.textsSplit(directory, folder);
  }

  /**
   * Sliding windows over a series, as {@code keras.utils.timeseries_dataset_from_array(data,
   * targets, sequence_length)}; see {@link Dataset#timeseriesFromArray(Object, Object, int)}.
   *
   * @param data the series, time steps first
   * @param targets the target of each window's first step, or null
   * @param sequenceLength the steps per window
   * @return batches of 128 windows
   */
  public static Dataset timeseriesDatasetFromArray(Object data, Object targets,
      int sequenceLength) {
    return Dataset.timeseriesFromArray(data, targets, sequenceLength);
  }

  /**
   * Sliding windows over a series with all of Keras's arguments; see {@link
   * Dataset#timeseriesFromArray(Object, Object, int, int, int, Integer, boolean, Long, Integer,
   * Integer)}.
   *
   * @param data the series, time steps first
   * @param targets the targets, or null
   * @param sequenceLength the steps per window
   * @param sequenceStride the steps between window starts
   * @param samplingRate the steps between the steps of a window
   * @param batchSize windows per batch, or null
   * @param shuffle whether to shuffle the windows each pass
   * @param seed the shuffle's seed, or null
   * @param startIndex the first step used, or null
   * @param endIndex the step after the last one used, or null
   * @return the windows
   */
  public static Dataset timeseriesDatasetFromArray(Object data, Object targets,
      int sequenceLength, int sequenceStride, int samplingRate, Integer batchSize,
      boolean shuffle, Long seed, Integer startIndex, Integer endIndex) {
    return Dataset.timeseriesFromArray(data, targets, sequenceLength, sequenceStride,
        samplingRate, batchSize, shuffle, seed, startIndex, endIndex);
  }

  // ---- RandomFourierFeatures and keras.utils.pad_sequences (issue 18)

  /**
   * RandomFourierFeatures: the starting {@code kernel_scale}, positive (default {@code
   * sqrt(features / 2)} for the "gaussian" kernel, 1 for "laplacian").
   *
   * @param scale the kernel's scale, e.g. {@code 10.0}
   * @return the {@code scale} layer argument
   */
  public static LayerArg scale(double scale) {
    return new Kwarg("scale", scale);
  }

  /**
   * {@code keras.utils.pad_sequences(sequences)}; see {@link Sequences#padSequences(int[][])}.
   *
   * @param sequences the sequences, rows of any lengths
   * @return the int32 array, pre-padded with 0 to the longest sequence's length
   */
  public static IntNdArray padSequences(int[][] sequences) {
    return Sequences.padSequences(sequences);
  }

  /**
   * {@code keras.utils.pad_sequences} with all of Keras's arguments, dtype int32; see {@link
   * Sequences#padSequences(int[][], Integer, String, String, int)}.
   *
   * @param sequences the sequences, rows of any lengths
   * @param maxlen the output rows' length, or null for the longest sequence's
   * @param padding {@code "pre"} or {@code "post"}
   * @param truncating {@code "pre"} or {@code "post"}
   * @param value the padding value
   * @return the int32 array of shape {@code (sequences.length, maxlen)}
   */
  public static IntNdArray padSequences(int[][] sequences, Integer maxlen, String padding,
      String truncating, int value) {
    return Sequences.padSequences(sequences, maxlen, padding, truncating, value);
  }

  /**
   * {@code keras.utils.pad_sequences(..., dtype="float32")}; see {@link
   * Sequences#padSequences(float[][], Integer, String, String, float)}.
   *
   * @param sequences the sequences, rows of any lengths
   * @param maxlen the output rows' length, or null for the longest sequence's
   * @param padding {@code "pre"} or {@code "post"}
   * @param truncating {@code "pre"} or {@code "post"}
   * @param value the padding value
   * @return the float32 array of shape {@code (sequences.length, maxlen)}
   */
  public static FloatNdArray padSequences(float[][] sequences, Integer maxlen, String padding,
      String truncating, float value) {
    return Sequences.padSequences(sequences, maxlen, padding, truncating, value);
  }

  /**
   * {@code keras.utils.load_img(path, color_mode, target_size, interpolation,
   * keep_aspect_ratio)}; see {@link ImageUtils#loadImg(Path, String, int[], String, boolean)}.
   *
   * @param path the image file
   * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}
   * @param targetSize {@code {height, width}}, or null for the image's own size
   * @param interpolation {@code "nearest"}, {@code "bilinear"}, {@code "bicubic"}, {@code
   *     "hamming"}, {@code "box"} or {@code "lanczos"}
   * @param keepAspectRatio whether to crop to the target's aspect ratio before resizing
   * @return the image
   */
  public static BufferedImage loadImg(Path path, String colorMode, int[] targetSize,
      String interpolation, boolean keepAspectRatio) {
    return ImageUtils.loadImg(path, colorMode, targetSize, interpolation, keepAspectRatio);
  }

  /**
   * {@code keras.utils.load_img(path)}: RGB at the image's own size; see {@link
   * ImageUtils#loadImg(Path)}.
   *
   * @param path the image file
   * @return the image
   */
  public static BufferedImage loadImg(Path path) {
    return ImageUtils.loadImg(path);
  }

  /**
   * {@code keras.utils.img_to_array(img)}; see {@link ImageUtils#imgToArray(BufferedImage)}.
   *
   * @param img the image
   * @return the float32 array of shape {@code (height, width, channels)}
   */
  public static FloatNdArray imgToArray(BufferedImage img) {
    return ImageUtils.imgToArray(img);
  }

  /**
   * {@code keras.utils.array_to_img(x, data_format, scale)}; see {@link
   * ImageUtils#arrayToImg(FloatNdArray, String, boolean)}.
   *
   * @param x the array, rank 3 with 1, 3 or 4 channels
   * @param dataFormat {@code "channels_last"} or {@code "channels_first"}
   * @param scale whether to map the range of the values to 0..255
   * @return the image
   */
  public static BufferedImage arrayToImg(FloatNdArray x, String dataFormat, boolean scale) {
    return ImageUtils.arrayToImg(x, dataFormat, scale);
  }

  /**
   * {@code keras.utils.save_img(path, x)}; see {@link ImageUtils#saveImg(Path, FloatNdArray)}.
   *
   * @param path where to write, its extension naming the format
   * @param x the channels-last array, scaled to 0..255
   */
  public static void saveImg(Path path, FloatNdArray x) {
    ImageUtils.saveImg(path, x);
  }

  /**
   * {@code keras.utils.get_file(fname, origin)}; see {@link FileUtils#getFile(String, String)}.
   *
   * @param fname the file's name in the cache, or null for the origin's
   * @param origin the URL
   * @return the cached file
   */
  public static Path getFile(String fname, String origin) {
    return FileUtils.getFile(fname, origin);
  }

  /**
   * {@code keras.utils.get_file(fname, origin, file_hash=..., cache_subdir=..., extract=...)}; see
   * {@link FileUtils#getFile(String, String, String, String, boolean)}.
   *
   * @param fname the file's name, or null for the origin's
   * @param origin the URL
   * @param fileHash the SHA-256 or MD5 hex digest, or null for no check
   * @param cacheSubdir the folder under Keras's cache ({@code "datasets"}), or an absolute path
   * @param extract whether to extract the tar or zip archive
   * @return the cached file, or the folder it was extracted into
   */
  public static Path getFile(String fname, String origin, String fileHash, String cacheSubdir,
      boolean extract) {
    return FileUtils.getFile(fname, origin, fileHash, cacheSubdir, extract);
  }

  // ---- applications (keras4j.applications: MobileNetV2, ResNet50, EfficientNetB0)

  /**
   * Whether an application ends in its classifier (global average pooling and a Dense of {@code
   * classes}); default true. Without it the model ends at the last convolutional block (see
   * {@link #pooling}).
   *
   * @param includeTop false for the convolutional base only, as for transfer learning
   * @return the {@code include_top} application argument
   */
  public static ApplicationArg includeTop(boolean includeTop) {
    return new Kwarg("include_top", includeTop);
  }

  /**
   * An application's initial weights: {@code "none"} for random initialization, or the path of a
   * Keras-saved file of the same architecture ({@code .keras}, {@code .weights.h5} or legacy
   * {@code .h5}, such as Keras's downloaded ImageNet files). Keras's default {@code "imagenet"}
   * is refused, since keras4j does not download: fetch the file and pass its path.
   *
   * @param weights {@code "none"} or the path of a weights file
   * @return the {@code weights} application argument
   */
  public static ApplicationArg weights(String weights) {
    return new Kwarg("weights", weights);
  }

  /**
   * The global pooling after the last convolutional block when {@code includeTop(false)}: {@code
   * "avg"}, {@code "max"}, or {@code "none"} (the default: the 4-D feature map).
   *
   * @param pooling {@code "avg"}, {@code "max"} or {@code "none"}
   * @return the {@code pooling} application argument
   */
  public static ApplicationArg pooling(String pooling) {
    return new Kwarg("pooling", pooling);
  }

  /**
   * A Dropout layer's {@code noise_shape}: the shape of its mask, one entry per input axis, 1 to
   * share a draw along that axis, {@link #NONE} for the input's size ({@code noiseShape(NONE, 1,
   * 1, 1)} drops whole images).
   *
   * @param dims the mask's dimensions, batch included: each positive or {@link #NONE}
   * @return the {@code noise_shape} layer argument
   */
  public static LayerArg noiseShape(long... dims) {
    for (long d : dims) {
      if (d <= 0 && d != NONE) {
        throw new IllegalArgumentException("noiseShape dimensions must be positive or NONE, got "
            + Arrays.toString(dims));
      }
    }
    return new Kwarg("noise_shape", dims.clone());
  }

  /**
   * The number of classes of an application's classifier (default 1000).
   *
   * @param classes the number of outputs of the top Dense layer, at least 1
   * @return the {@code classes} application argument
   */
  public static ApplicationArg classes(int classes) {
    return new Kwarg("classes", classes);
  }

  /**
   * The activation of an application's top layer (default {@code "softmax"}); {@code "linear"}
   * for logits, Python's {@code classifier_activation=None}.
   *
   * @param activation the activation's Keras name
   * @return the {@code classifier_activation} application argument
   */
  public static ApplicationArg classifierActivation(String activation) {
    return new Kwarg("classifier_activation", activation);
  }
}
