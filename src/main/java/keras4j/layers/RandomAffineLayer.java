package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * RandomRotation, RandomZoom and RandomTranslation: a random affine map per image, points outside
 * the image filled by {@code fillMode} ("reflect" by default, or "wrap", "constant" with {@code
 * fillValue}, "nearest"), sampled with {@code interpolation} ("bilinear" or "nearest"). As with
 * Keras's TensorFlow backend, no gradient flows back through the transform: put these layers
 * first, where nothing before them trains.
 */
public abstract class RandomAffineLayer extends RandomImageLayer {
  private final String fillMode;
  private final String interpolation;
  private final double fillValue;

  /**
   * Reads the fill and interpolation settings and the layer's own {@code accepted}.
   *
   * @param accepted the layer's own keyword argument names (snake_case)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  protected RandomAffineLayer(LayerArg[] args, String... accepted) {
    super(args, withFill(accepted));
    this.fillMode = fillMode(arg("fill_mode", null));
    this.interpolation = interpolation(arg("interpolation", null));
    this.fillValue = ((Number) arg("fill_value", 0.0)).doubleValue();
  }

  private static String[] withFill(String[] accepted) {
    String[] out = java.util.Arrays.copyOf(accepted, accepted.length + 3);
    out[accepted.length] = "fill_mode";
    out[accepted.length + 1] = "interpolation";
    out[accepted.length + 2] = "fill_value";
    return out;
  }

  /** The fill and interpolation keys of a Keras config, added to {@code args}. */
  static ConfigArgs withFillConfig(ConfigArgs args, keras4j.saving.ConfigReader config) {
    return args.string("fill_mode").string("interpolation")
        .add("fill_value", config.has("fill_value") ? config.doubleValue("fill_value", 0) : null);
  }

  /**
   * The {@code (batch, 8)} transforms, row {@code [a0, a1, a2, b0, b1, b2, 0, 0]} mapping output
   * pixel {@code (x, y)} to input point {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}.
   *
   * @param height the height in pixels
   * @param images a batch of channels-last images {@code (batch, height, width, channels)}
   * @param width the width in pixels
   * @return the result
   */
  protected abstract KerasTensor transforms(KerasTensor images, long height, long width);

  @Override
  protected void build(Shape inputShape) {
    ImageGeometry.checkKnownSize(inputShape, describe());
  }

  @Override
  protected KerasTensor augment(KerasTensor images) {
    Shape shape = images.shape();
    return ImageOps.affineTransform(images, transforms(images, shape.get(1), shape.get(2)),
        interpolation, fillMode, fillValue);
  }

  /** The {@code (batch, 1)} column {@code c} of {@code m}. */
  static KerasTensor column(KerasTensor m, int c) {
    return Ops.slice(m, new long[] {0, c}, new long[] {-1, 1});
  }

  /** The rows {@code [a0, a1, a2, b0, b1, b2, 0, 0]} from {@code (batch, 1)} columns. */
  static KerasTensor rows(KerasTensor a0, KerasTensor a1, KerasTensor a2, KerasTensor b0,
      KerasTensor b1, KerasTensor b2) {
    KerasTensor zero = Ops.zerosLike(a0);
    return Ops.concatenate(java.util.List.of(a0, a1, a2, b0, b1, b2, zero, zero), 1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("fill_mode", fillMode);
    config.put("interpolation", interpolation);
    config.put("fill_value", fillValue);
    return config;
  }
}
