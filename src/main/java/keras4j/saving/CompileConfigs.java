package keras4j.saving;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.Keras;
import keras4j.core.CompileArg;
import keras4j.losses.BinaryCrossentropy;
import keras4j.losses.CategoricalCrossentropy;
import keras4j.losses.Loss;
import keras4j.losses.Losses;
import keras4j.losses.SparseCategoricalCrossentropy;
import keras4j.metrics.Metric;
import keras4j.metrics.Metrics;
import keras4j.models.Model;
import keras4j.optimizers.Adam;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.RMSprop;
import keras4j.optimizers.SGD;
import keras4j.utils.Naming;

/**
 * Keras's {@code compile_config} (and the legacy {@code training_config}), both ways: what {@code
 * compile} was given, so a loaded model trains on as before.
 */
final class CompileConfigs {
  private static final System.Logger LOG = System.getLogger(CompileConfigs.class.getName());
  private static final Map<String, Function<Boolean, Loss>> LOSSES_WITH_LOGITS = Map.of(
      "binary_crossentropy", BinaryCrossentropy::new,
      "categorical_crossentropy", CategoricalCrossentropy::new,
      "sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new);

  private CompileConfigs() {}

  /** Keras 3's {@code compile_config} of {@code model}, or null if it was never compiled. */
  static Map<String, Object> toConfig(Model model) {
    Loss loss = model.compiledLoss();
    if (loss == null) {
      return null;
    }
    Optimizer optimizer = model.optimizer();
    Map<String, Object> opt = new LinkedHashMap<>();
    opt.put("module", "keras.optimizers");
    opt.put("class_name", optimizer.getClass().getSimpleName());
    opt.put("config", optimizer.getConfig());
    opt.put("registered_name", null);
    Object lossSpec = loss.name();
    if (Boolean.TRUE.equals(loss.getConfig().get("from_logits"))) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("module", "keras.losses");
      spec.put("class_name", loss.getClass().getSimpleName());
      spec.put("config", loss.getConfig());
      spec.put("registered_name", null);
      lossSpec = spec;
    }
    List<String> metrics = model.compiledMetrics().stream().map(Metric::name).toList();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("optimizer", opt);
    config.put("loss", lossSpec);
    config.put("loss_weights", null);
    config.put("metrics", metrics.isEmpty() ? null : metrics);
    config.put("weighted_metrics", null);
    config.put("run_eagerly", false);
    config.put("steps_per_execution", 1);
    config.put("jit_compile", false);
    return config;
  }

  /**
   * Compiles {@code model} as {@code config} says (Keras 3's {@code compile_config} or Keras 2's
   * {@code training_config}). An optimizer, loss or metric keras4j does not have leaves the model
   * uncompiled with a warning, as Keras does when a custom object is missing.
   */
  static void compile(Model model, Map<String, Object> config) {
    try {
      List<CompileArg> args = new ArrayList<>();
      Object opt = config.containsKey("optimizer") ? config.get("optimizer")
          : config.get("optimizer_config");
      args.add(Keras.optimizer(optimizer(opt)));
      args.add(Keras.loss(loss(config.get("loss"))));
      List<Object> metrics = metrics(config.get("metrics"));
      if (!metrics.isEmpty()) {
        args.add(Keras.metrics(metrics.toArray()));
      }
      model.compile(args.toArray(new CompileArg[0]));
    } catch (IllegalArgumentException | ClassCastException e) {
      LOG.log(WARNING, "Model ''{0}'' was loaded uncompiled: its compile settings could not be"
          + " restored ({1}). Call compile(...) before fit", model.name(), e.getMessage());
    }
  }

  private static Optimizer optimizer(Object spec) {
    if (spec instanceof String alias) {
      return keras4j.optimizers.Optimizers.get(alias);
    }
    Map<String, Object> m = LayerConfigs.map(spec, "the optimizer");
    String className = String.valueOf(m.get("class_name")).replace("Custom>", "");
    Map<String, Object> c = LayerConfigs.map(m.get("config"), "the optimizer config");
    double lr = number(c, "learning_rate", number(c, "lr", Double.NaN));
    return switch (className) {
      case "Adam" -> new Adam(or(lr, 0.001), number(c, "beta_1", 0.9), number(c, "beta_2", 0.999),
          number(c, "epsilon", 1e-7));
      case "SGD" -> new SGD(or(lr, 0.01), number(c, "momentum", 0),
          Boolean.TRUE.equals(c.get("nesterov")));
      case "RMSprop" -> new RMSprop(or(lr, 0.001), number(c, "rho", 0.9),
          number(c, "momentum", 0), number(c, "epsilon", 1e-7));
      default -> throw new IllegalArgumentException("optimizer '" + className
          + "' is not one of keras4j's (Adam, SGD, RMSprop)");
    };
  }

  private static double or(double value, double fallback) {
    return Double.isNaN(value) ? fallback : value;
  }

  private static double number(Map<String, Object> config, String key, double fallback) {
    return config.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }

  private static Loss loss(Object spec) {
    if (spec instanceof String alias) {
      return Losses.get(alias);
    }
    Map<String, Object> m = LayerConfigs.map(spec, "the loss");
    String alias = Naming.toSnakeCase(String.valueOf(m.get("class_name")));
    Map<String, Object> c = m.get("config") instanceof Map<?, ?> ? LayerConfigs.map(m.get("config"),
        "the loss config") : Map.of();
    boolean fromLogits = Boolean.TRUE.equals(c.get("from_logits"));
    if (fromLogits && LOSSES_WITH_LOGITS.containsKey(alias)) {
      return LOSSES_WITH_LOGITS.get(alias).apply(true);
    }
    return Losses.get(alias);
  }

  /** Metric names from a Keras 3 list or a Keras 2 per-output nested list. */
  private static List<Object> metrics(Object spec) {
    List<Object> out = new ArrayList<>();
    if (spec instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof List<?>) {
          out.addAll(metrics(item));
        } else if (item instanceof String name) {
          out.add(Metrics.get(name).name());
        } else if (item instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c
            && c.get("name") instanceof String name) {
          out.add(Metrics.get(name).name());
        }
      }
    }
    return out;
  }
}
