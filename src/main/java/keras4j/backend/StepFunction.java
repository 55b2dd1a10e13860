package keras4j.backend;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One training or evaluation step, built once into the model's graph and run per batch: feed a
 * batch, run the update ops, fetch the metrics accumulated so far in the epoch.
 */
public final class StepFunction {
  private final ModelGraph graph;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> y;
  private final List<Op> targets;
  private final List<String> names;
  private final List<Operand<TFloat32>> results;
  private final List<Op> resets;

  StepFunction(ModelGraph graph, Placeholder<TFloat32> x, Placeholder<TFloat32> y,
      List<Op> targets, List<String> names, List<Operand<TFloat32>> results, List<Op> resets) {
    this.graph = graph;
    this.x = x;
    this.y = y;
    this.targets = List.copyOf(targets);
    this.names = List.copyOf(names);
    this.results = List.copyOf(results);
    this.resets = List.copyOf(resets);
  }

  /** The metric names, "loss" first, in the order {@link #run} returns their values. */
  public List<String> names() {
    return names;
  }

  /** Starts a new accumulation (each epoch, each evaluate). */
  public void resetMetrics() {
    Session.Runner runner = graph.session().runner();
    resets.forEach(runner::addTarget);
    runner.run().close();
  }

  /** A metric's value: framework threshold metrics (precision, recall) return shape (1). */
  private static double scalar(TFloat32 value) {
    if (value.shape().size() != 1) {
      throw new IllegalStateException("A metric returned shape " + value.shape() + ", not a scalar");
    }
    return value.asRawTensor().data().asFloats().getFloat(0);
  }

  /** Runs one batch; returns the metrics accumulated since the last reset. */
  public double[] run(TFloat32 xBatch, TFloat32 yBatch) {
    graph.claimVariables();
    Session.Runner runner = graph.session().runner().feed(x, xBatch).feed(y, yBatch);
    targets.forEach(runner::addTarget);
    results.forEach(runner::fetch);
    try (Result result = runner.run()) {
      double[] values = new double[results.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = scalar((TFloat32) result.get(i));
      }
      return values;
    }
  }
}
