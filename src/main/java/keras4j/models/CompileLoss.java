package keras4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.losses.Loss;
import keras4j.losses.Losses;
import keras4j.metrics.Mean;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code CompileLoss} ({@code trainers/compile_utils.py}): the loss of each output of a
 * model, its weight, and, when several outputs have a loss, one tracker per output logged as
 * {@code <output>_loss} (the unweighted loss, averaged over the epoch as {@code loss} is).
 *
 * <p>The loss is one loss for every output, a list with one per output (null: that output has
 * none), or a map by output name (outputs it leaves out have none). {@code lossWeights} is a
 * list with one weight per output or a map by output name (outputs it leaves out weigh 1). Unlike
 * Keras, which flattens a weight map in its keys' sorted order whatever the loss's structure, a
 * weight map always applies by name, and a map naming no output is refused.
 */
final class CompileLoss {
  /** The loss of output {@code output}, logged as {@code name}, times {@code weight}. */
  private record Entry(int output, String name, Loss loss, double weight) {}

  private final List<Entry> entries;
  private final Loss single;
  private final List<Mean> trackers = new ArrayList<>();

  private CompileLoss(List<Entry> entries, Loss single) {
    this.entries = List.copyOf(entries);
    this.single = single;
    if (entries.size() > 1) {
      entries.forEach(entry -> trackers.add(new Mean(entry.name() + "_loss")));
    }
  }

  /**
   * The compiled loss of a model whose outputs are {@code outputNames} ({@code model} names the
   * model in errors): {@code spec} and {@code weights} as {@code compile} got them (either may be
   * null).
   */
  static CompileLoss of(Object spec, Object weights, List<String> outputNames, String model) {
    int count = outputNames.size();
    List<Object> perOutput = perOutput(spec, outputNames, model, "loss");
    if (spec instanceof String || spec instanceof Loss) {
      perOutput = new ArrayList<>(Collections.nCopies(count, spec));
    }
    List<Object> weightList = perOutput(weights, outputNames, model, "lossWeights");
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object loss = perOutput.get(i);
      if (loss == null) {
        continue;
      }
      Loss resolved = loss instanceof Loss given ? given : Losses.get((String) loss);
      Object weight = weightList.get(i);
      // A single output is logged as "loss" alone, whatever its name: its name is never used.
      String name = count == 1 ? resolved.name() : outputNames.get(i);
      double factor = weight == null ? 1.0 : ((Number) weight).doubleValue();
      entries.add(new Entry(i, name, resolved, factor));
    }
    boolean one = spec instanceof String || spec instanceof Loss || count == 1;
    return new CompileLoss(entries, one && !entries.isEmpty() ? entries.get(0).loss() : null);
  }

  /**
   * One entry per output of {@code spec}: a list of one per output, a map by output name, or
   * (anything else, null included) null each.
   */
  private static List<Object> perOutput(
      Object spec, List<String> outputNames, String model, String what) {
    int count = outputNames.size();
    List<Object> out = new ArrayList<>(Collections.nCopies(count, null));
    if (spec instanceof Number weight && count == 1) {
      out.set(0, weight); // Keras's float loss_weights of a single output
    } else if (spec instanceof List<?> list) {
      if (list.size() != count) {
        throw new IllegalArgumentException(what + " is a list of " + list.size() + " but model '"
            + model + "' has " + count + " outputs " + outputNames + ": give one per output (null"
            + " for none), or a map by output name");
      }
      out.clear();
      out.addAll(list);
    } else if (spec instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        int i = outputNames.indexOf(entry.getKey());
        if (i < 0) {
          throw new IllegalArgumentException(what + " names '" + entry.getKey() + "', which is"
              + " not an output of model '" + model + "'; its outputs are " + outputNames);
        }
        out.set(i, entry.getValue());
      }
    }
    return out;
  }

  /**
   * The one loss {@code compile} was given for every output (the first output's instance), or
   * the loss of a single output; null if given per output of several, or none.
   */
  Loss single() {
    return single;
  }

  /** Whether no output has a loss. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The per-output loss trackers ({@code <output>_loss}); none unless several outputs have one. */
  List<Mean> trackers() {
    return trackers;
  }

  /** Checks each output's labels of shape {@code labels} against its outputs' {@code outputs}. */
  void checkLabels(List<Shape> labels, List<Shape> outputs, List<String> outputNames) {
    for (Entry entry : entries) {
      try {
        entry.loss().checkLabels(labels.get(entry.output()), outputs.get(entry.output()));
      } catch (IllegalArgumentException e) {
        if (outputNames.size() == 1) {
          throw e;
        }
        throw new IllegalArgumentException(
            "Output '" + entry.name() + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * The total loss of a batch, {@code sum(weight * loss(y, yPred))} over the outputs that have a
   * loss, updating the per-output trackers; null if no output has one.
   */
  KerasTensor call(List<KerasTensor> y, List<KerasTensor> yPred) {
    KerasTensor total = null;
    for (int k = 0; k < entries.size(); k++) {
      Entry entry = entries.get(k);
      KerasTensor predicted = yPred.get(entry.output());
      KerasTensor value = entry.loss().apply(y.get(entry.output()), predicted);
      if (!trackers.isEmpty()) {
        trackers.get(k).updateState(value, Ops.batchSize(predicted));
      }
      if (entry.weight() != 1.0) {
        value = Ops.multiply(value, entry.weight());
      }
      total = total == null ? value : Ops.add(total, value);
    }
    return total;
  }
}
