package keras4j.saving;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.layers.Activation;
import keras4j.layers.AveragePooling2D;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Flatten;
import keras4j.layers.Layer;
import keras4j.layers.LeakyReLU;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.Normalization;
import keras4j.layers.ReLU;
import keras4j.layers.Softmax;
import keras4j.regularizers.L1L2;
import keras4j.regularizers.Regularizer;
import keras4j.utils.Naming;

/**
 * Keras layer configs, both ways: a keras4j layer to Keras 3's {@code {"module", "class_name",
 * "config", "registered_name", "build_config"}}, and a Keras 2 or 3 layer config back to a keras4j
 * layer. Only the layer classes listed in {@link #SUPPORTED} are known; anything else, Lambda
 * layers first of all, is refused: loading never runs code from a file.
 */
final class LayerConfigs {
  private static final System.Logger LOG = System.getLogger(LayerConfigs.class.getName());

  /** The Keras layer classes keras4j reads and writes (plus InputLayer, which models handle). */
  static final Map<String, BiFunction<String, Cfg, Layer>> SUPPORTED = registry();

  private LayerConfigs() {}

  private static Map<String, BiFunction<String, Cfg, Layer>> registry() {
    Map<String, BiFunction<String, Cfg, Layer>> r = new LinkedHashMap<>();
    r.put("Dense", (name, c) -> new Dense(c.intValue("units"), c.args(name,
        "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
        "bias_regularizer")));
    r.put("Dropout", (name, c) -> new Dropout(c.doubleValue("rate", 0), c.args(name, "seed")));
    r.put("Flatten", (name, c) -> {
      c.requireChannelsLast();
      return new Flatten(c.args(name));
    });
    r.put("Activation", (name, c) -> new Activation(c.activation(), c.args(name)));
    r.put("LeakyReLU", (name, c) -> new LeakyReLU(
        c.has("negative_slope") ? c.doubleValue("negative_slope", 0.3) : c.doubleValue("alpha", 0.3),
        c.args(name)));
    r.put("ReLU", (name, c) -> new ReLU(c.has("max_value") && c.get("max_value") != null
        ? c.doubleValue("max_value", 0) : null, c.doubleValue("negative_slope", 0),
        c.doubleValue("threshold", 0), c.args(name)));
    r.put("Softmax", (name, c) -> {
      c.requireLastAxis("axis");
      return new Softmax(c.args(name));
    });
    r.put("Conv2D", (name, c) -> {
      c.requireChannelsLast();
      if (c.intValue("groups", 1) != 1) {
        throw c.unsupported("groups=" + c.get("groups"));
      }
      if ("causal".equals(c.get("padding"))) {
        throw c.unsupported("padding=causal");
      }
      return new Conv2D(c.intValue("filters"), c.ints("kernel_size"), c.args(name, "activation",
          "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
          "bias_regularizer", "strides", "padding", "dilation_rate"));
    });
    r.put("MaxPooling2D", (name, c) -> {
      c.requireChannelsLast();
      return new MaxPooling2D(c.args(name, "pool_size", "strides", "padding"));
    });
    r.put("AveragePooling2D", (name, c) -> {
      c.requireChannelsLast();
      return new AveragePooling2D(c.args(name, "pool_size", "strides", "padding"));
    });
    r.put("BatchNormalization", (name, c) -> {
      c.requireLastAxis("axis");
      if (Boolean.TRUE.equals(c.get("renorm"))) {
        throw c.unsupported("renorm=True");
      }
      return new BatchNormalization(c.doubleValue("momentum", 0.99),
          c.doubleValue("epsilon", 0.001), c.args(name, "center", "scale"));
    });
    r.put("Normalization", (name, c) -> {
      c.requireLastAxis("axis");
      if (Boolean.TRUE.equals(c.get("invert")) || c.get("mean") != null
          || c.get("variance") != null) {
        throw c.unsupported("invert=True or a mean/variance given in the config");
      }
      return new Normalization(c.args(name));
    });
    return r;
  }

  /** The Keras class names keras4j can load, for error messages. */
  static List<String> supportedNames() {
    List<String> names = new ArrayList<>(SUPPORTED.keySet());
    names.add(0, "InputLayer");
    return names;
  }

  /**
   * A keras4j layer from a Keras layer entry ({@code class_name} + {@code config}); {@code
   * inputShape} (one sample's dimensions) is given to the first layer of a Sequential model.
   */
  static Layer fromConfig(Map<String, Object> entry, long[] inputShape) {
    String className = string(entry.get("class_name"), "a layer's class_name");
    Map<String, Object> config = map(entry.get("config"), "the config of a " + className);
    String name = (String) config.get("name");
    checkKnown(className, name);
    return SUPPORTED.get(className).apply(name, new Cfg(className, name, config, inputShape));
  }

  /**
   * Checks, once {@code layer} is built, that an explicit {@code axis} in its Keras config (Keras 2
   * writes {@code [3]} for images) is the last axis, the only one keras4j normalizes over.
   */
  static void checkAxis(Map<String, Object> entry, Layer layer) {
    Object axis = map(entry.get("config"), "config").get("axis");
    if (axis instanceof List<?> list && list.size() == 1) {
      axis = list.get(0);
    }
    if (!(axis instanceof Number n) || layer.builtInputShape() == null) {
      return;
    }
    int rank = layer.builtInputShape().numDimensions();
    if (n.intValue() != -1 && n.intValue() != rank - 1) {
      throw new IllegalArgumentException(layer.getClass().getSimpleName() + " layer '"
          + layer.name() + "' works on axis " + n + " of its rank-" + rank + " inputs; keras4j"
          + " supports the last axis only");
    }
  }

  /** Throws the error for a layer class keras4j does not know. */
  static void checkKnown(String className, String layerName) {
    if (SUPPORTED.containsKey(className) || className.equals("InputLayer")) {
      return;
    }
    String what = "Layer '" + layerName + "' has class '" + className + "'";
    if (className.equals("Lambda")) {
      throw new IllegalArgumentException(what + ": Lambda layers hold Python code, which keras4j"
          + " never runs. Replace the Lambda with built-in layers before saving in Python");
    }
    if (Set.of("Sequential", "Functional", "Model").contains(className)) {
      throw new IllegalArgumentException(what + ": keras4j cannot load nested models yet;"
          + " flatten the model in Python before saving");
    }
    throw new IllegalArgumentException(what + ", which keras4j cannot load. Supported layer"
        + " classes: " + supportedNames());
  }

  /** Keras 3's serialized form of {@code layer} (without functional inbound nodes). */
  static Map<String, Object> toConfig(Layer layer) {
    String className = layer.getClass().getSimpleName();
    if (!SUPPORTED.containsKey(className)
        || !layer.getClass().getName().equals("keras4j.layers." + className)) {
      throw new IllegalArgumentException("Layer '" + layer.name() + "' of class "
          + layer.getClass().getName() + " cannot be saved in the .keras format, which keras4j"
          + " writes for its built-in layers " + supportedNames() + " only. Save its weights"
          + " with model.saveWeights(...) and rebuild the model in code");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    layer.getConfig().forEach((key, value) -> config.put(key, kerasValue(key, value)));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("module", "keras.layers");
    entry.put("class_name", className);
    entry.put("config", config);
    entry.put("registered_name", null);
    if (layer.builtInputShape() != null) {
      entry.put("build_config", Map.of("input_shape", shapeList(layer.builtInputShape().asArray())));
    }
    return entry;
  }

  /** Values as Keras 3 serializes them: initializers and regularizers with a module. */
  private static Object kerasValue(String key, Object value) {
    if (key.equals("seed") && value instanceof Long seed) {
      // Keras seeds a uint32 generator state and refuses larger seeds.
      return seed & 0xFFFFFFFFL;
    }
    if (value instanceof Map<?, ?> m && m.containsKey("class_name")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("module", key.endsWith("initializer") ? "keras.initializers" : "keras.regularizers");
      out.put("class_name", m.get("class_name"));
      out.put("config", m.get("config"));
      out.put("registered_name", null);
      return out;
    }
    return value;
  }

  /** A shape as Keras writes it: a list with null for unknown dimensions. */
  static List<Object> shapeList(long[] dims) {
    List<Object> out = new ArrayList<>();
    for (long d : dims) {
      out.add(d < 0 ? null : d);
    }
    return out;
  }

  /** The snake_case name Keras gives the weight group of a layer of class {@code className}. */
  static String groupName(String className) {
    return Naming.toSnakeCase(className);
  }

  static String string(Object value, String what) {
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("Invalid Keras config: " + what + " should be a string,"
          + " got " + value);
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("Invalid Keras config: " + what + " should be an object,"
          + " got " + value);
    }
    return (Map<String, Object>) value;
  }

  /** One layer's config, read with Keras's defaults and turned into keras4j keyword args. */
  static final class Cfg {
    private final String className;
    private final String name;
    private final Map<String, Object> config;
    private final long[] inputShape;

    Cfg(String className, String name, Map<String, Object> config, long[] inputShape) {
      this.className = className;
      this.name = name;
      this.config = config;
      this.inputShape = inputShape;
    }

    boolean has(String key) {
      return config.containsKey(key);
    }

    Object get(String key) {
      return config.get(key);
    }

    IllegalArgumentException unsupported(String what) {
      return new IllegalArgumentException(className + " layer '" + name + "' uses " + what
          + ", which keras4j does not support");
    }

    IllegalArgumentException invalid(String key) {
      return new IllegalArgumentException("Invalid config for " + className + " layer '" + name
          + "': bad '" + key + "' = " + config.get(key));
    }

    int intValue(String key) {
      if (!(config.get(key) instanceof Number n)) {
        throw invalid(key);
      }
      return Math.toIntExact(n.longValue());
    }

    int intValue(String key, int fallback) {
      return config.get(key) == null ? fallback : intValue(key);
    }

    double doubleValue(String key, double fallback) {
      Object v = config.get(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Number n)) {
        throw invalid(key);
      }
      return n.doubleValue();
    }

    /** An int or a list of ints as an int array. */
    int[] ints(String key) {
      Object v = config.get(key);
      if (v instanceof Number n) {
        return new int[] {Math.toIntExact(n.longValue())};
      }
      if (!(v instanceof List<?> list)) {
        throw invalid(key);
      }
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw invalid(key);
        }
        out[i] = Math.toIntExact(n.longValue());
      }
      return out;
    }

    String activation() {
      Object v = config.get("activation");
      if (v == null || v instanceof String) {
        return (String) v;
      }
      Map<String, Object> m = map(v, "activation");
      // Keras 3 writes built-in activations as strings; a dict is a custom function.
      if ("keras.activations".equals(m.get("module")) && m.get("config") instanceof String s) {
        return s;
      }
      throw unsupported("a custom activation " + v);
    }

    void requireChannelsLast() {
      Object format = config.get("data_format");
      if (format != null && !"channels_last".equals(format)) {
        throw unsupported("data_format=" + format + " (keras4j is channels_last)");
      }
    }

    /** Accepts -1 (or [-1]); other axes are checked against the input rank once built. */
    void requireLastAxis(String key) {
      Object axis = config.get(key);
      if (axis instanceof List<?> list && list.size() == 1) {
        axis = list.get(0);
      }
      if (axis != null && !(axis instanceof Number)) {
        throw unsupported(key + "=" + config.get(key));
      }
    }

    /** Keyword arguments for the keras4j constructor: name, trainable and {@code keys}. */
    LayerArg[] args(String layerName, String... keys) {
      List<LayerArg> out = new ArrayList<>();
      if (layerName != null) {
        out.add(new Kwarg("name", layerName));
      }
      if (inputShape != null) {
        out.add(new Kwarg("input_shape", inputShape));
      }
      if (config.get("trainable") instanceof Boolean trainable) {
        out.add(new Kwarg("trainable", trainable));
      }
      for (String key : keys) {
        Object value = config.get(key);
        if (value == null) {
          continue;
        }
        Object arg = switch (key) {
          case "activation" -> activation();
          case "kernel_initializer", "bias_initializer" -> initializer(key, value);
          case "kernel_regularizer", "bias_regularizer" -> regularizer(key, value);
          case "strides", "dilation_rate", "pool_size" -> ints(key);
          case "seed" -> ((Number) value).longValue();
          default -> value;
        };
        if (arg != null) {
          out.add(new Kwarg(key, arg));
        }
      }
      warnIgnored();
      return out.toArray(new LayerArg[0]);
    }

    private void warnIgnored() {
      for (String key : List.of("activity_regularizer", "kernel_constraint", "bias_constraint",
          "noise_shape")) {
        if (config.get(key) != null) {
          LOG.log(WARNING, "{0} layer ''{1}'': ''{2}'' is not supported by keras4j and is"
              + " ignored (it does not change predictions)", className, name, key);
        }
      }
    }

    private Initializer initializer(String key, Object value) {
      String kerasName = value instanceof String s ? s
          : Naming.toSnakeCase(string(map(value, key).get("class_name"), key + " class_name"));
      if (Initializers.NAMES.contains(kerasName)) {
        return Initializers.get(kerasName);
      }
      // Loaded weights replace the initial values; only retraining from scratch would differ.
      LOG.log(WARNING, "{0} layer ''{1}'': initializer {2} is not available in keras4j; using"
          + " the default", className, name, value);
      return null;
    }

    private Regularizer regularizer(String key, Object value) {
      Map<String, Object> m = map(value, key);
      Map<String, Object> c = map(m.get("config"), key + " config");
      double l1 = c.get("l1") instanceof Number n ? n.doubleValue() : 0;
      double l2 = c.get("l2") instanceof Number n ? n.doubleValue() : 0;
      String cls = String.valueOf(m.get("class_name"));
      if (!Set.of("L1", "L2", "L1L2", "l1", "l2", "l1_l2").contains(cls)) {
        LOG.log(WARNING, "{0} layer ''{1}'': regularizer {2} is not available in keras4j and is"
            + " ignored", className, name, value);
        return null;
      }
      return new L1L2(l1, l2);
    }
  }
}
