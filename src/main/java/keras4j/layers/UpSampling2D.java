package keras4j.layers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.ImageOps;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Enlarges channels-last images by integer factors, Keras's {@code UpSampling2D}: {@code new
 * UpSampling2D(size(2, 3), interpolation("bilinear"))}; by default each pixel is repeated 2 x 2
 * times ({@code "nearest"}).
 */
public class UpSampling2D extends Layer {
  private static final Set<String> INTERPOLATIONS = Set.of("nearest", "bilinear", "bicubic");
  private final int[] size;
  private final String interpolation;

  /**
   * Reads {@code size} (default 2 x 2) and {@code interpolation} (default "nearest").
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public UpSampling2D(LayerArg... args) {
    super(args, "size", "interpolation");
    this.size = Windows.tuple(arg("size", 2), 2, "UpSampling2D size");
    this.interpolation = arg("interpolation", "nearest");
    if (!INTERPOLATIONS.contains(interpolation)) {
      throw new IllegalArgumentException("UpSampling2D interpolation must be one of "
          + INTERPOLATIONS + ", got '" + interpolation + "'");
    }
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static UpSampling2D fromConfig(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return new UpSampling2D(ConfigArgs.of(config).ints("size").string("interpolation").get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return ImageOps.upsample(inputs, size[0], size[1], interpolation);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows.checkInputs(inputShape, 2, "UpSampling2D layer '" + name() + "'");
    return Shape.of(inputShape.get(0), times(inputShape.get(1), size[0]),
        times(inputShape.get(2), size[1]), inputShape.get(3));
  }

  private static long times(long length, int factor) {
    return length < 0 ? -1 : length * factor;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("size", List.of(size[0], size[1]));
    config.put("data_format", "channels_last");
    config.put("interpolation", interpolation);
    return config;
  }
}
