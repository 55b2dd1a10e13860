package keras4j.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.metrics.Metric;
import keras4j.metrics.Metrics;
import keras4j.mixed_precision.MixedPrecision;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code CompileMetrics} ({@code trainers/compile_utils.py}): the compiled metrics of
 * each output, resolved against the label and output shapes ("accuracy" depends on them) when
 * the first step is built, and their names in the logs.
 *
 * <p>With one output, every metric given applies to it and logs under its own name. With
 * several, {@code metrics} has one entry per output (a metric, a list of metrics, or an empty
 * list) or is a map by output name, and each metric logs as {@code <output>_<metric>}
 * ({@code cls_accuracy}), a repeated name getting {@code _1}, {@code _2}, ... as in Keras.
 *
 * <p>{@code weightedMetrics} are given the same way and see the sample weights; the plain
 * {@code metrics} never do, as in Keras 3. A weighted metric whose log name is taken logs as
 * {@code weighted_<metric>} ({@code cls_weighted_accuracy}).
 */
final class CompileMetrics {
  private final List<String> outputNames;
  private final List<List<Metric>> perOutput;
  private final List<List<Metric>> weightedPerOutput;
  private List<List<Metric>> resolved;
  private List<List<Metric>> resolvedWeighted;
  private Map<String, Metric> named;

  private CompileMetrics(List<String> outputNames, List<List<Metric>> perOutput,
      List<List<Metric>> weightedPerOutput) {
    this.outputNames = outputNames;
    this.perOutput = perOutput;
    this.weightedPerOutput = weightedPerOutput;
  }

  /**
   * The metrics {@code spec} and weighted metrics {@code weightedSpec} ({@code compile}'s {@code
   * metrics} and {@code weighted_metrics}, each a list, a map by output name or null) of a model
   * whose outputs are {@code outputNames}; {@code model} names it in errors.
   */
  static CompileMetrics of(Object spec, Object weightedSpec, List<String> outputNames,
      String model) {
    return new CompileMetrics(outputNames, perOutput(spec, outputNames, model, "metrics"),
        perOutput(weightedSpec, outputNames, model, "weightedMetrics"));
  }

  /** One list of metrics per output from {@code spec}, {@code compile}'s {@code what}. */
  private static List<List<Metric>> perOutput(
      Object spec, List<String> outputNames, String model, String what) {
    int count = outputNames.size();
    List<List<Metric>> perOutput = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      perOutput.add(new ArrayList<>());
    }
    if (spec instanceof Map<?, ?> map) {
      map.forEach((name, metrics) -> {
        int i = outputNames.indexOf(name);
        if (i < 0) {
          unknown(what, name, outputNames, model);
        }
        flatten(metrics, perOutput.get(i));
      });
    } else if (spec instanceof List<?> list && !list.isEmpty()) {
      if (count == 1) {
        flatten(list, perOutput.get(0));
      } else if (list.size() == count) {
        for (int i = 0; i < count; i++) {
          flatten(list.get(i), perOutput.get(i));
        }
      } else {
        throw new IllegalArgumentException(what + " has " + list.size() + " entries but model '"
            + model + "' has " + count + " outputs " + outputNames + ": give one entry per output"
            + " (a metric, a list of metrics, or an empty list), or a map by output name, e.g."
            + " " + what + "(Map.of(\"" + outputNames.get(count - 1) + "\", \"accuracy\"))");
      }
    }
    return perOutput;
  }

  private static void unknown(String what, Object name, List<String> outputNames, String model) {
    throw new IllegalArgumentException(what + " names '" + name + "', which is not an output of"
        + " model '" + model + "'; its outputs are " + outputNames);
  }

  /** Adds the metrics of {@code spec} (a name, a Metric, a list of them, null) to {@code out}. */
  private static void flatten(Object spec, List<Metric> out) {
    if (spec instanceof List<?> list) {
      list.forEach(item -> flatten(item, out));
    } else if (spec instanceof Metric metric) {
      out.add(metric);
    } else if (spec instanceof String alias) {
      out.add(Metrics.get(alias));
    } else if (spec != null) {
      throw new IllegalArgumentException(
          "metrics takes metric names or keras4j.metrics.Metric objects, not " + spec);
    }
  }

  /** Every metric as given ("accuracy" unresolved), output by output. */
  List<Metric> given() {
    return perOutput.stream().flatMap(List::stream).toList();
  }

  /** Every weighted metric as given, output by output. */
  List<Metric> givenWeighted() {
    return weightedPerOutput.stream().flatMap(List::stream).toList();
  }

  /**
   * Resolves the metrics against each output's label and output shapes (batch first), once:
   * the first step built decides, as Keras's {@code CompileMetrics.build}.
   */
  synchronized void resolve(List<Shape> labels, List<Shape> outputs) {
    if (resolved != null) {
      return;
    }
    // Keras's evaluate lists several outputs' metrics in sorted order, one output's as given.
    Map<String, Metric> byName = outputNames.size() > 1 ? new TreeMap<>() : new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    List<List<Metric>> plain = resolveAll(perOutput, labels, outputs, byName, seen, false);
    resolvedWeighted = resolveAll(weightedPerOutput, labels, outputs, byName, seen, true);
    named = byName;
    resolved = plain;
  }

  /**
   * Resolves {@code metrics} (one list per output) and names them as Keras's {@code
   * CompileMetrics.result}: {@code <output>_<metric>}, a repeated name getting {@code _1}, ...;
   * a weighted metric whose name is taken becomes {@code <output>_weighted_<metric>} first.
   */
  private List<List<Metric>> resolveAll(List<List<Metric>> metrics, List<Shape> labels,
      List<Shape> outputs, Map<String, Metric> byName, Map<String, Integer> seen,
      boolean weighted) {
    boolean prefixed = outputNames.size() > 1;
    List<List<Metric>> concrete = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      String prefix = prefixed ? outputNames.get(i) + "_" : "";
      List<Metric> own = new ArrayList<>();
      for (Metric m : metrics.get(i)) {
        Metric metric = Metrics.resolve(m, labels.get(i), outputs.get(i));
        String name = prefix + metric.name();
        if (weighted && seen.containsKey(name)) {
          name = prefix + "weighted_" + metric.name();
        }
        int repeats = seen.merge(name, 1, Integer::sum) - 1;
        byName.put(repeats == 0 ? name : name + "_" + repeats, metric);
        own.add(metric);
      }
      concrete.add(own);
    }
    return concrete;
  }

  /** The resolved metrics by log name, in log order. */
  Map<String, Metric> byLogName() {
    if (named == null) {
      throw new IllegalStateException(
          "The compiled metrics are resolved when fit or evaluate builds its first step: call"
              + " computeMetrics from a trainStep or testStep");
    }
    return named;
  }

  /**
   * The metrics, output by output, then the weighted ones: resolved once a step is built, as
   * given before.
   */
  List<Metric> metrics() {
    return resolved != null
        ? Stream.concat(resolved.stream(), resolvedWeighted.stream())
            .flatMap(List::stream).toList()
        : Stream.concat(given().stream(), givenWeighted().stream()).toList();
  }

  /**
   * Accumulates a batch: output {@code i}'s metrics see its labels and predictions, its weighted
   * metrics also {@code sampleWeight.get(i)} (null: no weights, each sample weighs 1).
   */
  void updateState(List<KerasTensor> y, List<KerasTensor> yPred, List<KerasTensor> sampleWeight) {
    byLogName();
    for (int i = 0; i < resolved.size(); i++) {
      KerasTensor predicted = MixedPrecision.float32(yPred.get(i));
      for (Metric metric : resolved.get(i)) {
        metric.updateState(y.get(i), predicted, null);
      }
      for (Metric metric : resolvedWeighted.get(i)) {
        metric.updateState(y.get(i), predicted,
            sampleWeight == null ? null : sampleWeight.get(i));
      }
    }
  }

  /** Starts a new accumulation (each epoch, each evaluate). */
  void resetState() {
    if (named != null) {
      named.values().forEach(Metric::resetState);
    }
  }
}
