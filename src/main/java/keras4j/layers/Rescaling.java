package keras4j.layers;

import java.util.Arrays;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.StdArrays;

/**
 * {@code x * scale + offset}, Keras's {@code Rescaling}: {@code new Rescaling(1.0 / 255)} maps
 * pixels to [0, 1], {@code new Rescaling(1.0 / 127.5, offset(-1))} to [-1, 1]. {@code scale} and
 * {@code offset} may also hold one value per channel ({@code new Rescaling(new double[] {1 /
 * 0.229, 1 / 0.224, 1 / 0.225}, offset(-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225))}),
 * broadcast over the last axis as Keras broadcasts its lists and arrays.
 */
public class Rescaling extends Layer {
  private final Factor scale;
  private final Factor offset;

  /**
   * Multiplies by {@code scale}, then adds {@code offset(...)} (default 0; one number, or one
   * per channel).
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}, {@code offset(...)}
   * @param scale the factor
   */
  public Rescaling(double scale, LayerArg... args) {
    this(new Factor(new double[] {scale}, false), args);
  }

  /**
   * Multiplies channel {@code c} (the last axis) by {@code scale[c]}, then adds {@code
   * offset(...)}; a single value applies to every channel, as in Keras.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}, {@code offset(...)}
   * @param scale the factors, one per channel (or one for all)
   */
  public Rescaling(double[] scale, LayerArg... args) {
    this(Factor.perChannel("scale", scale), args);
  }

  private Rescaling(Factor scale, LayerArg[] args) {
    super(args, "offset");
    this.scale = scale;
    Object given = arg("offset", 0.0);
    this.offset = given instanceof double[] values ? Factor.perChannel("offset", values)
        : new Factor(new double[] {((Number) given).doubleValue()}, false);
  }

  /**
   * Keras's {@code from_config}: {@code scale} and {@code offset} each a number, a list or a
   * NumPy array of one value per channel.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Rescaling fromConfig(ConfigReader config) {
    double[] scale = config.doubles("scale");
    if (scale == null) {
      throw config.invalid("scale", "a number or a list of numbers");
    }
    double[] offset = config.doubles("offset");
    ConfigArgs args = ConfigArgs.of(config);
    if (offset != null) {
      args.add("offset", config.raw("offset") instanceof Number ? (Object) offset[0] : offset);
    }
    return config.raw("scale") instanceof Number ? new Rescaling(scale[0], args.get())
        : new Rescaling(scale, args.get());
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.add(Ops.multiply(inputs, scale.operand(inputs, describe())),
        offset.operand(inputs, describe()));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("scale", scale.config());
    config.put("offset", offset.config());
    return config;
  }

  /** A scale or offset: one number, or a list (Keras keeps which, and saves it back so). */
  private record Factor(double[] values, boolean list) {
    static Factor perChannel(String what, double[] values) {
      if (values == null || values.length == 0) {
        throw new IllegalArgumentException("Rescaling " + what + " needs at least one value (one"
            + " per channel, or one for all), got " + Arrays.toString(values));
      }
      return new Factor(values.clone(), true);
    }

    /**
     * The number, as a weak Java scalar taking the inputs' dtype, or the list as a float32
     * tensor, after checking that it matches the channels (last axis) of {@code inputs}.
     */
    Object operand(KerasTensor inputs, String layer) {
      if (!list) {
        return values[0];
      }
      long[] dims = inputs.shape().asArray();
      long channels = dims.length == 0 ? 1 : dims[dims.length - 1];
      if (values.length > 1 && channels >= 0 && channels != values.length) {
        throw new IllegalArgumentException(layer + ": " + values.length + " values per channel"
            + " but the input " + keras4j.core.Shapes.toKeras(inputs.shape()) + " has "
            + channels + " channels on its last axis; give one value per channel, or one for"
            + " all");
      }
      return tensor();
    }

    private KerasTensor tensor() {
      float[] floats = new float[values.length];
      for (int i = 0; i < floats.length; i++) {
        floats[i] = (float) values[i];
      }
      return KerasTensor.constant(StdArrays.ndCopyOf(floats));
    }

    Object config() {
      return list ? Arrays.stream(values).boxed().toList() : values[0];
    }
  }
}
