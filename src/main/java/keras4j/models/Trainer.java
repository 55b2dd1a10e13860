package keras4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import keras4j.core.CompileArg;
import keras4j.core.EvaluateArg;
import keras4j.core.FitArg;
import keras4j.core.Kwarg;
import keras4j.core.PredictArg;
import keras4j.core.Shapes;
import keras4j.backend.BatchFeeder;
import keras4j.backend.DType;
import keras4j.backend.HostArray;
import keras4j.backend.StreamFeeder;
import keras4j.data.Dataset;
import keras4j.callbacks.Callback;
import keras4j.callbacks.History;
import keras4j.callbacks.ProgbarLogger;
import keras4j.losses.Loss;
import keras4j.metrics.Mean;
import keras4j.metrics.Metric;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.LossScaleOptimizer;
import keras4j.optimizers.Optimizers;
import keras4j.core.KerasTensor;
import keras4j.utils.RandomSeed;
import keras4j.utils.Threading;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The training loop: Keras's {@code compile}, {@code fit}, {@code evaluate} and {@code predict}
 * for one {@link Model}, as Keras's {@code trainers/trainer.py}. What one step computes is the
 * model's {@link Model#trainStep}/{@link Model#testStep}/{@link Model#predictStep}; how it is
 * traced and run lives in {@link GraphSteps}.
 */
final class Trainer {
  private static final Set<String> COMPILE_ARGS =
      Set.of("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics",
          "steps_per_execution", "jit_compile", "auto_scale_loss");
  private static final Set<String> FIT_ARGS =
      Set.of("epochs", "batch_size", "verbose", "shuffle", "validation_split", "validation_data",
          "callbacks", "initial_epoch", "validation_batch_size", "validation_freq",
          "steps_per_epoch", "validation_steps", "sample_weight", "class_weight");
  private static final Set<String> EVALUATE_ARGS =
      Set.of("batch_size", "verbose", "callbacks", "return_dict", "steps", "sample_weight");
  private static final Set<String> PREDICT_ARGS =
      Set.of("batch_size", "verbose", "callbacks", "steps");
  private static final int DEFAULT_BATCH_SIZE = 32;

  private final Model model;
  private GraphSteps steps;
  private Optimizer optimizer;
  private CompileLoss compileLoss;
  private CompileMetrics compileMetrics;
  private Map<String, Object> compileSpecs = Map.of();
  private Mean lossTracker = new Mean("loss");
  private int stepsPerExecution = 1;
  private boolean jitCompile;
  private boolean compiled;
  private boolean stopTraining;
  private Integer resumedEpoch;

  Trainer(Model model) {
    this.model = model;
  }

  void compile(CompileArg... args) {
    Map<String, Object> kw = Kwarg.parse("compile", COMPILE_ARGS, args);
    Object opt = kw.getOrDefault("optimizer", "rmsprop");
    optimizer = opt instanceof Optimizer given ? given : Optimizers.get((String) opt);
    if ((Boolean) kw.getOrDefault("auto_scale_loss", true)
        && model.dtypePolicy().name().equals("mixed_float16")
        && !(optimizer instanceof LossScaleOptimizer)) {
      // As Keras's compile (auto_scale_loss): float16 gradients underflow without loss scaling.
      optimizer = new LossScaleOptimizer(optimizer, new Kwarg("name", "loss_scale_optimizer"));
    }
    // As Keras, the loss may be left out when an overridden trainStep computes its own.
    List<String> outputs = model.dataOutputNames();
    compileLoss = CompileLoss.of(kw.get("loss"), kw.get("loss_weights"), outputs, model.name());
    compileMetrics = CompileMetrics.of(
        kw.get("metrics"), kw.get("weighted_metrics"), outputs, model.name());
    compileSpecs = kw;
    compiled = true;
    stepsPerExecution = (Integer) kw.getOrDefault("steps_per_execution", 1);
    lossTracker = new Mean("loss");
    boolean jit = (Boolean) kw.getOrDefault("jit_compile", false);
    if (steps != null && jit != jitCompile) {
      close(); // the session's XLA setting is fixed when it is made: a new graph
    } else if (steps != null) {
      steps.clearSteps();
    }
    jitCompile = jit;
  }

  Optimizer optimizer() {
    return optimizer;
  }

  /** The one loss compiled for every output, or null (see {@link CompileLoss#single}). */
  Loss loss() {
    return compileLoss == null ? null : compileLoss.single();
  }

  /** The compiled metrics as given, output by output. */
  List<Metric> metrics() {
    return compileMetrics == null ? List.of() : compileMetrics.given();
  }

  /**
   * {@code compile}'s {@code loss}, {@code loss_weights} or {@code metrics} as given (a list or
   * a map per output for a model of several), or null if not given.
   */
  Object compileSpec(String key) {
    return compileSpecs.get(key);
  }

  /** The compiled losses, or null before compile. */
  CompileLoss compileLoss() {
    return compileLoss;
  }

  /** The compiled metrics, or null before compile. */
  CompileMetrics compileMetrics() {
    return compileMetrics;
  }


  boolean stopTraining() {
    return stopTraining;
  }

  void setStopTraining(boolean stop) {
    stopTraining = stop;
  }

  void setInitialEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("The initial epoch must be >= 0, got " + epoch);
    }
    resumedEpoch = epoch;
  }

  History fit(Object xData, Object yData, FitArg... args) {
    Map<String, Object> kw = Kwarg.parse("fit", FIT_ARGS, args);
    checkCompiled("fit");
    for (String streamOnly : List.of("steps_per_epoch", "validation_steps")) {
      if (kw.containsKey(streamOnly)) {
        throw new IllegalArgumentException(streamOnly + " applies to a Dataset; fit on arrays"
            + " runs ceil(samples / batchSize) steps per epoch: leave it out, or pass"
            + " Dataset.fromArrays(x, y).batch(n).repeat()");
      }
    }
    if (kw.get("validation_data") instanceof Dataset) {
      throw new IllegalArgumentException("validationData(dataset) needs training data from a"
          + " Dataset too: pass Dataset.fromArrays(x, y).batch(n), or validationData(xVal, yVal)");
    }
    ArrayData data = ArrayData.of(model, xData, yData, kw.get("sample_weight"),
        (Map<?, ?>) kw.get("class_weight"), "");
    double split = (Double) kw.getOrDefault("validation_split", 0.0);
    ArrayData validation = null;
    if (kw.containsKey("validation_data")) {
      Object[] val = (Object[]) kw.get("validation_data");
      validation = ArrayData.of(model, val[0], val[1], val.length > 2 ? val[2] : null, null,
          "validation ");
    } else if (split > 0) {
      // As Keras: the last fraction of the data, taken before shuffling.
      int samples = data.samples();
      int trainCount = (int) Math.floor(samples * (1 - split));
      if (trainCount == 0 || trainCount == samples) {
        // As Keras: a split that leaves one side empty is refused, not trained on.
        throw new IllegalArgumentException("Training data contains " + samples
            + " samples, which is not sufficient to split it into a validation and training set"
            + " as specified by validationSplit(" + split + "). Either provide more data, or a"
            + " different value for validationSplit");
      }
      validation = data.slice(trainCount, samples);
      data = data.slice(0, trainCount);
    }
    int batchSize = (Integer) kw.getOrDefault("batch_size", DEFAULT_BATCH_SIZE);
    boolean shuffle = (Boolean) kw.getOrDefault("shuffle", true);
    GraphSteps.Step train = steps(data).trainStep(feedShapes(data), checkedLabels(data),
        !data.sampleWeights().isEmpty(), stepsPerExecution);
    SplittableRandom random = new SplittableRandom(RandomSeed.next());
    int[] order = identity(data.samples());
    ArrayData validationData = validation;
    try (BatchFeeder feeder = new BatchFeeder(data.all())) {
      return train(kw, ceilDiv(data.samples(), batchSize), callbacks -> {
        if (shuffle) {
          shuffleInPlace(order, random);
        }
        return runBatches(train, feeder, order, batchSize, () -> stopTraining,
            callbacks::onTrainBatchBegin, callbacks::onTrainBatchEnd);
      }, validation == null ? null : callbacks -> runTest(validationData,
          (Integer) kw.getOrDefault("validation_batch_size", batchSize), callbacks));
    }
  }

  /**
   * Trains on a dataset, as Keras's {@code fit} given a {@code tf.data.Dataset}, a generator or
   * a {@code PyDataset}: its batches are read as they come, and {@code fit}'s {@code batchSize}
   * does not apply ({@code shuffle} only reorders a PyDataset's batches).
   */
  History fit(Dataset data, FitArg... args) {
    Map<String, Object> kw = Kwarg.parse("fit", FIT_ARGS, args);
    checkCompiled("fit");
    refuseWeights(kw, "fit");
    if (kw.containsKey("validation_split")) {
      throw new IllegalArgumentException("validationSplit is only supported for arrays, not a"
          + " Dataset: pass the validation batches as validationData(otherDataset)");
    }
    Object val = kw.get("validation_data");
    if (val != null && !(val instanceof Dataset)) {
      throw new IllegalArgumentException("fit on a Dataset takes validation data as a Dataset:"
          + " validationData(Dataset.fromArrays(xVal, yVal).batch(n))");
    }
    Integer trainSteps = (Integer) kw.get("steps_per_epoch");
    boolean shuffle = (Boolean) kw.getOrDefault("shuffle", true);
    SplittableRandom random = new SplittableRandom(RandomSeed.next());
    try (DatasetFeed feed = new DatasetFeed(data, trainSteps, shuffle ? random : null, "", true,
            model, stepsPerExecution, (Map<?, ?>) kw.get("class_weight"));
        DatasetFeed validation = val == null ? null : new DatasetFeed((Dataset) val,
            (Integer) kw.get("validation_steps"), null, "validation ", true, model,
            stepsPerExecution, null)) {
      GraphSteps.Step train = steps(feed.xShapes())
          .trainStep(feed.xShapes(), checkedLabels(feed), feed.weighted(), stepsPerExecution);
      int[] epochsRun = {0};
      return train(kw, feed.knownSteps(), callbacks -> {
        feed.beginEpoch();
        Map<String, Double> logs = runStream(train, feed, () -> stopTraining,
            callbacks::onTrainBatchBegin, callbacks::onTrainBatchEnd);
        if (feed.endEpoch() == 0) {
          throw new IllegalStateException("Epoch " + (epochsRun[0] + 1) + " read no batch from"
              + " the dataset: it ran out. Make sure it can give stepsPerEpoch * epochs batches"
              + " (Dataset.repeat() repeats it), or leave out stepsPerEpoch");
        }
        epochsRun[0]++;
        return logs;
      }, validation == null ? null : callbacks -> runTest(validation, callbacks));
    }
  }

  /**
   * Keras's epoch loop: callbacks, {@code History}, {@code epoch(callbacks)} for each epoch's
   * logs, then {@code validate} (if any) for its {@code val_} logs.
   */
  private History train(Map<String, Object> kw, int stepsPerEpoch,
      Function<CallbackList, Map<String, Double>> epoch,
      Function<CallbackList, Map<String, Double>> validate) {
    int epochs = (Integer) kw.getOrDefault("epochs", 1);
    int initialEpoch = (Integer) kw.getOrDefault("initial_epoch", 0);
    CallbackList callbacks = callbacks(kw, epochs, stepsPerEpoch);
    History history = new History();
    callbacks.add(history);
    callbacks.setModel(model);
    stopTraining = false;
    resumedEpoch = null;
    callbacks.onTrainBegin();
    // A callback (BackupAndRestore) may have moved the start, as Keras's model._initial_epoch.
    int firstEpoch = resumedEpoch != null ? resumedEpoch : initialEpoch;
    for (int e = firstEpoch; e < epochs && !stopTraining; e++) {
      callbacks.onEpochBegin(e);
      resetMetrics();
      Map<String, Double> epochLogs = new LinkedHashMap<>(epoch.apply(callbacks));
      if (validate != null && shouldValidate(e, kw.getOrDefault("validation_freq", 1))) {
        // As Keras 3's fit, which evaluates with its own callbacks: their test hooks fire (the
        // progress bar ignores them inside fit; TensorBoard logs evaluation_*_vs_iterations).
        validate.apply(callbacks).forEach((name, value) -> epochLogs.put("val_" + name, value));
      }
      callbacks.onEpochEnd(e, epochLogs);
    }
    if (epochs > 0) {
      // Keras's fit: with useEma, the weights become their moving averages.
      optimizer.finalizeVariableValues(model.trainableVariables());
    }
    callbacks.onTrainEnd();
    return history;
  }

  /**
   * A dataset's batches carry their own sample weights: {@code fit}'s argument for them is
   * refused rather than ignored, as Keras refuses {@code sample_weight} with a dataset ({@code
   * classWeight} applies to a dataset's labels, in {@code fit} only).
   */
  private static void refuseWeights(Map<String, Object> kw, String method) {
    if (kw.containsKey("sample_weight")) {
      throw new IllegalArgumentException(method + " on a Dataset does not take sampleWeight:"
          + " put the weights in the batches, Batch.of(x, y, weights) or"
          + " Dataset.fromArrays(x, y, weights)");
    }
  }

  Map<String, Double> evaluate(Object xData, Object yData, EvaluateArg... args) {
    Map<String, Object> kw = Kwarg.parse("evaluate", EVALUATE_ARGS, args);
    checkCompiled("evaluate");
    ArrayData data = ArrayData.of(model, xData, yData, kw.get("sample_weight"), null, "");
    int batchSize = (Integer) kw.getOrDefault("batch_size", DEFAULT_BATCH_SIZE);
    CallbackList callbacks = callbacks(kw, 0, ceilDiv(data.samples(), batchSize));
    callbacks.setModel(model);
    return returned(kw, runTest(data, batchSize, callbacks));
  }

  /** Keras's return_dict=True gives its sorted dict; otherwise its list's order, loss first. */
  private static Map<String, Double> returned(Map<String, Object> kw, Map<String, Double> logs) {
    return (Boolean) kw.getOrDefault("return_dict", false)
        ? new LinkedHashMap<>(new java.util.TreeMap<>(logs)) : logs;
  }

  /** Keras's {@code _should_eval}: every n-th epoch, or the listed (1-based) epochs. */
  private static boolean shouldValidate(int epoch, Object frequency) {
    return frequency instanceof Integer every ? (epoch + 1) % every == 0
        : ((List<?>) frequency).contains(epoch + 1);
  }

  /** Loss and metrics over a dataset's batches ({@code steps} of them, or to its end). */
  Map<String, Double> evaluate(Dataset data, EvaluateArg... args) {
    Map<String, Object> kw = Kwarg.parse("evaluate", EVALUATE_ARGS, args);
    checkCompiled("evaluate");
    refuseWeights(kw, "evaluate");
    try (DatasetFeed feed = new DatasetFeed(data, (Integer) kw.get("steps"), null, "", true,
        model, stepsPerExecution, null)) {
      CallbackList callbacks = callbacks(kw, 0, feed.knownSteps());
      callbacks.setModel(model);
      return returned(kw, runTest(feed, callbacks));
    }
  }

  private Map<String, Double> runTest(DatasetFeed feed, CallbackList callbacks) {
    GraphSteps.Step test = steps(feed.xShapes())
        .testStep(feed.xShapes(), checkedLabels(feed), feed.weighted(), stepsPerExecution);
    resetMetrics();
    callbacks.onTestBegin();
    feed.beginEpoch();
    Map<String, Double> logs = runStream(test, feed, () -> false,
        callbacks::onTestBatchBegin, callbacks::onTestBatchEnd);
    feed.endEpoch();
    callbacks.onTestEnd(logs);
    return logs;
  }

  /**
   * Runs {@code step} over the groups of batches of one epoch of {@code feed}, reading the next
   * group while TensorFlow runs the current one; the batch hooks as {@link #runBatches}.
   */
  private Map<String, Double> runStream(GraphSteps.Step step, DatasetFeed feed,
      BooleanSupplier stop, IntConsumer batchBegin,
      BiConsumer<Integer, Map<String, Double>> batchEnd) {
    Map<String, Double> logs = Map.of();
    int first = 0;
    for (StreamFeeder.Fed fed = feed.next(); fed != null && !stop.getAsBoolean();
        fed = feed.next()) {
      batchBegin.accept(first);
      feed.prefetch();
      logs = logs(step.names(), step.run(fed.batches(), fed.tensors()));
      first += fed.batches();
      batchEnd.accept(first - 1, logs);
    }
    return logs;
  }

  private Map<String, Double> runTest(ArrayData data, int batchSize, CallbackList callbacks) {
    GraphSteps.Step test = steps(data).testStep(feedShapes(data), checkedLabels(data),
        !data.sampleWeights().isEmpty(), stepsPerExecution);
    resetMetrics();
    callbacks.onTestBegin();
    Map<String, Double> logs;
    try (BatchFeeder feeder = new BatchFeeder(data.all())) {
      logs = runBatches(test, feeder, null, batchSize, () -> false,
          callbacks::onTestBatchBegin, callbacks::onTestBatchEnd);
    }
    callbacks.onTestEnd(logs);
    return logs;
  }

  /**
   * Runs {@code step} over the samples in {@code order} (null: as stored), {@code batchSize} per
   * batch and {@link GraphSteps.Step#stepsPerExecution()} batches per native call while whole
   * batches remain, then one by one, copying the next batches while TensorFlow runs the current
   * ones; as Keras, the batch hooks see the first and the last batch of each call. Returns the
   * logs of the last call.
   */
  private Map<String, Double> runBatches(GraphSteps.Step step, BatchFeeder feeder, int[] order,
      int batchSize, BooleanSupplier stop, IntConsumer batchBegin,
      BiConsumer<Integer, Map<String, Double>> batchEnd) {
    int samples = feeder.samples();
    int steps = ceilDiv(samples, batchSize);
    int wholeBatches = samples / batchSize;
    int most = step.stepsPerExecution();
    IntUnaryOperator stepsAt = first -> first + most <= wholeBatches ? most : 1;
    Map<String, Double> logs = Map.of();
    for (int first = 0; first < steps && !stop.getAsBoolean(); ) {
      int count = stepsAt.applyAsInt(first);
      batchBegin.accept(first);
      int from = first * batchSize;
      TType[] batch = feeder.rows(order, from, Math.min(samples, from + count * batchSize));
      int next = first + count;
      if (next < steps) {
        int nextFrom = next * batchSize;
        feeder.prefetch(order, nextFrom,
            Math.min(samples, nextFrom + stepsAt.applyAsInt(next) * batchSize));
      }
      logs = logs(step.names(), step.run(count, batch));
      first = next;
      batchEnd.accept(first - 1, logs);
    }
    return logs;
  }

  /** The predictions for {@code xData}, one array per output. */
  List<FloatNdArray> predict(Object xData, PredictArg... args) {
    Map<String, Object> kw = Kwarg.parse("predict", PREDICT_ARGS, args);
    ArrayData data = ArrayData.of(model, xData, null, "");
    int batchSize = (Integer) kw.getOrDefault("batch_size", DEFAULT_BATCH_SIZE);
    CallbackList callbacks = callbacks(kw, 0, 0);
    callbacks.setModel(model);
    callbacks.onPredictBegin();
    List<FloatNdArray> predictions = predictions(data, batchSize);
    callbacks.onPredictEnd();
    return predictions;
  }

  /** The predictions for {@code xData} in one run, no callbacks (Keras's predict_on_batch). */
  List<FloatNdArray> predictOnBatch(Object xData) {
    ArrayData data = ArrayData.of(model, xData, null, "");
    return predictions(data, Math.max(1, data.samples()));
  }

  private List<FloatNdArray> predictions(ArrayData data, int batchSize) {
    return data.samples() == 0 && data.x().stream()
        .anyMatch(a -> a.shape().numDimensions() < 2) ? emptyPredictions()
        : steps(data).predict(data.x(), batchSize);
  }

  /**
   * The predictions for a dataset's batches ({@code steps} of them, or to its end), in order,
   * one array per output.
   */
  List<FloatNdArray> predict(Dataset data, PredictArg... args) {
    Map<String, Object> kw = Kwarg.parse("predict", PREDICT_ARGS, args);
    try (DatasetFeed feed = new DatasetFeed(data, (Integer) kw.get("steps"), null, "", false,
        model, 1, null)) {
      GraphSteps graphSteps = steps(feed.xShapes());
      CallbackList callbacks = callbacks(kw, 0, 0);
      callbacks.setModel(model);
      callbacks.onPredictBegin();
      feed.beginEpoch();
      List<List<float[]>> chunks = new ArrayList<>();
      long rows = 0;
      for (StreamFeeder.Fed fed = feed.next(); fed != null; fed = feed.next()) {
        feed.prefetch();
        chunks.add(graphSteps.predictBatch(fed.tensors()));
        rows += fed.tensors()[0].shape().get(0);
      }
      feed.endEpoch();
      List<Shape> outputShapes = graphSteps.outputShapes(feed.xShapes());
      List<FloatNdArray> predictions = new ArrayList<>();
      for (int k = 0; k < outputShapes.size(); k++) {
        predictions.add(joined(chunks, k, Shapes.withBatch(outputShapes.get(k), rows)));
      }
      callbacks.onPredictEnd();
      return predictions;
    }
  }

  /** Output {@code k} of every batch's predictions, joined into one array of {@code shape}. */
  private FloatNdArray joined(List<List<float[]>> chunks, int k, Shape shape) {
    long values = chunks.stream().mapToLong(chunk -> chunk.get(k).length).sum();
    if (shape.hasUnknownDimension() || shape.size() != values) {
      throw new IllegalArgumentException("predict on a dataset joins the batches' predictions,"
          + " but model '" + model.name() + "' gives predictions of shape "
          + Shapes.toKeras(shape) + ", of dimensions unknown or differing from batch to batch"
          + " (returnSequences on sequences of several lengths?): predict each batch's x");
    }
    float[] all = new float[Math.toIntExact(shape.size())];
    int at = 0;
    for (List<float[]> chunk : chunks) {
      System.arraycopy(chunk.get(k), 0, all, at, chunk.get(k).length);
      at += chunk.get(k).length;
    }
    return NdArrays.wrap(shape, DataBuffers.of(all, false, false));
  }

  /**
   * No predictions for an empty batch that records no sample shape (a Java {@code float[0][f]}
   * has no row to show its {@code f}): empty arrays of the model's output shapes.
   */
  private List<FloatNdArray> emptyPredictions() {
    List<Shape> inputs = model.inputShapes();
    if (inputs == null) {
      throw new IllegalArgumentException("x is empty and model '" + model.name() + "' has not"
          + " been built, so the shape of its predictions is unknown: give its first layer an"
          + " inputShape(...), or x as an NdArray of shape [0, ...]");
    }
    return steps(inputs).outputShapes().stream()
        .map(shape -> NdArrays.ofFloats(Shapes.withBatch(shape, 0))).toList();
  }

  /** Traces the model now if its input shape is known, so weights and summary exist. */
  void ensureTraced() {
    if (model.graph() != null) {
      return; // a functional model's layers are built with its graph, whatever its inputs
    }
    List<Shape> shapes = model.inputShapes();
    if (shapes != null) {
      steps(shapes).buildLayers();
    }
  }

  Shape outputShape(Shape inputShape) {
    return steps(List.of(inputShape)).outputShapes().get(0);
  }

  /** The shapes of the tensors feeding the inputs, batch unknown. */
  private static List<Shape> feedShapes(ArrayData data) {
    return data.x().stream().map(HostArray::batchShape).toList();
  }

  private GraphSteps steps(ArrayData data) {
    return steps(data.x().stream().map(HostArray::shape).toList());
  }

  /** The model's steps, for inputs of {@code dataShapes} (checked against the model's). */
  private synchronized GraphSteps steps(List<Shape> dataShapes) {
    List<Shape> samples = new ArrayList<>();
    List<Shape> expected = model.inputShapes();
    List<String> names = model.dataInputNames();
    for (int i = 0; i < dataShapes.size(); i++) {
      Shape shape = dataShapes.get(i);
      Shape sample = shape.numDimensions() == 1 ? Shape.of(-1, 1) : Shapes.withBatch(shape, -1);
      if (expected != null && !Shapes.samplesCompatible(expected.get(i), sample)) {
        boolean one = names.size() == 1;
        throw new IllegalArgumentException("Model '" + model.name() + "' expects "
            + (one ? "inputs" : "input '" + names.get(i) + "'") + " of shape "
            + Shapes.toKeras(expected.get(i)) + " but " + (one ? "x" : "x['" + names.get(i) + "']")
            + " has samples of shape " + Shapes.toKeras(Shapes.sample(shape))
            + " (" + Shapes.toKeras(shape) + " in all)");
      }
      samples.add(sample);
    }
    if (steps == null) {
      steps = new GraphSteps(model, expected != null ? expected : samples,
          Threading.getIntraOpParallelismThreads(), Threading.getInterOpParallelismThreads(),
          jitCompile);
    }
    return steps;
  }

  /** The label shapes of a dataset's first batch, checked against the losses. */
  private List<Shape> checkedLabels(DatasetFeed feed) {
    List<Shape> labels = feed.yShapes();
    compileLoss.checkLabels(labels, steps(feed.xShapes()).outputShapes(feed.xShapes()),
        model.dataOutputNames());
    return labels;
  }

  /** The labels' batch shapes, checked against the losses. */
  private List<Shape> checkedLabels(ArrayData data) {
    List<Shape> labels = data.y().stream().map(HostArray::batchShape).toList();
    compileLoss.checkLabels(labels, steps(data).outputShapes(feedShapes(data)),
        model.dataOutputNames());
    return labels;
  }

  /**
   * Resolves the compiled metrics against the label and output shapes ("accuracy" depends on
   * them), once per compile: the first step built decides, as Keras's {@code CompileMetrics}.
   */
  void resolveMetrics(List<Shape> labels, List<Shape> outputs) {
    compileMetrics.resolve(labels, outputs);
  }

  /**
   * Keras's {@code model.metrics}: the loss tracker, the compiled metrics (once resolved), then
   * the per-output loss trackers.
   */
  List<Metric> allMetrics() {
    List<Metric> all = new ArrayList<>(List.of(lossTracker));
    if (compiled) {
      all.addAll(compileMetrics.metrics());
      all.addAll(compileLoss.trackers());
    }
    return all;
  }

  /**
   * The logs of a step, in Keras's {@code evaluate} order: {@code loss}, each output's {@code
   * <output>_loss}, then the compiled metrics by log name.
   */
  Map<String, KerasTensor> logs() {
    Map<String, KerasTensor> logs = new LinkedHashMap<>();
    logs.put(lossTracker.name(), lossTracker.result());
    compileLoss.trackers().forEach(tracker -> logs.put(tracker.name(), tracker.result()));
    compileMetrics.byLogName().forEach((name, metric) -> logs.put(name, metric.result()));
    return logs;
  }

  /** The loss tracker, a mean weighted by batch size. */
  Mean lossTracker() {
    return lossTracker;
  }

  /** Starts a new accumulation of every metric (each epoch, each evaluate). */
  void resetMetrics() {
    lossTracker.resetState();
    compileLoss.trackers().forEach(Metric::resetState);
    compileMetrics.resetState();
  }

  private void checkCompiled(String what) {
    if (!compiled) {
      throw new IllegalStateException(
          "You must call compile() before " + what + "(), e.g. model.compile(optimizer(\"adam\"),"
              + " loss(\"sparse_categorical_crossentropy\"), metrics(\"accuracy\"))");
    }
  }

  private CallbackList callbacks(Map<String, Object> kw, int epochs, int steps) {
    // System.console() is a native tty check when there is no console: only without verbose.
    int verbose = kw.containsKey("verbose") ? (Integer) kw.get("verbose")
        : System.console() != null ? 1 : 2;
    CallbackList list = new CallbackList();
    @SuppressWarnings("unchecked")
    List<Callback> given = (List<Callback>) kw.getOrDefault("callbacks", List.of());
    // After the user's callbacks, as Keras, so it prints what they add (e.g. "learning_rate").
    given.forEach(list::add);
    // System.out of this fit, not of the model's creation: a redirect in between is honoured.
    // As Keras's add_progbar=verbose != 0: a silent call (a one-row predict) makes no logger.
    if (verbose != 0) {
      list.add(new ProgbarLogger(verbose, epochs, steps, System.out));
    }
    return list;
  }

  private static Map<String, Double> logs(List<String> names, double[] values) {
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      logs.put(names.get(i), values[i]);
    }
    return logs;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private static void shuffleInPlace(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
  }

  private static int ceilDiv(int a, int b) {
    return (int) ((a + (long) b - 1) / b); // in long: batchSize(Integer.MAX_VALUE) is one batch
  }

  /** Whether compile asked for XLA ({@code jitCompile(true)}). */
  boolean jitCompile() {
    return jitCompile;
  }

  /** The number of operations in the model's graph, 0 before its first run. */
  synchronized int graphSize() {
    return steps == null ? 0 : steps.graphSize();
  }

  synchronized void close() {
    if (steps != null) {
      steps.close();
      steps = null;
    }
  }
}
