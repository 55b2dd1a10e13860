package keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.GraphFunction;
import keras4j.backend.HostArray;
import keras4j.backend.ModelGraph;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.UnknownDimensionException;
import keras4j.ops.Ops;
import org.tensorflow.Result;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The train, test and predict functions of one model, traced from its {@link Model#trainStep},
 * {@link Model#testStep} and {@link Model#predictStep} into the model's graph by the same
 * machinery as {@code TF.function} (Keras's {@code make_train_function} and friends in {@code
 * backend/tensorflow/trainer.py}); built on first use, cached per label shapes. A model of one
 * input and output runs its one-tensor steps, a model of several its list steps; the functions
 * take the inputs' tensors, then the labels'.
 *
 * <p>The functions are traced once for the model's input shapes, unknown dimensions and all. When
 * a layer needs one of those known (an RNN unrolls over its steps, {@link
 * UnknownDimensionException}), they are traced per concrete input shape instead, on first use of
 * each: one graph per distinct sequence length.
 *
 * <p>Thread-safe: tracing {@link ModelGraph#building builds} the graph; a training execution
 * holds the write side of a read-write lock and a prediction the read side, so predictions made
 * during {@code fit} see the weights between two steps, never half an update.
 */
final class GraphSteps implements AutoCloseable {
  private final Model model;
  private final ModelGraph graph;
  private final List<Shape> inputShapes;
  private final List<DType> inputDtypes;
  private final ReadWriteLock weights = new ReentrantReadWriteLock();
  private final Map<StepKey, Step> trainSteps = new HashMap<>();
  private final Map<StepKey, Step> testSteps = new HashMap<>();
  /** Traced once, then read without the graph's lock: predict must not serialise on it. */
  private volatile GraphFunction predict;
  /**
   * Set when a layer needs a dimension the model's inputs leave unknown (an RNN's steps): the
   * functions are then traced per concrete input shape, keyed by {@link #dims}.
   */
  private volatile boolean perShape;
  private final Map<List<List<Long>>, GraphFunction> shapedPredicts = new ConcurrentHashMap<>();

  /**
   * Functions for {@code model} on inputs of {@code inputShapes} (batch first), compiled by XLA
   * if {@code jitCompile}.
   */
  GraphSteps(Model model, List<Shape> inputShapes, int intraOpThreads, int interOpThreads,
      boolean jitCompile) {
    this.model = model;
    this.inputShapes = List.copyOf(inputShapes);
    this.inputDtypes = model.inputDtypes();
    this.graph = new ModelGraph(intraOpThreads, interOpThreads, jitCompile);
  }

  /** The predict function, traced on first use (which also builds the model's layers). */
  GraphFunction predictFunction() {
    GraphFunction traced = predict;
    if (traced != null) {
      return traced;
    }
    return graph.building(() -> {
      if (predict == null) {
        predict = tracePredict(inputShapes);
      }
      return predict;
    });
  }

  /**
   * The predict function for inputs of {@code dataShapes} (batch first): the one for the
   * model's input shapes, or, when a layer needs what those leave unknown, one traced for these.
   */
  GraphFunction predictFunction(List<Shape> dataShapes) {
    if (!perShape || dataShapes == null) {
      try {
        return predictFunction();
      } catch (UnknownDimensionException e) {
        switchToPerShape(e, dataShapes);
      }
    }
    List<Shape> concrete = concrete(dataShapes);
    GraphFunction traced = shapedPredicts.get(dims(concrete));
    return traced != null ? traced : graph.building(() ->
        shapedPredicts.computeIfAbsent(dims(concrete), key -> tracePredict(concrete)));
  }

  /**
   * Builds the model's layers by tracing a predict function: the one for the model's input
   * shapes or, when a layer needs what those leave unknown, one for length 1 in each unknown
   * dimension (an RNN's weights do not depend on its number of steps).
   */
  void buildLayers() {
    // The model's input shapes, each unknown sample dimension 1.
    List<Shape> ones = inputShapes.stream().map(s -> Shapes.withBatch(
        Shape.of(Arrays.stream(s.asArray()).map(d -> d < 0 ? 1 : d).toArray()), -1)).toList();
    predictFunction(ones);
  }

  private GraphFunction tracePredict(List<Shape> shapes) {
    return GraphFunction.trace(graph, shapes, inputDtypes, false, inputs -> {
      List<KerasTensor> x = wrap(inputs);
      List<KerasTensor> outputs = model.multiIo()
          ? model.predictStep(x) : List.<KerasTensor>of(model.predictStep(x.get(0)));
      return outputs.stream().map(GraphSteps::asFloats).map(CoreBridge::tensor).toList();
    });
  }

  /**
   * Traces per concrete shape from now on, if the model's inputs have unknown sample
   * dimensions and {@code dataShapes} know them; else rethrows {@code e}.
   */
  private void switchToPerShape(UnknownDimensionException e, List<Shape> dataShapes) {
    boolean unknownSamples = inputShapes.stream().anyMatch(s -> Shapes.sample(s)
        .hasUnknownDimension());
    if (!unknownSamples || dataShapes == null
        || concrete(dataShapes).stream().anyMatch(s -> Shapes.sample(s).hasUnknownDimension())) {
      throw e;
    }
    perShape = true;
  }

  /** {@code dataShapes} with an unknown batch dimension, rank 1 as a column (as fed). */
  private static List<Shape> concrete(List<Shape> dataShapes) {
    return dataShapes.stream().map(s -> s.numDimensions() == 1 ? Shape.of(-1, 1)
        : Shapes.withBatch(s, -1)).toList();
  }

  /** Shapes as lists: TF Java's {@code Shape.equals} is false when a dimension is unknown. */
  private static List<List<Long>> dims(List<Shape> shapes) {
    return shapes.stream().map(s -> Arrays.stream(s.asArray()).boxed().toList()).toList();
  }

  /**
   * Predictions come back as float32 arrays: integer and bool outputs (a lookup layer's ids) are
   * cast, as their values fit; strings cannot be.
   */
  private static KerasTensor asFloats(KerasTensor output) {
    if (output.dtype().equals("string")) {
      throw new IllegalArgumentException("The model outputs strings (an inverted lookup layer?);"
          + " predict returns float32 arrays: call the layer on the predicted ids instead");
    }
    return output.dtype().equals("float32") ? output : Ops.cast(output, "float32");
  }

  /** The output shapes of the predict function (batch first), one per output. */
  List<Shape> outputShapes() {
    return outputShapes(null);
  }

  /** The output shapes (batch first) for inputs of {@code dataShapes} (null: the model's). */
  List<Shape> outputShapes(List<Shape> dataShapes) {
    GraphFunction function = predictFunction(dataShapes);
    List<Shape> shapes = new ArrayList<>();
    for (int i = 0; i < function.outputCount(); i++) {
      shapes.add(function.outputShape(i));
    }
    return shapes;
  }

  /** Predictions for all of {@code data} (one array per input), {@code batchSize} samples a run. */
  List<FloatNdArray> predict(List<HostArray> data, int batchSize) {
    GraphFunction function = predictFunction(data.stream().map(HostArray::shape).toList());
    int n = data.get(0).samples();
    int count = function.outputCount();
    // One heap array per output, sized by the first batch (an output of unknown sample size,
    // from an input of unknown spatial size, is known then); a single batch's arrays are the
    // predictions themselves.
    Shape[] shapes = new Shape[count];
    float[][] all = new float[count][];
    int[] rowSizes = new int[count];
    for (int k = 0; k < count; k++) {
      shapes[k] = Shapes.withBatch(function.outputShape(k), n);
      if (n == 0) {
        sizeOutput(k, shapes, all, rowSizes, n);
      }
    }
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      GraphFunction.Fetched batch;
      weights.readLock().lock();
      try {
        batch = function.runRows(data, from, to);
      } finally {
        weights.readLock().unlock();
      }
      for (int k = 0; k < count; k++) {
        if (all[k] == null) {
          shapes[k] = Shapes.withBatch(batch.shapes()[k], n);
          if (to - from == n) {
            all[k] = batch.values()[k];
            continue;
          }
          sizeOutput(k, shapes, all, rowSizes, n);
        }
        System.arraycopy(batch.values()[k], 0, all[k], from * rowSizes[k],
            (to - from) * rowSizes[k]);
      }
    }
    List<FloatNdArray> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(NdArrays.wrap(shapes[k], DataBuffers.of(all[k], false, false)));
    }
    return out;
  }

  /** Allocates output {@code k} of {@code shapes[k]} (no values when unknown and empty). */
  private static void sizeOutput(int k, Shape[] shapes, float[][] all, int[] rowSizes, int n) {
    if (shapes[k].hasUnknownDimension()) {
      // No batch to size an output of unknown sample size by: its unknown dimensions are 0.
      long[] dims = shapes[k].asArray();
      for (int i = 0; i < dims.length; i++) {
        dims[i] = Math.max(dims[i], 0);
      }
      shapes[k] = Shape.of(dims);
    }
    all[k] = new float[Math.toIntExact(shapes[k].size())];
    rowSizes[k] = n == 0 ? 0 : all[k].length / n;
  }

  /** The predictions for one batch's tensors (one per input), row-major, one per output. */
  List<float[]> predictBatch(TType[] batch) {
    // The tensors' shapes are native queries: asked only when functions are traced per shape.
    GraphFunction function = predictFunction(perShape
        ? java.util.Arrays.stream(batch).map(TType::shape).toList() : null);
    weights.readLock().lock();
    try (Result result = function.run(batch)) {
      List<float[]> outputs = new ArrayList<>();
      for (int k = 0; k < function.outputCount(); k++) {
        TFloat32 out = (TFloat32) result.get(k);
        float[] values = new float[Math.toIntExact(out.shape().size())];
        out.asRawTensor().data().asFloats().read(values);
        outputs.add(values);
      }
      return outputs;
    } finally {
      weights.readLock().unlock();
    }
  }


  /**
   * The training step for inputs of {@code xShapes} (the first batch's, batch first) and labels
   * of {@code labelShapes}, up to {@code steps} batches a run; with {@code weighted}, it also
   * takes one array of sample weights per output and runs {@link Model#trainStep(List, List,
   * List)}.
   */
  Step trainStep(List<Shape> xShapes, List<Shape> labelShapes, boolean weighted, int steps) {
    return step(trainSteps, xShapes, labelShapes, weighted, steps, (x, y, sw) -> sw != null
        ? model.trainStep(x, y, sw)
        : model.multiIo() ? model.trainStep(x, y) : model.trainStep(x.get(0), y.get(0)));
  }

  /** The evaluation step, as {@link #trainStep} for {@link Model#testStep}. */
  Step testStep(List<Shape> xShapes, List<Shape> labelShapes, boolean weighted, int steps) {
    return step(testSteps, xShapes, labelShapes, weighted, steps, (x, y, sw) -> sw != null
        ? model.testStep(x, y, sw)
        : model.multiIo() ? model.testStep(x, y) : model.testStep(x.get(0), y.get(0)));
  }

  /** Forgets the step functions (after a new compile); the graph keeps the old ops unused. */
  void clearSteps() {
    graph.building(() -> {
      trainSteps.clear();
      testSteps.clear();
      return null;
    });
  }

  private Step step(Map<StepKey, Step> cache, List<Shape> xShapes, List<Shape> labelShapes,
      boolean weighted, int steps, StepBody body) {
    return graph.building(() -> {
      model.trainer().resolveMetrics(labelShapes, outputShapes(xShapes));
      return cache.computeIfAbsent(StepKey.of(labelShapes, weighted, steps), key -> {
        List<String> names = new ArrayList<>();
        Step step = new Step(names, x -> {
          Map<Integer, GraphFunction> programs = new HashMap<>();
          for (int count : new int[] {1, steps}) {
            programs.computeIfAbsent(count, n -> unrolled(x, n, labelShapes, weighted, body,
                names));
          }
          return programs;
        }, steps);
        if (perShape) {
          step.programs(concrete(xShapes));
        } else {
          step.general = step.programs(inputShapes);
        }
        return step;
      });
    });
  }

  // `count` steps on batches stacked along the batch axis: each step reads the weights the one
  // before it wrote (the trace orders their updates); the last step's logs are fetched.
  private GraphFunction unrolled(List<Shape> xShapes, int count, List<Shape> labelShapes,
      boolean weighted, StepBody body, List<String> names) {
    List<Shape> shapes = new ArrayList<>(xShapes);
    shapes.addAll(labelShapes);
    int xCount = xShapes.size();
    int yCount = labelShapes.size();
    if (weighted) {
      // One weight per sample and output, fed as a column as rank-1 data is.
      shapes.addAll(Collections.nCopies(yCount, Shape.of(-1, 1)));
    }
    List<DType> dtypes = new ArrayList<>(inputDtypes);
    dtypes.addAll(Collections.nCopies(shapes.size() - xCount, DType.FLOAT32));
    return GraphFunction.trace(graph, shapes, dtypes, false, inputs -> {
      // parts.get(i).get(k): batch k of tensor i (the inputs, the labels, the sample weights).
      List<List<KerasTensor>> parts = wrap(inputs).stream().map(t -> parts(t, count)).toList();
      Map<String, KerasTensor> logs = Map.of();
      for (int k = 0; k < count; k++) {
        int batch = k;
        List<KerasTensor> batches = parts.stream().map(p -> p.get(batch)).toList();
        List<KerasTensor> sw = weighted ? batches.subList(xCount + yCount, batches.size())
            .stream().map(w -> Ops.reshape(w, -1)).toList() : null;
        logs = body.apply(batches.subList(0, xCount), batches.subList(xCount, xCount + yCount),
            sw);
      }
      names.clear();
      names.addAll(logs.keySet());
      List<Tensor> fetches = new ArrayList<>();
      // Logs are numbers: a per-class result (F1Score without averaging) is logged as its mean,
      // the number Keras's progress bar prints for it.
      logs.values().forEach(value -> fetches.add(CoreBridge.tensor(
          value.shape().numDimensions() == 0 ? value : Ops.mean(value))));
      return fetches;
    });
  }

  private static List<KerasTensor> parts(KerasTensor stacked, int count) {
    return count == 1 ? List.of(stacked) : Ops.split(stacked, count);
  }

  private static List<KerasTensor> wrap(List<Tensor> tensors) {
    return tensors.stream().map(t -> CoreBridge.<KerasTensor>kerasTensor(t)).toList();
  }

  /**
   * A step's body: the inputs', the labels' and the sample weights' (null: none) tensors of one
   * batch to the logs.
   */
  private interface StepBody {
    Map<String, KerasTensor> apply(
        List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> sampleWeight);
  }

  /**
   * One training or evaluation step, built into the model's graph: it feeds one batch, or {@code
   * stepsPerExecution} batches stacked along the batch axis, runs their updates in order and
   * fetches the logs accumulated so far in the epoch, all in one native call.
   */
  final class Step {
    // Filled by the traces (under the graph's lock); the same names for every input shape.
    private final List<String> names;
    private final Function<List<Shape>, Map<Integer, GraphFunction>> tracer;
    private final Map<List<List<Long>>, Map<Integer, GraphFunction>> programs =
        new ConcurrentHashMap<>();
    private final int stepsPerExecution;
    // The programs for the model's input shapes, unless traced per shape: no lookup per run.
    private Map<Integer, GraphFunction> general;

    private Step(List<String> names,
        Function<List<Shape>, Map<Integer, GraphFunction>> tracer,
        int steps) {
      this.names = names;
      this.tracer = tracer;
      this.stepsPerExecution = steps;
    }

    /** The programs for inputs of {@code xShapes} (batch unknown), traced on first use. */
    private Map<Integer, GraphFunction> programs(List<Shape> xShapes) {
      Map<Integer, GraphFunction> traced = programs.get(dims(xShapes));
      return traced != null ? traced : graph.building(() ->
          programs.computeIfAbsent(dims(xShapes), key -> Map.copyOf(tracer.apply(xShapes))));
    }

    /** The log names, "loss" first, in the order {@link #run} returns their values. */
    List<String> names() {
      return List.copyOf(names);
    }

    /** The most batches one {@link #run} takes; it also takes a single batch. */
    int stepsPerExecution() {
      return stepsPerExecution;
    }

    /**
     * Runs {@code steps} batches (1 or {@link #stepsPerExecution()}) stacked in the tensors
     * {@code batches}: the inputs', then the labels', then the sample weights' if it takes them.
     * When the model's layers need its inputs' unknown dimensions, the first run on inputs of a
     * new shape traces the step for it.
     */
    double[] run(int steps, TType... batches) {
      Map<Integer, GraphFunction> programs = perShape ? programs(concrete(
          Arrays.stream(batches, 0, inputShapes.size()).map(TType::shape).toList())) : general;
      GraphFunction program = programs.get(steps);
      if (program == null) {
        throw new IllegalArgumentException(
            "This step runs 1 or " + stepsPerExecution + " batches at a time, not " + steps);
      }
      weights.writeLock().lock();
      try (Result result = program.run(batches)) {
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
   * What a step is cached by: the label dimensions (as lists, see {@link #dims}); a step holds
   * its programs for each input shape.
   */
  private record StepKey(List<List<Long>> labelDims, boolean weighted, int stepsPerExecution) {
    static StepKey of(List<Shape> labels, boolean weighted, int stepsPerExecution) {
      return new StepKey(dims(labels), weighted, stepsPerExecution);
    }
  }

  /** The number of operations in the graph (which must not grow with the steps run). */
  int graphSize() {
    return graph.size();
  }

  /** Frees the graph and session; variables keep their last values on the heap. */
  @Override
  public void close() {
    graph.close();
  }
}
