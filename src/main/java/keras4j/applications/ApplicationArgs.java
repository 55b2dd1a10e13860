package keras4j.applications;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.Keras;
import keras4j.core.ApplicationArg;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.GlobalAveragePooling2D;
import keras4j.layers.GlobalMaxPooling2D;
import keras4j.layers.Input;
import keras4j.models.Model;

/**
 * The arguments every application takes, checked as Keras's {@code imagenet_utils} checks them,
 * and the parts every application shares: its input, its head (classifier or pooling) and the
 * loading of a weights file.
 */
final class ApplicationArgs {
  private static final Set<String> COMMON = Set.of("include_top", "weights", "input_shape",
      "pooling", "classes", "classifier_activation", "name");
  /** Keras's {@code min_size}: smaller images vanish in the strided convolutions. */
  private static final int MIN_SIZE = 32;

  private final Map<String, Object> args;
  private final boolean includeTop;
  private final Path weights;
  private final String pooling;
  private final int classes;
  private final String classifierActivation;

  /**
   * Parses {@code args} of {@code function}, which takes the common arguments and {@code extra}
   * ones; refuses {@code weights("imagenet")} (Keras's default), pointing to {@code imagenetUrl}.
   */
  ApplicationArgs(String function, ApplicationArg[] args, String imagenetUrl, String... extra) {
    Set<String> accepted = new LinkedHashSet<>(COMMON);
    accepted.addAll(List.of(extra));
    this.args = Kwarg.parse(function, accepted, args);
    this.includeTop = get("include_top", true);
    this.weights = weightsPath(function, get("weights", "imagenet"), imagenetUrl);
    this.pooling = get("pooling", "none");
    if (!List.of("avg", "max", "none").contains(pooling)) {
      throw new IllegalArgumentException(function + " pooling must be \"avg\", \"max\" or"
          + " \"none\", got \"" + pooling + "\"");
    }
    this.classes = get("classes", 1000);
    if (classes < 1) {
      throw new IllegalArgumentException(function + " classes must be at least 1, got " + classes);
    }
    this.classifierActivation = get("classifier_activation", "softmax");
    // As Keras's validate_activation: pretrained classifiers were trained under softmax.
    if (weights != null && includeTop
        && !List.of("softmax", "linear").contains(classifierActivation)) {
      throw new IllegalArgumentException("Only \"softmax\" and \"linear\" (no activation) are"
          + " allowed for classifierActivation when loading weights with includeTop(true); got \""
          + classifierActivation + "\"");
    }
  }

  private static Path weightsPath(String function, String weights, String imagenetUrl) {
    if (weights.equals("none")) {
      return null;
    }
    if (weights.equals("imagenet")) {
      throw new IllegalArgumentException("keras4j does not download pretrained weights, so "
          + function + "'s weights(\"imagenet\") (Keras's default) is refused: download the file"
          + " keras.applications." + function + " would fetch (from " + imagenetUrl + ") and pass"
          + " its path, weights(\"/path/to/file.h5\"), or pass weights(\"none\") for random"
          + " initialization");
    }
    Path path = Path.of(weights);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("The weights argument of " + function + " should be"
          + " \"none\" (random initialization) or the path of a weights file; there is no file"
          + " at " + path.toAbsolutePath());
    }
    return path;
  }

  @SuppressWarnings("unchecked")
  <T> T get(String key, T fallback) {
    return (T) args.getOrDefault(key, fallback);
  }

  /** Whether the model ends in its classifier. */
  boolean includeTop() {
    return includeTop;
  }

  /**
   * The model's input, {@code obtain_input_shape}'s: the given shape, checked, or {@code
   * (defaultSize, defaultSize, 3)} with the classifier, {@code (None, None, 3)} without.
   */
  KerasTensor input(String function, int defaultSize) {
    long[] shape = get("input_shape", null);
    if (shape == null) {
      shape = includeTop ? new long[] {defaultSize, defaultSize, 3}
          : new long[] {Keras.NONE, Keras.NONE, 3};
    }
    if (shape.length != 3) {
      throw new IllegalArgumentException(function + " inputShape must be (height, width,"
          + " channels), three numbers, got " + Arrays.toString(shape));
    }
    if ((shape[0] != Keras.NONE && shape[0] < MIN_SIZE)
        || (shape[1] != Keras.NONE && shape[1] < MIN_SIZE)) {
      throw new IllegalArgumentException(function + " input size must be at least " + MIN_SIZE
          + "x" + MIN_SIZE + ", got inputShape " + Arrays.toString(shape));
    }
    if (includeTop && (shape[0] == Keras.NONE || shape[1] == Keras.NONE)) {
      throw new IllegalArgumentException("With includeTop(true), " + function + " needs a known"
          + " image size in inputShape, got " + Arrays.toString(shape));
    }
    return Input.shape(shape);
  }

  /**
   * The end of the model: global average pooling, {@code dropout} (if positive) and the {@code
   * predictions} Dense with the top; else the chosen pooling, if any. {@code poolingNames} names
   * the pooling layers {@code avg_pool} / {@code max_pool}, as Keras's ResNet and EfficientNet
   * (MobileNetV2 leaves them to automatic names).
   */
  KerasTensor head(KerasTensor x, boolean poolingNames, double dropout, LayerArg... denseArgs) {
    if (!includeTop) {
      return switch (pooling) {
        case "avg" -> new GlobalAveragePooling2D(poolName(poolingNames, "avg_pool")).apply(x);
        case "max" -> new GlobalMaxPooling2D(poolName(poolingNames, "max_pool")).apply(x);
        default -> x;
      };
    }
    x = new GlobalAveragePooling2D(poolName(poolingNames, "avg_pool")).apply(x);
    if (dropout > 0) {
      x = new Dropout(dropout, Keras.name("top_dropout")).apply(x);
    }
    LayerArg[] dense = Arrays.copyOf(denseArgs, denseArgs.length + 2);
    dense[denseArgs.length] = Keras.activation(classifierActivation);
    dense[denseArgs.length + 1] = Keras.name("predictions");
    return new Dense(classes, dense).apply(x);
  }

  private static LayerArg[] poolName(boolean named, String name) {
    return named ? new LayerArg[] {Keras.name(name)} : new LayerArg[0];
  }

  /** The functional model from {@code input} to {@code output}, with the weights file loaded. */
  Model model(KerasTensor input, KerasTensor output, String defaultName) {
    Model model = new Model(input, output, Keras.name(get("name", defaultName)));
    if (weights != null) {
      model.loadWeights(weights);
    }
    return model;
  }
}
