package keras4j.layers;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import keras4j.constraints.Constraints;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.regularizers.L1L2;
import keras4j.regularizers.Regularizer;
import keras4j.saving.ConfigReader;

/**
 * The keyword arguments a layer's {@code fromConfig} passes to its constructor, read from a Keras
 * 2 or 3 layer config with Keras's defaults: the common {@code name}, {@code trainable}, {@code
 * dtype} (the dtype policy) and (Keras 2) {@code batch_input_shape}, then each key the layer asks for, typed by the key.
 */
final class ConfigArgs {
  private static final System.Logger LOG = System.getLogger(ConfigArgs.class.getName());
  // Every layer honours (or refuses) the constraints Keras writes for it; the activity
  // regularizer's penalty on outputs is not in keras4j's training loss.
  private static final List<String> IGNORED = List.of("activity_regularizer");

  private final ConfigReader config;
  private final List<LayerArg> args = new ArrayList<>();
  private final Set<String> read = new HashSet<>();

  private ConfigArgs(ConfigReader config) {
    this.config = config;
  }

  /** The common arguments of {@code config}. */
  static ConfigArgs of(ConfigReader config) {
    ConfigArgs out = new ConfigArgs(config);
    out.add("dtype", dtypePolicy(config));
    String name = config.string("name", null);
    if (name != null) {
      out.args.add(new Kwarg("name", name));
    }
    long[] sample = config.sampleShape("batch_input_shape");
    if (sample != null) {
      out.args.add(new Kwarg("input_shape", sample));
    }
    if (config.has("trainable")) {
      out.args.add(new Kwarg("trainable", config.bool("trainable", true)));
    }
    return out;
  }

  /** Adds the string {@code key}. */
  ConfigArgs string(String key) {
    return add(key, config.string(key, null));
  }

  /** Adds the int {@code key}. */
  ConfigArgs integer(String key) {
    return add(key, config.has(key) ? config.intValue(key) : null);
  }

  /** Adds the number {@code key}, as a double. */
  ConfigArgs number(String key) {
    return add(key, config.has(key) ? config.doubleValue(key, 0) : null);
  }

  /** Adds the boolean {@code key}. */
  ConfigArgs bool(String key) {
    return add(key, config.has(key) ? config.bool(key, false) : null);
  }

  /** Adds the int or int pair {@code key} ({@code strides}, {@code pool_size}, ...). */
  ConfigArgs ints(String key) {
    return add(key, config.has(key) ? config.ints(key) : null);
  }

  /**
   * The int, int pair or pair of pairs {@code key} of ZeroPadding2D and Cropping2D (Keras writes
   * {@code [[top, bottom], [left, right]]}), or {@code fallback} when absent.
   */
  static Object sides(ConfigReader config, String key, int fallback) {
    if (!config.has(key)) {
      return fallback;
    }
    if (!(config.raw(key) instanceof java.util.List<?> list) || list.isEmpty()
        || !(list.get(0) instanceof java.util.List<?>)) {
      return config.ints(key);
    }
    if (list.size() != 2) {
      throw config.invalid(key, "[[top, bottom], [left, right]]");
    }
    ConfigReader pairs = ConfigReader.of(java.util.Map.of("rows", list.get(0), "columns",
        list.get(1)), config.path(key));
    return new int[][] {pairs.ints("rows"), pairs.ints("columns")};
  }

  /** Adds Dropout's {@code seed}. */
  ConfigArgs seed() {
    return add("seed", config.has("seed") ? config.longValue("seed", 0) : null);
  }

  /** Adds the settings of Dense and Conv (see {@code KernelSettings}). */
  ConfigArgs kernelSettings() {
    return kernelSettings(KernelSettings.KERNEL);
  }

  /** Adds the settings of the kernels of these prefixes and of the bias. */
  ConfigArgs kernelSettings(String... kernels) {
    add("activation", config.has("activation") ? activation(config) : null);
    bool("use_bias");
    for (String prefix : kernels) {
      initializer(prefix + "_initializer");
      regularizer(prefix + "_regularizer");
      constraint(prefix + "_constraint");
    }
    initializer("bias_initializer");
    regularizer("bias_regularizer");
    return constraint("bias_constraint");
  }

  /** The arguments, warning about the config keys keras4j ignores (that the layer did not read). */
  LayerArg[] get() {
    for (String key : IGNORED) {
      if (config.has(key) && !read.contains(key)) {
        LOG.log(WARNING, "{0}: ''{1}'' is not supported by keras4j and is ignored (it does not"
            + " change predictions, but training from this file leaves its penalty out of the"
            + " loss)", config.path(), key);
      }
    }
    return args.toArray(new LayerArg[0]);
  }

  /** Adds {@code key} with {@code value}, unless null. */
  ConfigArgs add(String key, Object value) {
    if (value != null) {
      args.add(new Kwarg(key, value));
    }
    return this;
  }

  /**
   * The built-in activation's name: Keras 3 writes {@code "relu"} or, nested, {@code {"module":
   * "keras.activations", "config": "relu"}}; anything else is a custom function.
   */
  static String activation(ConfigReader config) {
    if (!(config.raw("activation") instanceof java.util.Map<?, ?>)) {
      return config.string("activation");
    }
    ConfigReader nested = config.object("activation");
    if ("keras.activations".equals(nested.string("module", null))
        && nested.raw("config") instanceof String name) {
      return name;
    }
    throw config.unsupported("a custom activation " + config.raw("activation"));
  }

  /**
   * The layer's dtype policy: Keras 3's {@code {"class_name": "DTypePolicy", "config": {"name":
   * ...}}}, Keras 2's {@code Policy} of the same form, or a name; null when the config has none
   * (the layer then takes the global policy, as Keras's). Quantized policies are refused.
   */
  static DTypePolicy dtypePolicy(ConfigReader config) {
    Object dtype = config.raw("dtype");
    if (dtype == null) {
      return null;
    }
    try {
      if (dtype instanceof Map<?, ?> map && "Policy".equals(map.get("class_name"))) {
        // Keras 2's mixed precision Policy, the same config as Keras 3's DTypePolicy.
        Map<Object, Object> renamed = new java.util.HashMap<>(map);
        renamed.put("class_name", "DTypePolicy");
        return DTypePolicies.get(renamed);
      }
      return DTypePolicies.get(dtype);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config.path("dtype") + ": " + e.getMessage(), e);
    }
  }

  /** Channels-last is the only image layout keras4j has. */
  static void requireChannelsLast(ConfigReader config) {
    String format = config.string("data_format", "channels_last");
    if (!format.equals("channels_last")) {
      throw config.unsupported("data_format=" + format + " (keras4j is channels_last)");
    }
  }

  /**
   * The axis of a normalizing layer, an int or Keras 2's one-element list; the layer checks it is
   * the last axis once it knows its input rank.
   */
  static int axis(ConfigReader config) {
    if (!config.has("axis")) {
      return -1;
    }
    int[] axis = config.ints("axis");
    if (axis.length != 1) {
      throw config.unsupported("axis=" + config.raw("axis") + " (keras4j normalizes over the"
          + " last axis only)");
    }
    return axis[0];
  }

  /** Adds the initializer {@code key}, a built-in by name or nested object with its config. */
  ConfigArgs initializer(String key) {
    if (!config.has(key)) {
      return this;
    }
    Object raw = config.raw(key);
    ConfigReader spec = raw instanceof String ? null : config.object(key);
    String kerasName = spec == null ? (String) raw : spec.string("class_name");
    boolean custom = spec != null && spec.string("registered_name", null) != null;
    if (Initializers.NAMES.contains(kerasName) && !custom) {
      return add(key, spec == null ? Initializers.get(kerasName) : Initializers.fromConfig(spec));
    }
    // Loaded weights replace the initial values; only retraining from scratch would differ.
    LOG.log(WARNING, "{0}: initializer {1} is not available in keras4j; using the default",
        config.path(key), raw);
    return this;
  }

  /**
   * Adds the constraint {@code key}, Keras 3's nested {@code {"module": "keras.constraints",
   * "class_name": "MaxNorm", "config": {...}}}, Keras 2's {@code {"class_name", "config"}} or a
   * name; null (none) adds nothing.
   */
  ConfigArgs constraint(String key) {
    read.add(key);
    if (!config.has(key)) {
      return this;
    }
    if (config.raw(key) instanceof String name) {
      return add(key, Constraints.get(name));
    }
    ConfigReader spec = config.object(key);
    if (spec.string("registered_name", null) != null
        && !spec.string("registered_name").equals(spec.string("class_name"))) {
      throw config.unsupported("the custom constraint " + config.raw(key));
    }
    Map<String, Object> settings = spec.raw("config") instanceof Map<?, ?>
        ? spec.object("config").asMap() : Map.of();
    try {
      return add(key, Constraints.fromConfig(spec.string("class_name"), settings));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(config.path(key) + ": " + e.getMessage(), e);
    }
  }

  /** Adds the regularizer {@code key} (L1, L2 or L1L2; others are ignored with a warning). */
  ConfigArgs regularizer(String key) {
    if (!config.has(key)) {
      return this;
    }
    ConfigReader spec = config.object(key);
    String cls = spec.string("class_name");
    if (!Set.of("L1", "L2", "L1L2", "l1", "l2", "l1_l2").contains(cls)) {
      LOG.log(WARNING, "{0}: regularizer {1} is not available in keras4j and is ignored",
          config.path(key), config.raw(key));
      return this;
    }
    ConfigReader c = spec.object("config");
    Regularizer regularizer = new L1L2(c.doubleValue("l1", 0), c.doubleValue("l2", 0));
    return add(key, regularizer);
  }
}
