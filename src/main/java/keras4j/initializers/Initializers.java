package keras4j.initializers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.Kwarg;
import keras4j.core.SeedArg;
import keras4j.ops.SeedGenerator;
import keras4j.saving.ConfigReader;
import keras4j.utils.Naming;

/**
 * Keras's {@code keras.initializers.get} and {@code deserialize}: every Keras 3 initializer by
 * its names (snake_case, the class name and Keras's aliases such as {@code "uniform"}) and from
 * its saved config.
 */
public final class Initializers {
  /** Keras's class names, each with how it is made from its config. */
  private static final Map<String, Function<ConfigReader, Initializer>> CLASSES = classes();

  /** Keras's aliases of {@code ALL_OBJECTS_DICT} beyond the snake_case class names. */
  private static final Map<String, String> ALIASES = Map.of(
      "normal", "RandomNormal", "uniform", "RandomUniform", "one", "Ones", "zero", "Zeros",
      "IdentityInitializer", "Identity", "OrthogonalInitializer", "Orthogonal");

  /** The names accepted wherever Keras takes an initializer name. */
  public static final List<String> NAMES = names();

  private Initializers() {}

  private static Map<String, Function<ConfigReader, Initializer>> classes() {
    Map<String, Function<ConfigReader, Initializer>> out = new LinkedHashMap<>();
    out.put("Constant", c -> new Constant(c.doubleValue("value", 0)));
    out.put("Zeros", c -> new Zeros());
    out.put("Ones", c -> new Ones());
    out.put("Identity", c -> new Identity(c.doubleValue("gain", 1)));
    out.put("RandomNormal", c -> new RandomNormal(c.doubleValue("mean", 0),
        c.doubleValue("stddev", 0.05), seed(c)));
    out.put("TruncatedNormal", c -> new TruncatedNormal(c.doubleValue("mean", 0),
        c.doubleValue("stddev", 0.05), seed(c)));
    out.put("RandomUniform", c -> new RandomUniform(c.doubleValue("minval", -0.05),
        c.doubleValue("maxval", 0.05), seed(c)));
    out.put("VarianceScaling", c -> new VarianceScaling(c.doubleValue("scale", 1),
        c.string("mode", "fan_in"), c.string("distribution", "truncated_normal"), seed(c)));
    out.put("GlorotUniform", c -> new GlorotUniform(seed(c)));
    out.put("GlorotNormal", c -> new GlorotNormal(seed(c)));
    out.put("HeUniform", c -> new HeUniform(seed(c)));
    out.put("HeNormal", c -> new HeNormal(seed(c)));
    out.put("LecunUniform", c -> new LecunUniform(seed(c)));
    out.put("LecunNormal", c -> new LecunNormal(seed(c)));
    out.put("Orthogonal", c -> new Orthogonal(c.doubleValue("gain", 1), seed(c)));
    return out;
  }

  private static List<String> names() {
    List<String> out = new ArrayList<>();
    for (String cls : CLASSES.keySet()) {
      out.add(Naming.toSnakeCase(cls));
      out.add(cls);
    }
    out.addAll(ALIASES.keySet());
    return List.copyOf(out);
  }

  /** The seed of a saved config: none, an integer, or a serialized SeedGenerator. */
  private static SeedArg[] seed(ConfigReader config) {
    for (String axes : List.of("input_axes", "output_axes")) {
      if (config.raw(axes) != null) {
        throw config.unsupported(axes + "=" + config.raw(axes) + " (keras4j computes the fans"
            + " of a variance-scaling initializer from the last two axes, as Keras's default)");
      }
    }
    Object seed = config.raw("seed");
    if (seed == null) {
      return new SeedArg[0];
    }
    if (seed instanceof Number n) {
      return new SeedArg[] {new Kwarg("seed", n.longValue())};
    }
    ConfigReader generator = config.object("seed").object("config");
    return new SeedArg[] {new Kwarg("seed", generator.raw("seed") == null ? new SeedGenerator()
        : new SeedGenerator(generator.longValue("seed", 0)))};
  }

  private static String className(String name) {
    String alias = ALIASES.get(name);
    if (alias != null) {
      return alias;
    }
    for (String cls : CLASSES.keySet()) {
      if (cls.equals(name) || Naming.toSnakeCase(cls).equals(name)) {
        return cls;
      }
    }
    throw new IllegalArgumentException("Unknown initializer '" + name + "'. Valid names: "
        + NAMES);
  }

  /**
   * Keras's {@code keras.initializers.get(name)}.
   *
   * @param name a Keras name, e.g. {@code "glorot_uniform"}, {@code "HeNormal"}, {@code "zeros"}
   * @return a new initializer with Keras's default settings, unseeded
   * @throws IllegalArgumentException if no Keras initializer has that name
   */
  public static Initializer get(String name) {
    return CLASSES.get(className(name)).apply(ConfigReader.of(Map.of(), name));
  }

  /**
   * Keras's {@code keras.initializers.deserialize(config)}: {@code {"class_name": ..., "config":
   * {...}}} as Keras saves it (or as {@link Initializer#getConfig()} gives it).
   *
   * @param spec the serialized initializer
   * @return the initializer
   * @throws IllegalArgumentException if the class is not a Keras initializer or an argument is
   *     invalid
   */
  public static Initializer fromConfig(ConfigReader spec) {
    String cls = className(spec.string("class_name"));
    ConfigReader config = spec.optionalObject("config");
    return CLASSES.get(cls).apply(config != null ? config
        : ConfigReader.of(Map.of(), spec.path("config")));
  }

  /** {@code {"class_name": className, "config": config}}. */
  static Map<String, Object> serialized(String className, Map<String, Object> config) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_name", className);
    out.put("config", config);
    return out;
  }
}
