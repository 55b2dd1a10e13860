package keras4j.models;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.CompileArg;
import keras4j.core.EvaluateArg;
import keras4j.core.FitArg;
import keras4j.core.LayerArg;
import keras4j.core.PredictArg;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.backend.ModelGraph;
import keras4j.callbacks.History;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
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
 * implemented by {@link Trainer}. A model holds a TensorFlow graph and session once it runs:
 * {@link #close()} frees them (the weights stay readable).
 */
public class Model extends Layer implements AutoCloseable {
  private final KerasTensor functionalInputs;
  private final KerasTensor functionalOutputs;
  private final Set<Layer> tracedLayers = new LinkedHashSet<>();
  private final Trainer trainer = new Trainer(this);

  /** A functional model from an {@code Input} tensor to an output tensor. */
  public Model(KerasTensor inputs, KerasTensor outputs, LayerArg... args) {
    super(args);
    if (!inputs.isSymbolic() || !(inputs.layer() instanceof InputLayer)) {
      throw new IllegalArgumentException(
          "Model inputs must come from keras4j.layers.Input.shape(...), got " + inputs);
    }
    checkReachable(inputs, outputs);
    this.functionalInputs = inputs;
    this.functionalOutputs = outputs;
    ensureBuilt(inputs.shape());
  }

  /** For subclasses that create their layers in the constructor and override {@code call}. */
  protected Model(LayerArg... args) {
    super(args);
    this.functionalInputs = null;
    this.functionalOutputs = null;
  }

  @Override
  protected String defaultNamePrefix() {
    return getClass() == Model.class ? "functional" : super.defaultNamePrefix();
  }

  private static void checkReachable(KerasTensor inputs, KerasTensor outputs) {
    Set<KerasTensor> seen = new HashSet<>();
    List<KerasTensor> todo = new ArrayList<>(List.of(outputs));
    while (!todo.isEmpty()) {
      KerasTensor t = todo.remove(todo.size() - 1);
      if (t == inputs) {
        return;
      }
      if (seen.add(t)) {
        todo.addAll(t.inbound());
      }
    }
    throw new IllegalArgumentException(
        "The model's outputs " + outputs + " are not computed from its inputs " + inputs);
  }

  /**
   * The forward pass. Functional and Sequential models replay their layers; subclasses override
   * this (and may override {@link #call(KerasTensor, boolean)} to see the training flag).
   */
  public KerasTensor call(KerasTensor inputs) {
    if (functionalOutputs == null) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " extends Model but does not override call(KerasTensor)");
    }
    return replay(functionalOutputs, inputs);
  }

  private KerasTensor replay(KerasTensor node, KerasTensor inputs) {
    if (node == functionalInputs) {
      return inputs;
    }
    return node.layer().apply(replay(node.inbound().get(0), inputs));
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return call(inputs);
  }

  /** Keras's {@code model(x)}: inside a trace the model's layers are recorded as its own. */
  @Override
  public KerasTensor apply(KerasTensor inputs) {
    if (inputs.isSymbolic()) {
      return super.apply(inputs);
    }
    ensureBuilt(inputs.shape());
    ModelGraph.recordLayer(this);
    return noteOutput(
        ModelGraph.recordingLayers(tracedLayers, () -> call(inputs, ModelGraph.training())));
  }

  /** The model's layers, in the order they are called. */
  public List<Layer> layers() {
    if (functionalOutputs != null) {
      List<Layer> out = new ArrayList<>();
      collect(functionalOutputs, out);
      return out;
    }
    return new ArrayList<>(tracedLayers);
  }

  private void collect(KerasTensor node, List<Layer> out) {
    for (KerasTensor in : node.inbound()) {
      collect(in, out);
    }
    if (!out.contains(node.layer())) {
      out.add(node.layer());
    }
  }

  /** The input shape the model expects (batch first), or null if not known yet. */
  public Shape inputShape() {
    return functionalInputs != null ? functionalInputs.shape() : builtInputShape();
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
    if (functionalOutputs != null) {
      return functionalOutputs.shape();
    }
    return trainer.outputShape(inputShape);
  }

  /** Configures training: {@code compile(optimizer("adam"), loss("mse"), metrics("mae"))}. */
  public void compile(CompileArg... args) {
    trainer.compile(args);
  }

  /** Trains on {@code x}, {@code y} (Java arrays or NdArrays); returns the per-epoch logs. */
  public History fit(Object x, Object y, FitArg... args) {
    return trainer.fit(x, y, args);
  }

  /** Loss and metrics on {@code x}, {@code y}, in compile order: {@code {loss=..., accuracy=...}}. */
  public Map<String, Double> evaluate(Object x, Object y, EvaluateArg... args) {
    return trainer.evaluate(x, y, args);
  }

  /**
   * The model's outputs for {@code x}, computed in batches (no compile needed). {@code
   * StdArrays.array2dCopyOf(predictions)} gives them as a {@code float[][]}.
   */
  public FloatNdArray predict(Object x, PredictArg... args) {
    return trainer.predict(x, args);
  }

  /** Whether a callback asked training to stop (Keras's {@code model.stop_training}). */
  public boolean stopTraining() {
    return trainer.stopTraining();
  }

  /** Asks {@code fit} to stop after the current epoch. */
  public void setStopTraining(boolean stop) {
    trainer.setStopTraining(stop);
  }

  /** The compiled optimizer, or null before {@code compile}. */
  public keras4j.optimizers.Optimizer optimizer() {
    return trainer.optimizer();
  }

  /** Prints Keras's summary table: layers, output shapes, parameter counts. */
  public void summary() {
    System.out.print(summaryText());
  }

  /** The text {@link #summary()} prints. */
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

  /** The functional model's input tensor; null for Sequential and subclassed models. */
  public KerasTensor input() {
    return functionalInputs;
  }

  /** The functional model's output tensor; null for Sequential and subclassed models. */
  public KerasTensor output() {
    return functionalOutputs;
  }

  /** The loss given to {@code compile}, or null before it. */
  public keras4j.losses.Loss compiledLoss() {
    return trainer.loss();
  }

  /** The metrics given to {@code compile}, as given (aliases not resolved). */
  public List<keras4j.metrics.Metric> compiledMetrics() {
    return trainer.metrics();
  }

  /**
   * Saves the model in Keras 3's {@code .keras} format (architecture, weights, optimizer state
   * and compile settings), which Python's {@code keras.saving.load_model} reads. The write is
   * atomic: a failure leaves any previous file at {@code path} intact.
   */
  public void save(java.nio.file.Path path) {
    keras4j.saving.Saving.saveModel(this, path);
  }

  /**
   * Loads a model saved by {@link #save}, by Python Keras 3 ({@code .keras}), by Keras 2 / tf.keras
   * (legacy {@code .h5}), whatever the file's extension; compiled again if the file says how.
   */
  public static Model load(java.nio.file.Path path) {
    return keras4j.saving.Saving.loadModel(path);
  }

  /** Saves the weights (and optimizer state) as Keras 3's {@code .weights.h5}, atomically. */
  public void saveWeights(java.nio.file.Path path) {
    keras4j.saving.Saving.saveWeights(this, path);
  }

  /** Loads weights from a Keras 3 {@code .weights.h5} or a legacy Keras {@code .h5} file. */
  public void loadWeights(java.nio.file.Path path) {
    keras4j.saving.Saving.loadWeights(this, path);
  }

  /**
   * Exports the inference graph as a TensorFlow SavedModel in {@code dir}, with a {@code
   * serving_default} signature for TF Serving and Python's {@code tf.saved_model.load}. The
   * export takes over the weights, so call it outside {@code fit}; the model rebuilds its graph
   * (weights and optimizer state included) when it runs again.
   */
  public void export(java.nio.file.Path dir) {
    keras4j.saving.Saving.export(this, dir);
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
