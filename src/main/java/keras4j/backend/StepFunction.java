package keras4j.backend;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * One training or evaluation step, built once into the model's graph and run per execution: feed
 * one batch, or {@code stepsPerExecution} batches stacked along the batch axis, run their updates
 * in order, and fetch the metrics accumulated so far in the epoch, all in one native call.
 */
public final class StepFunction {
  private final ModelGraph graph;
  private final List<String> names;
  private final Map<Integer, Program> programs;
  private final List<Op> resets;
  private final int stepsPerExecution;

  /**
   * The ops of {@code steps} consecutive steps: the stacked inputs and labels to feed, the ops to
   * run, and the metric results, read after those ops.
   */
  record Program(Placeholder<TFloat32> x, Placeholder<TFloat32> y, List<Op> targets,
      List<Operand<TFloat32>> results) {}

  StepFunction(ModelGraph graph, List<String> names, Map<Integer, Program> programs,
      List<Op> resets) {
    this.graph = graph;
    this.names = List.copyOf(names);
    this.programs = Map.copyOf(programs);
    this.resets = List.copyOf(resets);
    this.stepsPerExecution = programs.keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /** The metric names, "loss" first, in the order {@link #run} returns their values. */
  public List<String> names() {
    return names;
  }

  /** The most batches one {@link #run} takes; it also takes a single batch. */
  public int stepsPerExecution() {
    return stepsPerExecution;
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

  /**
   * Runs {@code steps} batches (1 or {@link #stepsPerExecution()}) of equal size, stacked in
   * {@code xBatches} and {@code yBatches}; returns the metrics accumulated since the last reset.
   */
  public double[] run(int steps, TFloat32 xBatches, TFloat32 yBatches) {
    Program program = programs.get(steps);
    if (program == null) {
      throw new IllegalArgumentException(
          "This step runs 1 or " + stepsPerExecution + " batches at a time, not " + steps);
    }
    graph.claimVariables();
    Session.Runner runner =
        graph.session().runner().feed(program.x(), xBatches).feed(program.y(), yBatches);
    program.targets().forEach(runner::addTarget);
    program.results().forEach(runner::fetch);
    try (Result result = runner.run()) {
      double[] values = new double[program.results().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = scalar((TFloat32) result.get(i));
      }
      return values;
    }
  }
}
