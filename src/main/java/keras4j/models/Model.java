package keras4j.models;

import keras4j.backend.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.CompileArg;
import keras4j.core.EvaluateArg;
import keras4j.core.FitArg;
import keras4j.data.Dataset;
import keras4j.core.LayerArg;
import keras4j.core.PredictArg;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.metrics.Metric;
import keras4j.ops.Ops;
import keras4j.tf.GradientTape;
import keras4j.callbacks.History;
import keras4j.callbacks.TrainingModel;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.saving.ConfigReader;
import keras4j.saving.SaveableChild;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;

/**
 * A model, as in Keras: a layer that can be compiled, trained, evaluated and used to predict.
 *
 * <ul>
 *   <li>Functional: {@code new Model(inputs, outputs)} from {@link keras4j.layers.Input} and
 *       layer calls.
 *   <li>Subclassed: extend Model, create layers in the constructor, override {@link
 *       #call(KerasTensor)}; the model is traced on first use.
 *   <li>{@link Sequential}: a stack of layers.
 * </ul>
 *
 * <p>The training API ({@link #compile}, {@link #fit}, {@link #evaluate}, {@link #predict}) is
 * implemented by {@link Trainer}; what one step computes is {@link #trainStep}, {@link #testStep}
 * and {@link #predictStep}, which subclasses may override as in Keras. A model holds a TensorFlow
 * graph and session once it runs: {@link #close()} frees them (the weights stay readable).
 *
 * <p><b>Threads.</b> {@link #predict} may be called from any number of threads at any time,
 * the very first call included: the first caller traces the model while the others wait, and all
 * get the same numbers as one thread would. {@code predict} during {@code fit} (from another
 * thread) sees the weights between two training executions, never half an update (with {@code
 * stepsPerExecution(n)}, between two groups of n steps). Configure the model ({@code compile},
 * {@code setTrainable}, {@code Sequential.add}) from one thread before sharing it; two {@code fit}
 * calls at once on one model do not fail but interleave their steps; do not {@code close()} a
 * model other threads still use.
 */
public class Model extends Layer implements TrainingModel, AutoCloseable {
  private final Functional graph;
  private final Set<Layer> tracedLayers = new LinkedHashSet<>();
  private final Trainer trainer = new Trainer(this);

  /**
   * A functional model from an {@code Input} tensor to an output tensor.
   *
   * @param inputs the model's input, made by {@code Input.shape(...)}
   * @param outputs the tensor the layers compute from {@code inputs}
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(KerasTensor inputs, KerasTensor outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model of several inputs and outputs: the graph of layer calls from {@code
   * inputs} (each from {@code Input}) to {@code outputs}, run in topological order. Layers called
   * more than once share their weights; models among the layers run as nested layers.
   *
   * @param inputs the model's inputs, each made by {@code Input.shape(...)}
   * @param outputs the tensors the layers compute from {@code inputs}
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model of one input and several outputs, in this order: {@code new
   * Model(inputs, List.of(price, category))}.
   *
   * @param inputs the model's input, made by {@code Input.shape(...)}
   * @param outputs the tensors the layers compute from {@code inputs}, in this order
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(KerasTensor inputs, List<KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model whose outputs are named by the map's keys, as Keras's {@code
   * Model(inputs, {"price": ..., "category": ...})}: losses, metrics, labels and {@link
   * #predictNamed} use the keys, and the logs read {@code price_loss}. As Keras flattens a dict,
   * the outputs are in the keys' sorted order.
   *
   * @param inputs the model's input, made by {@code Input.shape(...)}
   * @param outputs the tensors the layers compute from {@code inputs}, by output name
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(KerasTensor inputs, Map<String, KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model of several inputs, in this order, and one output: {@code new
   * Model(List.of(left, right), similarity)}.
   *
   * @param inputs the model's inputs, each made by {@code Input.shape(...)}, in this order
   * @param outputs the tensor the layers compute from {@code inputs}
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(List<KerasTensor> inputs, KerasTensor outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model of inputs named by a map's keys (sorted, as Keras) and one output.
   *
   * @param inputs the model's inputs by name, each made by {@code Input.named(...)}
   * @param outputs the tensor the layers compute from {@code inputs}
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(Map<String, KerasTensor> inputs, KerasTensor outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model with inputs in a list and outputs named by a map's keys.
   *
   * @param inputs the model's inputs, each made by {@code Input.shape(...)}, in this order
   * @param outputs the tensors the layers compute from {@code inputs}, by output name
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(List<KerasTensor> inputs, Map<String, KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model with inputs named by a map's keys (data maps then use the keys; give each
   * {@code Input} the same name, as Keras asks), outputs in a list.
   *
   * @param inputs the model's inputs by name, each made by {@code Input.named(...)}
   * @param outputs the tensors the layers compute from {@code inputs}, in this order
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(Map<String, KerasTensor> inputs, List<KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /**
   * A functional model with inputs and outputs named by the maps' keys (sorted, as Keras).
   *
   * @param inputs the model's inputs by name, each made by {@code Input.named(...)}
   * @param outputs the tensors the layers compute from {@code inputs}, by output name
   * @param args model arguments, e.g. {@code name("encoder")}
   */
  public Model(
      Map<String, KerasTensor> inputs, Map<String, KerasTensor> outputs, LayerArg... args) {
    this(Functional.Tensors.of(inputs), Functional.Tensors.of(outputs), args);
  }

  /** The functional model of {@code inputs} and {@code outputs} as given (their structure kept). */
  Model(Functional.Tensors inputs, Functional.Tensors outputs, LayerArg... args) {
    super(args);
    this.graph = new Functional(inputs, outputs);
    ensureBuilt(graph.inputs().stream().map(KerasTensor::shape).toList());
  }

  /**
   * For subclasses that create their layers in the constructor and override {@code call}.
   *
   * @param args model arguments, e.g. {@code name("my_model")}
   */
  protected Model(LayerArg... args) {
    super(args);
    this.graph = null;
  }

  /**
   * Keras's {@code Functional.from_config}: the functional model a Keras config describes.
   *
   * @param config the model's saved config: its layers and their connections
   * @return a new model with the saved layers, not yet holding the saved weights
   */
  public static Model fromConfig(ConfigReader config) {
    return FunctionalConfig.fromConfig(config);
  }

  /** A model casts nothing itself: its layers cast for their own policies, as Keras's. */
  @Override
  protected Layer.Precision precision() {
    return Layer.Precision.INNER_LAYERS;
  }

  /** A functional model's config lists its layers and how they connect, as Keras's. */
  @Override
  public Map<String, Object> getConfig() {
    return graph != null ? FunctionalConfig.getConfig(this, graph) : super.getConfig();
  }

  /** Keras's class of a model built from inputs and outputs is {@code Functional}. */
  @Override
  public String kerasClassName() {
    return getClass() == Model.class && graph != null ? "Functional" : super.kerasClassName();
  }

  /** The graph of a functional model, null for Sequential and subclassed ones. */
  Functional graph() {
    return graph;
  }

  /** The weights walk: the model's layers, then its optimizer once compiled. */
  @Override
  public List<SaveableChild> saveableChildren() {
    List<SaveableChild> children = new ArrayList<>();
    children.add(SaveableChild.container("layers", layers()));
    if (optimizer() != null) {
      children.add(SaveableChild.of("optimizer", optimizer()));
    }
    return children;
  }

  @Override
  protected String defaultNamePrefix() {
    return getClass() == Model.class ? "functional" : super.defaultNamePrefix();
  }

  /**
   * The forward pass. Functional and Sequential models replay their layers; subclasses override
   * this (and may override {@link #call(KerasTensor, boolean)} to see the training flag).
   *
   * @param inputs the input batch, inside the trace
   * @return the output batch
   */
  public KerasTensor call(KerasTensor inputs) {
    if (graph == null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " extends Model but does not override call(KerasTensor)");
    }
    return graph.run(List.of(inputs)).get(0);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return call(inputs);
  }

  /** A functional model replays its graph on its inputs; the others run {@code call}. */
  @Override
  protected List<KerasTensor> callAll(List<KerasTensor> inputs, boolean training) {
    return graph != null ? graph.run(inputs) : super.callAll(inputs, training);
  }

  /** A model builds its layers as they run. */
  @Override
  protected void build(List<Shape> inputShapes) {}

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    if (graph != null) {
      return graph.outputs().stream().map(KerasTensor::shape).toList();
    }
    return super.computeOutputShapes(inputShapes);
  }

  /** Inside a trace, the layers {@code call} runs are recorded as the model's own. */
  @Override
  protected Set<Layer> trackedLayers() {
    return tracedLayers;
  }

  /**
   * One training step, as Keras's {@code train_step} (override it for a GAN, an extra loss term,
   * several optimizers; {@code fit} then runs yours, with callbacks and the progress bar): the
   * forward pass in training mode under a {@link GradientTape}, {@link #computeLoss}, the loss
   * tracker, the optimizer's update of the trainable variables, {@link #computeMetrics}. It runs
   * once, when {@code fit} traces it; the graph it builds runs for every batch. Returns the logs
   * by name, {@code loss} first. A model of several inputs or outputs runs {@link
   * #trainStep(List, List)} instead.
   *
   * @param x the batch's input samples, one per row
   * @param y the batch's labels, one per sample
   * @return the loss and metric results after the step, keyed by name
   */
  public Map<String, KerasTensor> trainStep(KerasTensor x, KerasTensor y) {
    return trainStep(List.of(x), List.of(y));
  }

  /**
   * One training step of a model of several inputs or outputs: {@code x} has one tensor per
   * input and {@code y} one per output, in the model's order. {@code fit} runs this one for such
   * models, and {@link #trainStep(KerasTensor, KerasTensor)} for the others.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @return the loss and metric results after the step, keyed by name
   */
  public Map<String, KerasTensor> trainStep(List<KerasTensor> x, List<KerasTensor> y) {
    return trainStep(x, y, null);
  }

  /**
   * One training step with sample weights, as Keras's {@code train_step} on {@code (x, y,
   * sample_weight)}: {@code fit} runs this one when given {@code sampleWeight} or {@code
   * classWeight}, which weigh the loss and the {@code weightedMetrics} through {@link
   * #computeLoss(List, List, List, List)} and {@link #computeMetrics(List, List, List, List)}.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param sampleWeight the batch's weights, one tensor of shape {@code (batch,)} per output, or
   *     null for none
   * @return the loss and metric results after the step, keyed by name
   */
  public Map<String, KerasTensor> trainStep(
      List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> sampleWeight) {
    List<Variable> weights = trainableVariables();
    if (weights.isEmpty()) {
      throw new IllegalStateException("Model '" + name() + "' has no trainable weights to fit");
    }
    GradientTape tape = new GradientTape();
    List<KerasTensor> yPred;
    KerasTensor loss;
    KerasTensor scaled;
    try (tape) {
      yPred = applyAll(x, true);
      loss = lossOf(x, y, yPred, sampleWeight);
      // A LossScaleOptimizer's scaled loss (mixed_float16), whose gradients it unscales.
      scaled = optimizer().scaleLoss(loss);
    }
    // As Keras, the loss tracker weighs each batch by its size, whatever the sample weights.
    trainer.lossTracker().updateState(loss, Ops.batchSize(x.get(0)));
    optimizer().applyGradients(tape.gradient(scaled, weights), weights);
    return metricsOf(x, y, yPred, sampleWeight);
  }

  /**
   * One evaluation step, as Keras's {@code test_step}: forward pass, loss, metrics.
   *
   * @param x the batch's input samples, one per row
   * @param y the batch's labels, one per sample
   * @return the loss and metric results after the batch, keyed by name
   */
  public Map<String, KerasTensor> testStep(KerasTensor x, KerasTensor y) {
    return testStep(List.of(x), List.of(y));
  }

  /**
   * One evaluation step of a model of several inputs or outputs, as {@link #trainStep(List,
   * List)}.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @return the loss and metric results so far, keyed by name
   */
  public Map<String, KerasTensor> testStep(List<KerasTensor> x, List<KerasTensor> y) {
    return testStep(x, y, null);
  }

  /**
   * One evaluation step with sample weights, as {@link #trainStep(List, List, List)}.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param sampleWeight the batch's weights, one tensor of shape {@code (batch,)} per output, or
   *     null for none
   * @return the loss and metric results so far, keyed by name
   */
  public Map<String, KerasTensor> testStep(
      List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> sampleWeight) {
    List<KerasTensor> yPred = applyAll(x, false);
    KerasTensor loss = lossOf(x, y, yPred, sampleWeight);
    trainer.lossTracker().updateState(loss, Ops.batchSize(x.get(0)));
    return metricsOf(x, y, yPred, sampleWeight);
  }

  /** The loss through the overridable {@code computeLoss} the step's data calls for. */
  private KerasTensor lossOf(List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> yPred,
      List<KerasTensor> sampleWeight) {
    if (sampleWeight != null) {
      return computeLoss(x, y, yPred, sampleWeight);
    }
    return multiIo() ? computeLoss(x, y, yPred) : computeLoss(x.get(0), y.get(0), yPred.get(0));
  }

  private Map<String, KerasTensor> metricsOf(List<KerasTensor> x, List<KerasTensor> y,
      List<KerasTensor> yPred, List<KerasTensor> sampleWeight) {
    if (sampleWeight != null) {
      return computeMetrics(x, y, yPred, sampleWeight);
    }
    return multiIo()
        ? computeMetrics(x, y, yPred) : computeMetrics(x.get(0), y.get(0), yPred.get(0));
  }

  /**
   * One prediction step, as Keras's {@code predict_step}: the forward pass in inference mode.
   *
   * @param x the batch's input samples, one per row
   * @return the model's outputs for {@code x}
   */
  public KerasTensor predictStep(KerasTensor x) {
    return apply(x, false);
  }

  /**
   * One prediction step of a model of several inputs or outputs: one tensor per output.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @return the predictions, one tensor per output
   */
  public List<KerasTensor> predictStep(List<KerasTensor> x) {
    return applyAll(x, false);
  }

  /**
   * Keras's {@code compute_loss}: the compiled loss reduced as its {@code reduction} says, plus the layers'
   * regularization penalties.
   *
   * @param x the batch's input samples, one per row
   * @param y the batch's labels, one per sample
   * @param yPred the model's outputs for {@code x}
   * @return the scalar loss to minimise
   */
  public KerasTensor computeLoss(KerasTensor x, KerasTensor y, KerasTensor yPred) {
    return computeLoss(List.of(x), List.of(y), List.of(yPred));
  }

  /**
   * Keras's {@code compute_loss} for several inputs or outputs: the sum over the outputs of each
   * one's compiled loss times its {@code lossWeights} weight, plus the layers' regularization
   * penalties; each output's unweighted loss is also tracked as {@code <output>_loss}.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param yPred the model's outputs on {@code x}, one per output
   * @return the total loss, a scalar
   */
  public KerasTensor computeLoss(
      List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> yPred) {
    return computeLoss(x, y, yPred, null);
  }

  /**
   * Keras's {@code compute_loss(x, y, y_pred, sample_weight)}: as {@link #computeLoss(List, List,
   * List)}, each output's loss weighing its samples by {@code sampleWeight} (Keras's {@code
   * sum_over_batch_size}: the sum of weighted losses over the batch size).
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param yPred the model's outputs on {@code x}, one per output
   * @param sampleWeight one tensor of per-sample weights per output, or null for none
   * @return the total loss, a scalar
   */
  public KerasTensor computeLoss(List<KerasTensor> x, List<KerasTensor> y,
      List<KerasTensor> yPred, List<KerasTensor> sampleWeight) {
    KerasTensor total = trainer.compileLoss() == null
        ? null : trainer.compileLoss().call(y, yPred, sampleWeight);
    if (total == null) {
      throw new IllegalStateException(
          "Model '" + name() + "' was compiled without a loss: pass one to compile(), e.g."
              + " loss(\"mse\"), or override trainStep/testStep to compute your own");
    }
    for (KerasTensor penalty : regularizationLosses()) {
      total = total.add(penalty);
    }
    return total;
  }

  /**
   * Keras's {@code compute_metrics}: updates the compiled metrics with the batch and returns every
   * metric's result by name, the loss tracker's first.
   *
   * @param x the batch's input samples, one per row
   * @param y the batch's labels, one per sample
   * @param yPred the model's outputs for {@code x}
   * @return every metric's result, keyed by name
   */
  public Map<String, KerasTensor> computeMetrics(KerasTensor x, KerasTensor y, KerasTensor yPred) {
    return computeMetrics(List.of(x), List.of(y), List.of(yPred));
  }

  /**
   * Keras's {@code compute_metrics} for several inputs or outputs: each output's metrics see its
   * labels and predictions; the logs are {@code loss}, each output's {@code <output>_loss}, then
   * the metrics as {@code <output>_<metric>}, in Keras's {@code evaluate} order.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param yPred the model's outputs on {@code x}, one per output
   * @return every metric's result by log name, {@code loss} first
   */
  public Map<String, KerasTensor> computeMetrics(
      List<KerasTensor> x, List<KerasTensor> y, List<KerasTensor> yPred) {
    return computeMetrics(x, y, yPred, null);
  }

  /**
   * Keras's {@code compute_metrics(x, y, y_pred, sample_weight)}: the compiled {@code metrics}
   * as {@link #computeMetrics(List, List, List)}, unweighted as in Keras 3, and the {@code
   * weightedMetrics} weighing each sample by {@code sampleWeight}.
   *
   * @param x the batch's inputs, one tensor per input in the model's order
   * @param y the batch's labels, one tensor per output in the model's order
   * @param yPred the model's outputs on {@code x}, one per output
   * @param sampleWeight one tensor of per-sample weights per output, or null for none
   * @return every metric's result by log name, {@code loss} first
   */
  public Map<String, KerasTensor> computeMetrics(List<KerasTensor> x, List<KerasTensor> y,
      List<KerasTensor> yPred, List<KerasTensor> sampleWeight) {
    trainer.compileMetrics().updateState(y, yPred, sampleWeight);
    return trainer.logs();
  }

  /**
   * Keras's {@code model.metrics}: the loss tracker, the compiled metrics, then the per-output
   * loss trackers of a model of several outputs.
   *
   * @return the metrics, loss tracker first
   */
  public List<Metric> metrics() {
    return trainer.allMetrics();
  }

  /**
   * The model's layers, in the order they are called (each once).
   *
   * @return the model's layers, in the order they are called (each once)
   */
  public List<Layer> layers() {
    return graph != null ? graph.layers() : new ArrayList<>(tracedLayers);
  }

  /**
   * Keras's {@code get_layer(name)}: the model's layer of that name.
   *
   * @param layerName the layer's name, e.g. {@code "dense_1"}
   * @return the layer of that name
   */
  public Layer getLayer(String layerName) {
    for (Layer layer : layers()) {
      if (layer.name().equals(layerName)) {
        return layer;
      }
    }
    throw new IllegalArgumentException("Model '" + name() + "' has no layer named '" + layerName
        + "'; its layers are " + layers().stream().map(Layer::name).toList());
  }

  /**
   * The input shape the model expects (batch first), or null if not known yet.
   *
   * @return the input shape the model expects (batch first), or null if not known yet
   */
  public Shape inputShape() {
    return graph != null ? graph.inputs().get(0).shape() : builtInputShape();
  }

  @Override
  public List<Variable> variables() {
    List<Variable> out = new ArrayList<>();
    for (Layer layer : layers()) {
      out.addAll(layer.variables());
    }
    return out;
  }

  @Override
  public List<Variable> trainableVariables() {
    if (!isTrainable()) {
      return List.of();
    }
    List<Variable> out = new ArrayList<>();
    for (Layer layer : layers()) {
      out.addAll(layer.trainableVariables());
    }
    return out;
  }

  @Override
  public List<KerasTensor> regularizationLosses() {
    List<KerasTensor> out = new ArrayList<>();
    for (Layer layer : layers()) {
      out.addAll(layer.regularizationLosses());
    }
    return out;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (graph != null) {
      return computeOutputShapes(List.of(inputShape)).get(0);
    }
    return trainer.outputShape(inputShape);
  }

  /**
   * Configures training: {@code compile(optimizer("adam"), loss("mse"), metrics("mae"))}.
   *
   * @param args {@code optimizer(...)} and {@code loss(...)} (both required), and optionally {@code
   *     metrics(...)} and {@code stepsPerExecution(...)}; for several outputs, {@code loss},
   *     {@code lossWeights} and {@code metrics} per output (a list, or a map by output name)
   */
  public void compile(CompileArg... args) {
    trainer.compile(args);
  }

  /**
   * Trains on {@code x}, {@code y} (Java arrays or NdArrays); returns the per-epoch logs. A model
   * of several inputs (outputs) takes a list of arrays in its order, or a map by {@link
   * #inputNames()} ({@link #outputNames()}), as {@code x} ({@code y}).
   *
   * @param x the training samples, one per row: Java arrays ({@code float[][]}, ...) or NdArrays
   * @param y the labels, one per sample
   * @param args fit arguments such as {@code epochs(10)}, {@code batchSize(128)}, {@code
   *     validationSplit(0.1)}, {@code callbacks(...)}
   * @return the loss and metrics of every epoch
   */
  public History fit(Object x, Object y, FitArg... args) {
    return trainer.fit(x, y, args);
  }

  /**
   * Trains on the batches of a dataset (Keras's {@code fit} given a {@code tf.data.Dataset}, a
   * generator or a {@code PyDataset}): {@code model.fit(Dataset.fromArrays(x, y).batch(32),
   * epochs(5))}. The batches are read as training goes, the next one while the model runs the
   * current one; {@code batchSize} does not apply, and {@code shuffle} only reorders the batches
   * of a {@link keras4j.data.PyDataset}.
   *
   * @param data the training batches, each {@code Batch.of(x, y)}
   * @param args fit arguments such as {@code epochs(10)}, {@code stepsPerEpoch(100)}, {@code
   *     validationData(otherDataset)}, {@code validationSteps(10)}, {@code callbacks(...)}
   * @return the loss and metrics of every epoch
   * @throws IllegalArgumentException if a batch has no batch axis or labels, or another shape
   *     than the first; IllegalStateException if the dataset fails, naming the batch
   */
  public History fit(Dataset data, FitArg... args) {
    return trainer.fit(data, args);
  }

  /**
   * Loss and metrics over the batches of a dataset, to its end or {@code steps(n)} batches.
   *
   * @param data the batches, each {@code Batch.of(x, y)}
   * @param args evaluate arguments such as {@code steps(10)}, {@code verbose(0)}
   * @return the loss and metrics, in compile order
   */
  public Map<String, Double> evaluate(Dataset data, EvaluateArg... args) {
    return trainer.evaluate(data, args);
  }

  /**
   * The model's outputs for the batches of a dataset (labels, if any, are left out), to its end
   * or {@code steps(n)} batches, in order.
   *
   * @param data the batches
   * @param args predict arguments such as {@code steps(10)}
   * @return the outputs, one row per sample
   * @throws IllegalStateException if the model has several outputs (use {@link
   *     #predictAll(Dataset, PredictArg...)})
   */
  public FloatNdArray predict(Dataset data, PredictArg... args) {
    checkOneOutput("predict");
    return trainer.predict(data, args).get(0);
  }

  /**
   * The outputs for the batches of a dataset, one array per output in the model's order, as
   * {@link #predict(Dataset, PredictArg...)} for a model of several outputs.
   *
   * @param data the batches; their x one array, or a list (or a map by input name) of one per
   *     input
   * @param args predict arguments such as {@code steps(10)}
   * @return one array of predictions per output, in the model's order
   */
  public List<FloatNdArray> predictAll(Dataset data, PredictArg... args) {
    return trainer.predict(data, args);
  }

  /**
   * Loss and metrics on {@code x}, {@code y} (as {@link #fit} takes them), in compile order:
   * {@code {loss=..., accuracy=...}}; for several outputs in Keras's {@code evaluate} order,
   * {@code loss}, each {@code <output>_loss}, then the {@code <output>_<metric>}s sorted.
   *
   * @param x the samples
   * @param y their labels
   * @param args evaluate arguments such as {@code batchSize(256)}, {@code verbose(0)}
   * @return the loss and metrics by log name
   */
  public Map<String, Double> evaluate(Object x, Object y, EvaluateArg... args) {
    return trainer.evaluate(x, y, args);
  }

  /**
   * The model's outputs for {@code x}, computed in batches (no compile needed). {@code
   * StdArrays.array2dCopyOf(predictions)} gives them as a {@code float[][]}.
   */
  public FloatNdArray predict(Object x, PredictArg... args) {
    checkOneOutput("predict");
    return trainer.predict(x, args).get(0);
  }

  /**
   * The outputs for {@code x} as one batch, as Keras's {@code predict_on_batch}: a single run,
   * no callbacks or progress bar, the quickest call for a few rows (a model of several inputs
   * takes a list or a map, as {@link #predictAll}).
   *
   * @param x the samples of one batch
   * @return the outputs, one row per sample
   */
  public FloatNdArray predictOnBatch(Object x) {
    checkOneOutput("predictOnBatch");
    return trainer.predictOnBatch(x).get(0);
  }

  private void checkOneOutput(String method) {
    if (dataOutputNames().size() > 1) {
      throw new IllegalStateException("Model '" + name() + "' has " + dataOutputNames().size()
          + " outputs " + dataOutputNames() + ": " + method + " returns one array; call"
          + " predictAll(x) for a list of them in this order, or predictNamed(x) for a map by"
          + " output name");
    }
  }

  /**
   * The outputs for {@code x}, one array per output in the model's order (Keras's {@code
   * predict} of a model of several outputs). {@code x} is one array, or a list or a map by input
   * name for a model of several inputs.
   *
   * @param x the samples: one array, or a list (or a map by input name) of one per input
   * @param args predict arguments, e.g. {@code batchSize(256)}
   * @return one array of predictions per output, in the model's order
   */
  public List<FloatNdArray> predictAll(Object x, PredictArg... args) {
    return trainer.predict(x, args);
  }

  /**
   * The outputs for {@code x} by output name (see {@link #outputNames()}), in the model's order.
   *
   * @param x the samples: one array, or a list (or a map by input name) of one per input
   * @param args predict arguments, e.g. {@code batchSize(256)}
   * @return the predictions of each output by name, in the model's order
   */
  public Map<String, FloatNdArray> predictNamed(Object x, PredictArg... args) {
    List<FloatNdArray> outputs = trainer.predict(x, args);
    Map<String, FloatNdArray> named = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      named.put(dataOutputNames().get(i), outputs.get(i));
    }
    return named;
  }

  /** Whether a callback asked training to stop (Keras's {@code model.stop_training}). */
  public boolean stopTraining() {
    return trainer.stopTraining();
  }

  /** Asks {@code fit} to stop after the current epoch. */
  public void setStopTraining(boolean stop) {
    trainer.setStopTraining(stop);
  }

  /**
   * Keras's {@code model._initial_epoch}: from a callback's {@code onTrainBegin}, makes the
   * {@code fit} starting begin at {@code epoch} (0-based) instead of its {@code initialEpoch}, as
   * {@link keras4j.callbacks.BackupAndRestore} does to resume an interrupted run.
   *
   * @param epoch the first epoch to run, at least 0
   * @throws IllegalArgumentException for a negative epoch
   */
  @Override
  public void setInitialEpoch(int epoch) {
    trainer.setInitialEpoch(epoch);
  }

  /** The compiled optimizer, or null before {@code compile}. */
  public keras4j.optimizers.Optimizer optimizer() {
    return trainer.optimizer();
  }

  /** Prints Keras's summary table: layers, output shapes, parameter counts. */
  public void summary() {
    System.out.print(summaryText());
  }

  /**
   * The text {@link #summary()} prints.
   *
   * @return the text {@link #summary()} prints
   */
  public String summaryText() {
    if (inputShape() == null) {
      throw new IllegalStateException(
          "Model '" + name() + "' has not been built yet: its input shape is unknown until it"
              + " runs. Call fit() or predict() first, or give the first layer an inputShape(...)");
    }
    trainer.ensureTraced();
    return Summary.of(this);
  }

  @Override
  public List<FloatNdArray> getWeights() {
    trainer.ensureTraced();
    return super.getWeights();
  }

  @Override
  public void setWeights(List<? extends NdArray<Float>> values) {
    trainer.ensureTraced();
    super.setWeights(values);
  }

  /**
   * The functional model's input tensor (the first, when it has several); null for Sequential and
   * subclassed models.
   *
   * @return the functional model's input tensor (the first, when it has several); null for
   *     Sequential and subclassed models
   */
  public KerasTensor input() {
    return graph != null ? graph.inputs().get(0) : null;
  }

  /**
   * The functional model's output tensor (the first, when it has several); null for Sequential
   * and subclassed models.
   *
   * @return the functional model's output tensor (the first, when it has several); null for
   *     Sequential and subclassed models
   */
  public KerasTensor output() {
    return graph != null ? graph.outputs().get(0) : null;
  }

  /**
   * Keras's {@code input_names}: the names by which data maps give a functional model's inputs
   * (the keys of the map it was built from, or its {@code Input} layers' names); empty for
   * Sequential and subclassed models.
   *
   * @return the input names, in the model's order
   */
  public List<String> inputNames() {
    return graph != null ? graph.inputNames() : List.of();
  }

  /**
   * Keras's {@code output_names}: the names by which loss, metric and label maps give a
   * functional model's outputs and its logs prefix them ({@code cls_loss}): the keys of the map it
   * was built from, or the names of the layers that make them. Empty for Sequential and
   * subclassed models (they have one output).
   *
   * @return the output names, in the model's order
   */
  public List<String> outputNames() {
    return graph != null ? graph.outputNames() : List.of();
  }

  /** The input names data is checked against: one unnamed input unless functional. */
  List<String> dataInputNames() {
    return graph != null ? graph.inputNames() : List.of("input");
  }

  /** The output names compile and data use: one unnamed output unless functional. */
  List<String> dataOutputNames() {
    return graph != null ? graph.outputNames() : List.of("output");
  }

  /** Whether the steps take lists: a functional model of several inputs or outputs. */
  boolean multiIo() {
    return graph != null && (graph.inputs().size() > 1 || graph.outputs().size() > 1);
  }

  /** The input shapes (batch first), or null if not known yet. */
  /** The dtypes of the inputs, one per input: a functional model's Inputs', else float32. */
  List<DType> inputDtypes() {
    if (graph != null) {
      return graph.inputs().stream().map(t -> DType.of(t.dtype(), "input dtype")).toList();
    }
    return java.util.Collections.nCopies(dataInputNames().size(), DType.FLOAT32);
  }

  List<Shape> inputShapes() {
    if (graph != null) {
      return graph.inputs().stream().map(KerasTensor::shape).toList();
    }
    Shape shape = inputShape();
    return shape == null ? null : List.of(shape);
  }

  /**
   * The functional model's input tensors; empty for Sequential and subclassed models.
   *
   * @return the functional model's input tensors; empty for Sequential and subclassed models
   */
  public List<KerasTensor> inputs() {
    return graph != null ? graph.inputs() : List.of();
  }

  /**
   * The functional model's output tensors; empty for Sequential and subclassed models.
   *
   * @return the functional model's output tensors; empty for Sequential and subclassed models
   */
  public List<KerasTensor> outputs() {
    return graph != null ? graph.outputs() : List.of();
  }

  /**
   * The loss given to {@code compile} (for a model of several outputs, the one loss given for
   * all of them), or null before it or when given per output.
   *
   * @return the loss given to {@code compile}, or null
   */
  public keras4j.losses.Loss compiledLoss() {
    return trainer.loss();
  }

  /**
   * The metrics given to {@code compile}, as given (aliases not resolved), output by output.
   */
  public List<keras4j.metrics.Metric> compiledMetrics() {
    return trainer.metrics();
  }

  /**
   * Saves the model in Keras 3's {@code .keras} format (architecture, weights, optimizer state
   * and compile settings), which Python's {@code keras.saving.load_model} reads; a path ending in
   * {@code .h5} or {@code .hdf5} gets the legacy HDF5 format instead, as Keras 3 writes it
   * (architecture and weights). The write is atomic: a failure leaves any previous file at
   * {@code path} intact.
   */
  public void save(java.nio.file.Path path) {
    ModelFiles.save(this, path);
  }

  /**
   * Loads a model saved by {@link #save}, by Python Keras 3 ({@code .keras}), by Keras 2 / tf.keras
   * (legacy {@code .h5}), whatever the file's extension; compiled again if the file says how.
   *
   * @param path the {@code .keras} or {@code .h5} file to read
   * @return the model, with its weights (and optimizer state, when saved compiled)
   */
  public static Model load(java.nio.file.Path path) {
    return ModelFiles.load(path);
  }

  /** Saves the weights (and optimizer state) as Keras 3's {@code .weights.h5}, atomically. */
  public void saveWeights(java.nio.file.Path path) {
    ModelFiles.saveWeights(this, path);
  }

  /** Loads weights from a Keras 3 {@code .weights.h5} or a legacy Keras {@code .h5} file. */
  public void loadWeights(java.nio.file.Path path) {
    ModelFiles.loadWeights(this, path);
  }

  /**
   * Exports the inference graph as a TensorFlow SavedModel in {@code dir}, with a {@code
   * serving_default} signature for TF Serving and Python's {@code tf.saved_model.load}. The
   * export takes over the weights, so call it outside {@code fit}; the model rebuilds its graph
   * (weights and optimizer state included) when it runs again.
   *
   * @param dir the SavedModel directory to create; it must be absent or empty
   */
  public void export(java.nio.file.Path dir) {
    ModelFiles.export(this, dir);
  }

  /** Internal: the machinery that trains this model. */
  Trainer trainer() {
    return trainer;
  }

  /** Frees the model's TensorFlow graph and session; weights are copied back to the heap. */
  @Override
  public void close() {
    trainer.close();
  }
}
