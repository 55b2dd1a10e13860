package keras4j.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.layers.Layer;
import keras4j.losses.Loss;
import keras4j.metrics.Metric;
import keras4j.metrics.Metrics;
import keras4j.optimizers.Optimizer;
import keras4j.utils.RandomSeed;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.framework.metrics.Mean;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds and runs a model's graph: the forward pass traced once for inference and once for
 * training, and the step functions of {@code fit} and {@code evaluate}, cached per label shape.
 */
public final class Executor implements AutoCloseable {
  private final ModelGraph graph;
  private final Layer model;
  private final Placeholder<TFloat32> x;
  private final Shape inputShape;
  private KerasTensor inference;
  private KerasTensor training;
  private final Map<StepKey, StepFunction> trainSteps = new HashMap<>();
  private final Map<StepKey, StepFunction> testSteps = new HashMap<>();

  /** A graph for {@code model} taking inputs of {@code inputShape} (batch first). */
  public Executor(Layer model, Shape inputShape, int intraOpThreads, int interOpThreads) {
    this.graph = new ModelGraph(intraOpThreads, interOpThreads);
    this.model = model;
    this.inputShape = inputShape;
    this.x = graph.tf().withName("x").placeholder(TFloat32.class, Placeholder.shape(inputShape));
  }

  /** The input shape, batch first. */
  public Shape inputShape() {
    return inputShape;
  }

  /** The model's output in inference mode (Dropout off). */
  public KerasTensor inference() {
    if (inference == null) {
      inference = trace(false, () -> model.apply(KerasTensor.of(graph, x)));
    }
    return inference;
  }

  private KerasTensor training() {
    if (training == null) {
      training = trace(true, () -> model.apply(KerasTensor.of(graph, x)));
    }
    return training;
  }

  private <T> T trace(boolean isTraining, Supplier<T> body) {
    return graph.trace(isTraining, body);
  }

  /** Predictions for all of {@code data}, {@code batchSize} samples per run. */
  public FloatNdArray predict(HostArray data, int batchSize) {
    Operand<TFloat32> out = inference().tensor().operand();
    int n = data.samples();
    Shape outShape = Shapes.withBatch(out.shape(), n);
    // One heap array filled by bulk reads: copying into NdArray slices goes value by value.
    float[] all = new float[Math.toIntExact(outShape.size())];
    int rowSize = n == 0 ? 0 : all.length / n;
    graph.claimVariables();
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      try (TFloat32 batch = data.batch(null, from, to);
          Result result = graph.session().runner().feed(x, batch).fetch(out).run()) {
        ((TFloat32) result.get(0)).asRawTensor().data().asFloats()
            .read(all, from * rowSize, (to - from) * rowSize);
      }
    }
    return NdArrays.wrap(outShape, DataBuffers.of(all, false, false));
  }

  /**
   * The training step for labels of {@code labelShape} (batch first), running up to {@code
   * stepsPerExecution} batches per native call; built on first use.
   */
  public StepFunction trainStep(Shape labelShape, int stepsPerExecution, Loss loss,
      List<Metric> metrics, Optimizer optimizer, List<Variable> trainable) {
    return trainSteps.computeIfAbsent(new StepKey(labelShape, stepsPerExecution),
        key -> build(key, new Spec(loss, metrics, true, optimizer, trainable)));
  }

  /** The evaluation step for labels of {@code labelShape}, built on first use. */
  public StepFunction testStep(
      Shape labelShape, int stepsPerExecution, Loss loss, List<Metric> metrics) {
    return testSteps.computeIfAbsent(new StepKey(labelShape, stepsPerExecution),
        key -> build(key, new Spec(loss, metrics, false, null, List.of())));
  }

  /** Forgets the step functions (after a new compile); the graph keeps the old ops unused. */
  public void clearSteps() {
    trainSteps.clear();
    testSteps.clear();
  }

  /**
   * What a step function is cached by: the label dimensions as a list, because TF Java's {@code
   * Shape.equals} is false for shapes with an unknown (batch) dimension.
   */
  private record StepKey(List<Long> labelDims, int stepsPerExecution) {
    StepKey(Shape labels, int stepsPerExecution) {
      this(Arrays.stream(labels.asArray()).boxed().toList(), stepsPerExecution);
    }

    Shape labels() {
      return Shape.of(labelDims.stream().mapToLong(Long::longValue).toArray());
    }
  }

  /** What one step computes. */
  private record Spec(Loss loss, List<Metric> metrics, boolean isTraining, Optimizer optimizer,
      List<Variable> trainable) {}

  /** The loss and metric accumulators that all programs of a step function update. */
  private record Trackers(
      Mean<TFloat32> loss, List<org.tensorflow.framework.metrics.Metric> metrics) {
    List<org.tensorflow.framework.metrics.Metric> all() {
      List<org.tensorflow.framework.metrics.Metric> all = new ArrayList<>(List.of(loss));
      all.addAll(metrics);
      return all;
    }
  }

  // One program of a single step (also the last batches of an epoch), and one of
  // stepsPerExecution steps unrolled; both update the same metric trackers.
  private StepFunction build(StepKey key, Spec spec) {
    KerasTensor output = spec.isTraining() ? training() : inference();
    spec.loss().checkLabels(key.labels(), output.shape());
    long seed = RandomSeed.next();
    List<String> names = new ArrayList<>(List.of("loss"));
    List<org.tensorflow.framework.metrics.Metric> metricTrackers = new ArrayList<>();
    for (Metric m : spec.metrics()) {
      Metric metric = Metrics.resolve(m, key.labels(), output.shape());
      metricTrackers.add(metric.create(seed));
      names.add(metric.name());
    }
    Trackers trackers = new Trackers(new Mean<>("loss", seed, TFloat32.class), metricTrackers);
    Map<Integer, StepFunction.Program> programs = new HashMap<>();
    for (int steps : new int[] {1, key.stepsPerExecution()}) {
      programs.computeIfAbsent(steps, n -> program(n, key.labels(), spec, trackers));
    }
    List<Op> resets = new ArrayList<>();
    for (var tracker : trackers.all()) {
      resets.add(tracker.resetStates(graph.tf()));
    }
    return new StepFunction(graph, names, programs, resets);
  }

  // Feeds `steps` batches stacked along the batch axis; step k waits for step k-1's updates.
  private StepFunction.Program program(
      int steps, Shape labelShape, Spec spec, Trackers trackers) {
    Ops tf = graph.tf();
    Placeholder<TFloat32> xs =
        steps == 1 ? x : tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
    Placeholder<TFloat32> ys = tf.placeholder(TFloat32.class, Placeholder.shape(labelShape));
    List<Operand<TFloat32>> xParts = split(xs, steps);
    List<Operand<TFloat32>> yParts = split(ys, steps);
    List<Op> done = List.of();
    for (int k = 0; k < steps; k++) {
      List<Op> after = done;
      Operand<TFloat32> xk = xParts.get(k);
      Operand<TFloat32> yk = yParts.get(k);
      done = graph.readingAfter(after, () -> step(xk, yk, after, spec, trackers));
    }
    Ops afterSteps = tf.withControlDependencies(done);
    List<Operand<TFloat32>> results = new ArrayList<>();
    for (var tracker : trackers.all()) {
      results.add(tracker.result(afterSteps, TFloat32.class));
    }
    return new StepFunction.Program(xs, ys, done, results);
  }

  private List<Operand<TFloat32>> split(Operand<TFloat32> stacked, int parts) {
    if (parts == 1) {
      return List.of(stacked);
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    graph.tf().split(graph.tf().constant(0), stacked, (long) parts).forEach(out::add);
    return out;
  }

  // One batch: forward, loss, update, metric updates; returns the ops the next step waits for.
  private List<Op> step(Operand<TFloat32> xb, Operand<TFloat32> yb, List<Op> after, Spec spec,
      Trackers trackers) {
    boolean isTraining = spec.isTraining();
    KerasTensor output = xb == x ? (isTraining ? training() : inference())
        : trace(isTraining, () -> model.apply(KerasTensor.of(graph, xb)));
    KerasTensor yTrue = KerasTensor.of(graph, yb);
    Operand<TFloat32> lossValue = trace(isTraining, () -> {
      KerasTensor total = spec.loss().call(yTrue, output).reduceMean();
      for (KerasTensor penalty : model.regularizationLosses()) {
        total = total.add(penalty);
      }
      return total.tensor().operand();
    });
    List<Op> ops = new ArrayList<>();
    if (isTraining) {
      ops.add(update(lossValue, spec.optimizer(), spec.trainable()));
    }
    Ops tf = after.isEmpty() ? graph.tf() : graph.tf().withControlDependencies(after);
    Operand<TInt32> rows = tf.gather(tf.shape(xb), tf.constant(0), tf.constant(0));
    ops.addAll(
        trackers.loss().updateStateList(tf, lossValue, tf.dtypes.cast(rows, TFloat32.class)));
    // Explicit unit weights: without them the framework counts samples from the static shape,
    // which is -1 for an unknown batch size (and gives negative accuracies).
    Operand<TFloat32> unitWeights = tf.fill(tf.expandDims(rows, tf.constant(0)), tf.constant(1f));
    for (var tracker : trackers.metrics()) {
      ops.addAll(tracker.updateStateList(tf, yb, output.tensor().operand(), unitWeights));
    }
    return ops;
  }

  private Op update(Operand<TFloat32> lossValue, Optimizer optimizer, List<Variable> trainable) {
    if (trainable.isEmpty()) {
      throw new IllegalStateException("The model has no trainable weights to fit");
    }
    Ops tf = graph.tf();
    List<Operand<?>> reads = new ArrayList<>();
    for (Variable v : trainable) {
      reads.add(graph.read(v));
    }
    var gradients = tf.gradients(lossValue, reads);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (int i = 0; i < trainable.size(); i++) {
      grads.add(gradients.<TFloat32>dy(i));
    }
    return optimizer.buildUpdate(graph, grads, trainable);
  }

  /** Frees the graph and session; variables keep their last values on the heap. */
  @Override
  public void close() {
    graph.close();
  }
}
