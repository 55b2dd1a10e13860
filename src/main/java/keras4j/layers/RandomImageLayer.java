package keras4j.layers;

import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.saving.ConfigReader;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.Shape;

/**
 * The random image-augmentation layers' shared part, as Keras's {@code
 * BaseImagePreprocessingLayer}: active only while training (in {@code fit}, or {@code apply(x,
 * true)}), the identity at inference; new random draws on every step from the layer's {@code
 * seed}. Inputs are channels-last image batches {@code (batch, height, width, channels)}.
 * keras4j's random numbers differ from Keras's: a seed gives the same augmentations in keras4j,
 * not those of Python.
 */
public abstract class RandomImageLayer extends Layer {
  private static final Set<String> FILL_MODES = Set.of("reflect", "wrap", "constant", "nearest");
  private final long seed;

  /**
   * Reads {@code seed} and the layer's {@code accepted} arguments.
   *
   * @param accepted the layer's own keyword argument names (snake_case)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  protected RandomImageLayer(LayerArg[] args, String... accepted) {
    super(args, concat(accepted));
    Object given = arg("seed", null);
    this.seed = given == null ? RandomSeed.next() : ((Number) given).longValue();
  }

  private static String[] concat(String[] accepted) {
    String[] out = java.util.Arrays.copyOf(accepted, accepted.length + 1);
    out[accepted.length] = "seed";
    return out;
  }

  /** The common keyword arguments of a random image layer's Keras config. */
  static ConfigArgs configArgs(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return ConfigArgs.of(config).seed();
  }

  /**
   * The augmented images, while training.
   *
   * @param images a batch of channels-last images {@code (batch, height, width, channels)}
   * @return the result
   */
  protected abstract KerasTensor augment(KerasTensor images);

  /**
   * The output at inference: the images unchanged.
   *
   * @param images a batch of channels-last images {@code (batch, height, width, channels)}
   * @return the result
   */
  protected KerasTensor infer(KerasTensor images) {
    return images;
  }

  /**
   * Uniform values in {@code [min, max)}, {@code (batch, columns)}, new each step.
   *
   * @param columns how many values per image
   * @param images a batch of channels-last images {@code (batch, height, width, channels)}
   * @param max the highest value (excluded)
   * @param min the lowest value (included)
   * @return the result
   */
  protected final KerasTensor uniform(KerasTensor images, int columns, double min, double max) {
    return ImageOps.uniformPerImage(images, columns, min, max, seed);
  }

  @Override
  protected void build(Shape inputShape) {
    Windows.checkInputs(inputShape, 2, getClass().getSimpleName() + " layer '" + name() + "'");
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return training ? augment(inputs) : infer(inputs);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    // Keras seeds a uint32 generator state and refuses larger seeds.
    config.put("seed", seed & 0xFFFFFFFFL);
    return config;
  }

  /**
   * Keras's factor: {@code f} means {@code [-|f|, |f|]} (clipped below at {@code floor}), a pair
   * means {@code [min, max]} of it; {@code what} names it in errors.
   */
  static double[] factor(Object value, double floor, String what) {
    double[] range;
    if (value instanceof Number n) {
      double f = Math.abs(n.doubleValue());
      range = new double[] {Math.max(-f, floor), f};
    } else if (value instanceof double[] pair && pair.length == 2) {
      range = new double[] {Math.min(pair[0], pair[1]), Math.max(pair[0], pair[1])};
    } else {
      throw new IllegalArgumentException(what + " must be a number or a pair (min, max), got "
          + value);
    }
    if (!Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
      throw new IllegalArgumentException(what + " must be finite, got "
          + java.util.Arrays.toString(range));
    }
    return range;
  }

  /** A factor from a Keras config: a number or a list of two. */
  static Object factorOf(ConfigReader config, String key) {
    if (config.raw(key) instanceof java.util.List<?> list && list.size() == 2
        && list.get(0) instanceof Number a && list.get(1) instanceof Number b) {
      return new double[] {a.doubleValue(), b.doubleValue()};
    }
    return config.has(key) ? config.doubleValue(key, 0) : null;
  }

  /** "reflect" (Keras's default), "wrap", "constant" or "nearest", checked. */
  static String fillMode(Object value) {
    String mode = value == null ? "reflect" : (String) value;
    if (!FILL_MODES.contains(mode)) {
      throw new IllegalArgumentException("fill_mode must be one of " + FILL_MODES + ", got '"
          + mode + "'");
    }
    return mode;
  }

  /** "bilinear" (Keras's default) or "nearest", checked. */
  static String interpolation(Object value) {
    String interpolation = value == null ? "bilinear" : (String) value;
    if (!interpolation.equals("bilinear") && !interpolation.equals("nearest")) {
      throw new IllegalArgumentException("interpolation must be \"bilinear\" or \"nearest\", got"
          + " '" + interpolation + "'");
    }
    return interpolation;
  }
}
