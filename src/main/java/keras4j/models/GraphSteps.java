package keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import keras4j.backend.CoreBridge;
import keras4j.backend.GraphFunction;
import keras4j.backend.HostArray;
import keras4j.backend.ModelGraph;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import org.tensorflow.Result;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The train, test and predict functions of one model, traced from its {@link Model#trainStep},
 * {@link Model#testStep} and {@link Model#predictStep} into the model's graph by the same
 * machinery as {@code TF.function} (Keras's {@code make_train_function} and friends in {@code
 * backend/tensorflow/trainer.py}); built on first use, cached per label shape.
 *
 * <p>Thread-safe: tracing {@link ModelGraph#building builds} the graph; a training execution
 * holds the write side of a read-write lock and a prediction the read side, so predictions made
 * during {@code fit} see the weights between two steps, never half an update.
 */
final class GraphSteps implements AutoCloseable {
  private final Model model;
  private final ModelGraph graph;
  private final Shape inputShape;
  private final ReadWriteLock weights = new ReentrantReadWriteLock();
  private final Map<StepKey, Step> trainSteps = new HashMap<>();
  private final Map<StepKey, Step> testSteps = new HashMap<>();
  private GraphFunction predict;

  /** Functions for {@code model} on inputs of {@code inputShape} (batch first). */
  GraphSteps(Model model, Shape inputShape, int intraOpThreads, int interOpThreads) {
    this.model = model;
    this.inputShape = inputShape;
    this.graph = new ModelGraph(intraOpThreads, interOpThreads);
  }

  /** The input shape, batch first. */
  Shape inputShape() {
    return inputShape;
  }

  /** The predict function, traced on first use (which also builds the model's layers). */
  GraphFunction predictFunction() {
    return graph.building(() -> {
      if (predict == null) {
        predict = GraphFunction.trace(graph, List.of(inputShape), false,
            inputs -> List.of(CoreBridge.tensor(model.predictStep(wrap(inputs.get(0))))));
      }
      return predict;
    });
  }

  /** The output shape of the predict function (batch first). */
  Shape outputShape() {
    return predictFunction().outputShape(0);
  }

  /** Predictions for all of {@code data}, {@code batchSize} samples per run. */
  FloatNdArray predict(HostArray data, int batchSize) {
    GraphFunction function = predictFunction();
    int n = data.samples();
    Shape outShape = Shapes.withBatch(function.outputShape(0), n);
    // One heap array filled by bulk reads: copying into NdArray slices goes value by value.
    float[] all = new float[Math.toIntExact(outShape.size())];
    int rowSize = n == 0 ? 0 : all.length / n;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      weights.readLock().lock();
      try (TFloat32 batch = data.batch(null, from, to); Result result = function.run(batch)) {
        ((TFloat32) result.get(0)).asRawTensor().data().asFloats()
            .read(all, from * rowSize, (to - from) * rowSize);
      } finally {
        weights.readLock().unlock();
      }
    }
    return NdArrays.wrap(outShape, DataBuffers.of(all, false, false));
  }

  /** The predictions for one batch tensor, row-major. */
  float[] predictBatch(TFloat32 batch) {
    GraphFunction function = predictFunction();
    weights.readLock().lock();
    try (Result result = function.run(batch)) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[Math.toIntExact(out.shape().size())];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    } finally {
      weights.readLock().unlock();
    }
  }

  /** The training step for labels of {@code labelShape}, up to {@code steps} batches a run. */
  Step trainStep(Shape labelShape, int steps) {
    return step(trainSteps, labelShape, steps, model::trainStep);
  }

  /** The evaluation step for labels of {@code labelShape}, up to {@code steps} batches a run. */
  Step testStep(Shape labelShape, int steps) {
    return step(testSteps, labelShape, steps, model::testStep);
  }

  /** Forgets the step functions (after a new compile); the graph keeps the old ops unused. */
  void clearSteps() {
    graph.building(() -> {
      trainSteps.clear();
      testSteps.clear();
      return null;
    });
  }

  private Step step(Map<StepKey, Step> cache, Shape labelShape, int steps,
      BiFunction<KerasTensor, KerasTensor, Map<String, KerasTensor>> body) {
    return graph.building(() -> {
      model.trainer().resolveMetrics(labelShape, outputShape());
      return cache.computeIfAbsent(new StepKey(labelShape, steps), key -> {
        Map<Integer, GraphFunction> programs = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int count : new int[] {1, steps}) {
          programs.computeIfAbsent(count, n -> unrolled(n, labelShape, body, names));
        }
        return new Step(names, programs, steps);
      });
    });
  }

  // `count` steps on batches stacked along the batch axis: each step reads the weights the one
  // before it wrote (the trace orders their updates); the last step's logs are fetched.
  private GraphFunction unrolled(int count, Shape labelShape,
      BiFunction<KerasTensor, KerasTensor, Map<String, KerasTensor>> body, List<String> names) {
    return GraphFunction.trace(graph, List.of(inputShape, labelShape), false, inputs -> {
      List<KerasTensor> xs = parts(wrap(inputs.get(0)), count);
      List<KerasTensor> ys = parts(wrap(inputs.get(1)), count);
      Map<String, KerasTensor> logs = Map.of();
      for (int k = 0; k < count; k++) {
        logs = body.apply(xs.get(k), ys.get(k));
      }
      names.clear();
      names.addAll(logs.keySet());
      List<Tensor> fetches = new ArrayList<>();
      logs.values().forEach(value -> fetches.add(CoreBridge.tensor(value)));
      return fetches;
    });
  }

  private static List<KerasTensor> parts(KerasTensor stacked, int count) {
    return count == 1 ? List.of(stacked) : Ops.split(stacked, count);
  }

  private static KerasTensor wrap(Tensor t) {
    return CoreBridge.kerasTensor(t);
  }

  /**
   * One training or evaluation step, built into the model's graph: it feeds one batch, or {@code
   * stepsPerExecution} batches stacked along the batch axis, runs their updates in order and
   * fetches the logs accumulated so far in the epoch, all in one native call.
   */
  final class Step {
    private final List<String> names;
    private final Map<Integer, GraphFunction> programs;
    private final int stepsPerExecution;

    private Step(List<String> names, Map<Integer, GraphFunction> programs, int steps) {
      this.names = List.copyOf(names);
      this.programs = Map.copyOf(programs);
      this.stepsPerExecution = steps;
    }

    /** The log names, "loss" first, in the order {@link #run} returns their values. */
    List<String> names() {
      return names;
    }

    /** The most batches one {@link #run} takes; it also takes a single batch. */
    int stepsPerExecution() {
      return stepsPerExecution;
    }

    /** Runs {@code steps} batches (1 or {@link #stepsPerExecution()}) stacked in the tensors. */
    double[] run(int steps, TFloat32 xBatches, TFloat32 yBatches) {
      GraphFunction program = programs.get(steps);
      if (program == null) {
        throw new IllegalArgumentException(
            "This step runs 1 or " + stepsPerExecution + " batches at a time, not " + steps);
      }
      weights.writeLock().lock();
      try (Result result = program.run(xBatches, yBatches)) {
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = scalar(names.get(i), (TFloat32) result.get(i));
        }
        return values;
      } finally {
        weights.writeLock().unlock();
      }
    }
  }

  private static double scalar(String name, TFloat32 value) {
    if (value.shape().size() != 1) {
      throw new IllegalStateException(
          "The step returned '" + name + "' of shape " + value.shape() + ", not a scalar");
    }
    return value.asRawTensor().data().asFloats().getFloat(0);
  }

  /**
   * What a step is cached by: the label dimensions as a list, because TF Java's {@code
   * Shape.equals} is false for shapes with an unknown (batch) dimension.
   */
  private record StepKey(List<Long> labelDims, int stepsPerExecution) {
    StepKey(Shape labels, int stepsPerExecution) {
      this(Arrays.stream(labels.asArray()).boxed().toList(), stepsPerExecution);
    }
  }

  /** Frees the graph and session; variables keep their last values on the heap. */
  @Override
  public void close() {
    graph.close();
  }
}
