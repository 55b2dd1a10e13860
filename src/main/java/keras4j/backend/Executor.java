package keras4j.backend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import keras4j.KerasTensor;
import keras4j.Shapes;
import keras4j.Variable;
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
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

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
  private final Map<Shape, StepFunction> trainSteps = new HashMap<>();
  private final Map<Shape, StepFunction> testSteps = new HashMap<>();

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
    FloatNdArray all = NdArrays.ofFloats(outShape);
    graph.claimVariables();
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      try (TFloat32 batch = data.batch(null, from, to);
          Result result = graph.session().runner().feed(x, batch).fetch(out).run()) {
        TFloat32 values = (TFloat32) result.get(0);
        values.copyTo(all.slice(org.tensorflow.ndarray.index.Indices.range(from, to)));
      }
    }
    return all;
  }

  /** The training step for labels of {@code labelShape} (batch first), built on first use. */
  public StepFunction trainStep(Shape labelShape, Loss loss, List<Metric> metrics,
      Optimizer optimizer, List<Variable> trainable) {
    return trainSteps.computeIfAbsent(labelShape,
        s -> build(s, loss, metrics, training(), true, optimizer, trainable));
  }

  /** The evaluation step for labels of {@code labelShape}, built on first use. */
  public StepFunction testStep(Shape labelShape, Loss loss, List<Metric> metrics) {
    return testSteps.computeIfAbsent(labelShape,
        s -> build(s, loss, metrics, inference(), false, null, List.of()));
  }

  /** Forgets the step functions (after a new compile); the graph keeps the old ops unused. */
  public void clearSteps() {
    trainSteps.clear();
    testSteps.clear();
  }

  private StepFunction build(Shape labelShape, Loss loss, List<Metric> metrics,
      KerasTensor output, boolean isTraining, Optimizer optimizer, List<Variable> trainable) {
    Ops tf = graph.tf();
    loss.checkLabels(labelShape, output.shape());
    var y = tf.placeholder(TFloat32.class, Placeholder.shape(labelShape));
    KerasTensor yTrue = KerasTensor.of(graph, y);
    Operand<TFloat32> lossValue = trace(isTraining, () -> {
      KerasTensor total = loss.call(yTrue, output).reduceMean();
      for (KerasTensor penalty : model.regularizationLosses()) {
        total = total.add(penalty);
      }
      return total.tensor().operand();
    });
    List<Op> targets = new ArrayList<>();
    if (isTraining) {
      targets.add(update(lossValue, optimizer, trainable));
    }
    long seed = RandomSeed.next();
    Operand<TFloat32> batchSize =
        tf.dtypes.cast(tf.gather(tf.shape(x), tf.constant(0), tf.constant(0)), TFloat32.class);
    List<org.tensorflow.framework.metrics.Metric> trackers = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("loss"));
    Mean<TFloat32> lossTracker = new Mean<>("loss", seed, TFloat32.class);
    targets.addAll(lossTracker.updateStateList(tf, lossValue, batchSize));
    trackers.add(lossTracker);
    // Explicit unit weights: without them the framework counts samples from the static shape,
    // which is -1 for an unknown batch size (and gives negative accuracies).
    Operand<TFloat32> unitWeights =
        tf.fill(tf.expandDims(tf.gather(tf.shape(x), tf.constant(0), tf.constant(0)),
            tf.constant(0)), tf.constant(1f));
    for (Metric spec : metrics) {
      Metric metric = Metrics.resolve(spec, labelShape, output.shape());
      var tracker = metric.create(seed);
      targets.addAll(tracker.updateStateList(tf, y, output.tensor().operand(), unitWeights));
      trackers.add(tracker);
      names.add(metric.name());
    }
    Ops afterUpdates = tf.withControlDependencies(targets);
    List<Operand<TFloat32>> results = new ArrayList<>();
    List<Op> resets = new ArrayList<>();
    for (var tracker : trackers) {
      results.add(tracker.result(afterUpdates, TFloat32.class));
      resets.add(tracker.resetStates(tf));
    }
    return new StepFunction(graph, x, y, targets, names, results, resets);
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
