package keras4j.models;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.CompileArg;
import keras4j.core.Kwarg;
import keras4j.losses.Loss;
import keras4j.losses.Losses;
import keras4j.metrics.Metric;
import keras4j.metrics.Metrics;
import keras4j.optimizers.LossScaleOptimizer;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.Optimizers;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code compile_config} (and the legacy {@code training_config}), both ways: what {@code
 * compile} was given, so a loaded model trains on as before.
 */
final class CompileConfig {
  private static final System.Logger LOG = System.getLogger(CompileConfig.class.getName());

  private CompileConfig() {}

  /**
   * Keras 3's {@code compile_config} of {@code model}, or null if it was never compiled or its
   * optimizer or loss is a class of the user's that is not registered (then the model is saved
   * uncompiled, with a warning).
   */
  static Map<String, Object> toConfig(Model model) {
    Object loss = model.trainer().compileSpec("loss");
    if (loss == null) {
      return null;
    }
    Optimizer optimizer = model.optimizer();
    if (optimizer instanceof LossScaleOptimizer scaling
        && !(model.trainer().compileSpec("optimizer") instanceof LossScaleOptimizer)) {
      // As Keras's compile_config: the optimizer compile was given, not the LossScaleOptimizer
      // it wrapped that in under mixed_float16.
      optimizer = scaling.innerOptimizer();
    }
    Object lossSpec;
    Map<String, Object> optimizerSpec;
    Object metrics = model.trainer().compileSpec("metrics");
    Object weighted = model.trainer().compileSpec("weighted_metrics");
    try {
      lossSpec = perOutput(loss, CompileConfig::lossSpec);
      optimizerSpec = BuiltinClasses.OPTIMIZERS.serialize(optimizer, optimizer.getConfig());
      metrics = metrics == null ? null : perOutput(metrics, CompileConfig::metricSpec);
      weighted = weighted == null ? null : perOutput(weighted, CompileConfig::metricSpec);
    } catch (IllegalArgumentException e) {
      LOG.log(WARNING, "Model ''{0}'' is saved without its compile settings: {1}", model.name(),
          e.getMessage());
      return null;
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("optimizer", optimizerSpec);
    config.put("loss", lossSpec);
    config.put("loss_weights", model.trainer().compileSpec("loss_weights"));
    config.put("metrics", metrics == null || metrics.equals(List.of()) ? null : metrics);
    config.put("weighted_metrics",
        weighted == null || weighted.equals(List.of()) ? null : weighted);
    config.put("run_eagerly", false);
    config.put("steps_per_execution", 1);
    config.put("jit_compile", model.trainer().jitCompile());
    return config;
  }

  /**
   * Keras 3's legacy {@code training_config} of {@code model} (the {@code .h5} attribute), as its
   * {@code saving_utils.model_metadata} writes it: the compile config without the optimizer, its
   * losses and metrics in the legacy form {@code {"class_name", "config"}}, then {@code
   * optimizer_config}; null when {@link #toConfig} is.
   */
  static Map<String, Object> toTrainingConfig(Model model) {
    Map<String, Object> compile = toConfig(model);
    if (compile == null) {
      return null;
    }
    Map<?, ?> optimizer = (Map<?, ?>) compile.remove("optimizer");
    Map<String, Object> config = new LinkedHashMap<>();
    compile.forEach((key, value) -> config.put(key,
        key.equals("loss") || key.endsWith("metrics") ? legacyForm(value) : value));
    Map<String, Object> optimizerConfig = new LinkedHashMap<>();
    optimizerConfig.put("class_name", optimizer.get("class_name"));
    optimizerConfig.put("config", optimizer.get("config"));
    config.put("optimizer_config", optimizerConfig);
    return config;
  }

  /**
   * Serialized objects (maps with a {@code class_name}) anywhere in a per-output structure,
   * reduced to Keras's legacy {@code {"class_name", "config"}}; their configs stay as they are.
   */
  private static Object legacyForm(Object spec) {
    if (spec instanceof List<?> list) {
      return list.stream().map(CompileConfig::legacyForm).toList();
    }
    if (spec instanceof Map<?, ?> map && map.containsKey("class_name")) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("class_name", map.get("class_name"));
      out.put("config", map.get("config"));
      return out;
    }
    if (spec instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((name, item) -> out.put(name, legacyForm(item)));
      return out;
    }
    return spec;
  }

  /**
   * {@code spec} (one entry, or a list or a map of them per output) with {@code each} applied to
   * every entry; nulls stay null.
   */
  private static Object perOutput(Object spec, Function<Object, Object> each) {
    if (spec instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(item == null ? null : each.apply(item)));
      return out;
    }
    if (spec instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((name, item) -> out.put(name, item == null ? null : each.apply(item)));
      return out;
    }
    return each.apply(spec);
  }

  /** A loss as Keras's config names it: its alias if it has the defaults, else its config. */
  private static Object lossSpec(Object given) {
    if (given instanceof String alias) {
      return Losses.get(alias).name();
    }
    Loss loss = (Loss) given;
    return isDefault(loss) ? loss.name() : BuiltinClasses.LOSSES.serialize(loss, loss.getConfig());
  }

  /**
   * A metric (alias or object) or a list of them as Keras saves them: aliases stay strings,
   * metric objects are serialized with their config.
   */
  private static Object metricSpec(Object given) {
    if (given instanceof List<?> list) {
      return list.stream().map(CompileConfig::metricSpec).toList();
    }
    return given instanceof Metric metric ? Metrics.serialize(metric) : given;
  }

  /** Whether {@code loss} is what its Keras name alone gives, so the file may just name it. */
  private static boolean isDefault(Loss loss) {
    return Losses.aliases().contains(loss.name())
        && Losses.get(loss.name()).getConfig().equals(loss.getConfig());
  }

  /**
   * Compiles {@code model} as {@code config} says (Keras 3's {@code compile_config} or Keras 2's
   * {@code training_config}) and builds its optimizer, as Keras's {@code compile_from_config}, so
   * the saved optimizer state can be read into it. An optimizer, loss or metric keras4j does not
   * have leaves the model uncompiled with a warning, as Keras does when a custom object is
   * missing.
   */
  static void compile(Model model, ConfigReader config) {
    try {
      List<CompileArg> args = new ArrayList<>();
      args.add(new Kwarg("optimizer",
          optimizer(config,
          config.asMap().containsKey("optimizer") ? "optimizer" : "optimizer_config")));
      Object loss = config.raw("loss");
      // A map is a loss's own config (it has a class_name) or one loss per output name.
      args.add(new Kwarg("loss", loss instanceof List<?> || loss instanceof Map<?, ?> m
          && !m.containsKey("class_name") ? perOutput(loss, CompileConfig::loss) : loss(loss)));
      if (config.raw("loss_weights") != null) {
        args.add(new Kwarg("loss_weights", config.raw("loss_weights")));
      }
      metricsArg(model, config, "metrics", args);
      metricsArg(model, config, "weighted_metrics", args);
      // Keras's default "auto" is keras4j's default (off); only an explicit true asks for XLA.
      if (Boolean.TRUE.equals(config.raw("jit_compile"))) {
        args.add(new Kwarg("jit_compile", true));
      }
      model.compile(args.toArray(new CompileArg[0]));
    } catch (IllegalArgumentException e) {
      LOG.log(WARNING, "Model ''{0}'' was loaded uncompiled: its compile settings could not be"
          + " restored ({1}). Call compile(...) before fit", model.name(), e.getMessage());
      return;
    }
    model.optimizer().build(model.trainableVariables());
  }

  /** Adds the compile argument {@code key} ({@code metrics} or {@code weighted_metrics}). */
  private static void metricsArg(Model model, ConfigReader config, String key,
      List<CompileArg> args) {
    Object metricSpec = config.raw(key);
    if (model.dataOutputNames().size() > 1 && metricSpec != null) {
      args.add(new Kwarg(key, perOutput(metricSpec, CompileConfig::metricList)));
    } else if (metricSpec != null) {
      List<Object> metrics = new ArrayList<>();
      metrics(config.list(key), metrics, config.path(key));
      if (!metrics.isEmpty()) {
        args.add(new Kwarg(key, metrics));
      }
    }
  }

  private static Optimizer optimizer(ConfigReader config, String key) {
    if (config.raw(key) instanceof String alias) {
      return Optimizers.get(alias);
    }
    ConfigReader spec = config.object(key);
    // Keras 2.11+ wrote its new optimizers as "Custom>Adam" in legacy files.
    return BuiltinClasses.OPTIMIZERS.deserialize(
        spec.with("class_name", spec.string("class_name").replace("Custom>", "")));
  }

  /** A loss from its alias or its serialized config. */
  private static Loss loss(Object spec) {
    if (spec instanceof String alias) {
      return Losses.get(alias);
    }
    return BuiltinClasses.LOSSES.deserialize(ConfigReader.of(spec, "compile_config.loss"));
  }

  /** One output's metrics (a name, a serialized metric or a list of them). */
  private static Object metricList(Object spec) {
    List<Object> out = new ArrayList<>();
    metrics(spec instanceof List<?> list ? list : List.of(spec), out, "compile_config.metrics");
    return out;
  }

  /**
   * The metrics of a Keras 3 list or a Keras 2 per-output nested list: aliases as aliases,
   * serialized metrics rebuilt from their config (Keras 2's function wrappers by their name).
   */
  private static void metrics(List<?> spec, List<Object> out, String path) {
    for (int i = 0; i < spec.size(); i++) {
      Object item = spec.get(i);
      if (item instanceof List<?> nested) {
        metrics(nested, out, path + "[" + i + "]");
      } else if (item instanceof String name) {
        Metrics.get(name); // an unknown alias fails here, with the valid ones listed
        out.add(name);
      } else if (item instanceof Map<?, ?> m && "MeanMetricWrapper".equals(m.get("class_name"))
          && m.get("config") instanceof Map<?, ?> c && c.get("name") instanceof String name) {
        out.add(name);
      } else if (item instanceof Map<?, ?>) {
        out.add(Metrics.deserialize(ConfigReader.of(item, path + "[" + i + "]")));
      }
    }
  }
}
