package keras4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.Operation;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.backend.Trace;
import keras4j.initializers.Initializer;
import keras4j.regularizers.Regularizer;
import keras4j.saving.KerasSaveable;
import keras4j.saving.WeightStore;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;

/**
 * A layer, as in Keras: {@link #build} creates the weights once the input shape is known, {@link
 * #call} computes the output, {@link #getConfig} describes it, and a static {@code
 * fromConfig(ConfigReader)} beside each layer class rebuilds it from that config. {@link
 * #saveOwnVariables} / {@link #loadOwnVariables} write and read its state in weight files.
 *
 * <p>{@link #apply} is Keras's {@code layer(x)}: on a symbolic tensor it records the call for the
 * functional API; inside a model's trace it runs {@code call}.
 */
public abstract class Layer implements Operation, KerasSaveable {
  private static final Set<String> COMMON_ARGS = Set.of("name", "input_shape", "trainable");
  private static final Map<String, Integer> NAME_COUNTS = new HashMap<>();
  private static final ThreadLocal<Set<Layer>> RECORDER = new ThreadLocal<>();

  private final Map<String, Object> args;
  private final String name;
  private final Shape declaredInputShape;
  private boolean trainable;
  private Shape builtInputShape;
  private Shape outputShape;
  private final List<Variable> weights = new ArrayList<>();
  private final Map<Variable, Regularizer> regularizers = new LinkedHashMap<>();

  /**
   * Parses the keyword arguments this layer accepts: {@code name}, {@code inputShape}, {@code
   * trainable} and the layer's own {@code accepted} ones.
   */
  protected Layer(LayerArg[] args, String... accepted) {
    Set<String> names = new LinkedHashSet<>(COMMON_ARGS);
    names.addAll(List.of(accepted));
    this.args = Kwarg.parse(getClass().getSimpleName(), names, args);
    this.name = (String) this.args.getOrDefault("name", uniqueName(defaultNamePrefix()));
    long[] inputShape = (long[]) this.args.get("input_shape");
    this.declaredInputShape = inputShape == null ? null : Shapes.batchOf(inputShape);
    this.trainable = (Boolean) this.args.getOrDefault("trainable", true);
  }

  /** A keyword argument's value, or {@code fallback} when not given. */
  @SuppressWarnings("unchecked")
  protected <T> T arg(String key, T fallback) {
    return (T) args.getOrDefault(key, fallback);
  }

  /** Keras's automatic names: {@code dense}, {@code dense_1}, ... per process. */
  private static synchronized String uniqueName(String prefix) {
    int n = NAME_COUNTS.merge(prefix, 1, Integer::sum) - 1;
    return n == 0 ? prefix : prefix + "_" + n;
  }

  /** The snake_case class name, Keras's name prefix ({@code Dense} gives {@code dense}). */
  protected String defaultNamePrefix() {
    return keras4j.utils.Naming.toSnakeCase(getClass().getSimpleName());
  }

  /** The layer's name. */
  @Override
  public String name() {
    return name;
  }

  /** The input shape given with {@code inputShape(...)}, batch first, or null. */
  public Shape declaredInputShape() {
    return declaredInputShape;
  }

  /** Whether {@link #build} has run. */
  public boolean isBuilt() {
    return builtInputShape != null;
  }

  /** The input shape the layer was built for, or null. */
  public Shape builtInputShape() {
    return builtInputShape;
  }

  /** Whether optimizers update this layer's weights. */
  public boolean isTrainable() {
    return trainable;
  }

  /** Freezes or unfreezes the layer (takes effect at the next compile). */
  public void setTrainable(boolean trainable) {
    this.trainable = trainable;
  }

  /** Keras's {@code layer(x)}. */
  public KerasTensor apply(KerasTensor inputs) {
    ensureBuilt(inputs.shape());
    if (inputs.isSymbolic()) {
      outputShape = computeOutputShape(inputs.shape());
      return KerasTensor.symbolic(outputShape, this, List.of(inputs));
    }
    Set<Layer> recorder = RECORDER.get();
    if (recorder != null) {
      recorder.add(this);
    }
    Set<Layer> own = trackedLayers();
    if (own == null) {
      return noteOutput(call(inputs, Trace.training()));
    }
    return noteOutput(recordingLayers(own, () -> call(inputs, Trace.training())));
  }

  /**
   * Keras's {@code layer(x, training=...)}: layers such as Dropout behave as in training when
   * {@code training} is true. Custom training loops pass true; the default is inference.
   */
  public KerasTensor apply(KerasTensor inputs, boolean training) {
    if (inputs.isSymbolic()) {
      return apply(inputs);
    }
    return Trace.current("Layer.apply(x, training)").withTraining(training, () -> apply(inputs));
  }

  /**
   * Where the layers this one calls in its {@code call} are recorded, as a subclassed model learns
   * its layers from its traces; null (the default) leaves them to the enclosing model.
   */
  protected Set<Layer> trackedLayers() {
    return null;
  }

  private static <T> T recordingLayers(Set<Layer> layers, Supplier<T> body) {
    Set<Layer> previous = RECORDER.get();
    RECORDER.set(layers);
    try {
      return body.get();
    } finally {
      RECORDER.set(previous);
    }
  }

  /** Remembers the shape of an output, for {@code summary()}; returns the output. */
  protected final KerasTensor noteOutput(KerasTensor output) {
    outputShape = output.shape();
    return output;
  }

  /** The shape of the layer's last output (batch first), or null before it ran. */
  public Shape outputShape() {
    return outputShape;
  }

  /** Builds the layer for {@code inputShape} unless built already, checking compatibility. */
  public final void ensureBuilt(Shape inputShape) {
    if (builtInputShape == null) {
      build(inputShape);
      // Batch size unknown (None), as Keras: a first call on a batch of 8 (in a traced function)
      // must not fix the batch size of later calls.
      builtInputShape =
          inputShape.numDimensions() > 0 ? Shapes.withBatch(inputShape, -1) : inputShape;
    } else if (!Shapes.samplesCompatible(builtInputShape, inputShape)) {
      throw new IllegalArgumentException(
          "Input of shape " + Shapes.toKeras(inputShape) + " is incompatible with layer '" + name
              + "', which was built for inputs of shape " + Shapes.toKeras(builtInputShape));
    }
  }

  /** Creates the weights for inputs of {@code inputShape} (batch dimension first). */
  protected void build(Shape inputShape) {}

  /** Computes the output inside a model's trace. */
  protected abstract KerasTensor call(KerasTensor inputs, boolean training);

  /** The output shape for inputs of {@code inputShape}; the default keeps the shape. */
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates a trainable weight named {@code layerName/name}. */
  protected Variable addWeight(
      String weightName, Shape shape, Initializer initializer, Regularizer regularizer) {
    return addWeight(weightName, initializer.create(shape), true, regularizer);
  }

  /** Creates a weight named {@code layerName/name} holding {@code value}. */
  protected Variable addWeight(
      String weightName, FloatNdArray value, boolean trainable, Regularizer regularizer) {
    Variable variable = new Variable(name + "/" + weightName, value, trainable);
    weights.add(variable);
    if (regularizer != null) {
      regularizers.put(variable, regularizer);
    }
    return variable;
  }

  /** The layer's variables, in Keras's order (kernel, then bias). */
  public List<Variable> variables() {
    return Collections.unmodifiableList(weights);
  }

  /** The variables optimizers update: the trainable ones, unless the layer is frozen. */
  public List<Variable> trainableVariables() {
    return trainable ? variables().stream().filter(Variable::trainable).toList() : List.of();
  }

  /** The regularization penalties of this layer's weights, inside a model's trace. */
  public List<KerasTensor> regularizationLosses() {
    List<KerasTensor> out = new ArrayList<>();
    regularizers.forEach((variable, reg) -> out.add(reg.apply(variable.value())));
    return out;
  }

  /** The weights' current values (kernel, then bias), as Keras's {@code get_weights()}. */
  public List<FloatNdArray> getWeights() {
    List<FloatNdArray> out = new ArrayList<>();
    for (Variable v : variables()) {
      out.add(v.numpy());
    }
    return out;
  }

  /** Sets the weights (kernel, then bias), checking their count and shapes. */
  public void setWeights(List<? extends NdArray<Float>> values) {
    List<Variable> vars = variables();
    if (values.size() != vars.size()) {
      throw new IllegalArgumentException(
          "Layer '" + name + "' has " + vars.size() + " weights " + names(vars) + " but "
              + values.size() + " values were given");
    }
    for (int i = 0; i < vars.size(); i++) {
      if (!vars.get(i).shape().equals(values.get(i).shape())) {
        throw new IllegalArgumentException(
            "Layer '" + name + "': weight " + vars.get(i).name() + " has shape "
                + Shapes.toKeras(vars.get(i).shape()) + " but the value given has shape "
                + Shapes.toKeras(values.get(i).shape()));
      }
    }
    for (int i = 0; i < vars.size(); i++) {
      vars.get(i).assign(values.get(i));
    }
  }

  private static List<String> names(List<Variable> vars) {
    return vars.stream().map(Variable::name).toList();
  }

  /** The number of weight values. */
  public long countParams() {
    long total = 0;
    for (Variable v : variables()) {
      total += v.shape().size();
    }
    return total;
  }

  /** Keras's layer config: name, trainable, dtype and the layer's own settings. */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("trainable", trainable);
    config.put("dtype", "float32");
    return config;
  }

  /**
   * Keras's {@code save_own_variables}: the variables this layer created with {@code addWeight},
   * in order, under {@code "0"}, {@code "1"}, ... (a model's layers save their own). Override to
   * save extra state, and {@link #loadOwnVariables} to read it back.
   */
  @Override
  public void saveOwnVariables(WeightStore store) {
    store.putAll(weights);
  }

  /** Keras's {@code load_own_variables}: reads back what {@link #saveOwnVariables} saved. */
  @Override
  public void loadOwnVariables(WeightStore store) {
    store.loadAll(weights, describe());
  }

  /** {@code Layer 'dense_1' (Dense)}, for messages. */
  protected final String describe() {
    return "Layer '" + name + "' (" + getClass().getSimpleName() + ")";
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " name=" + name + ">";
  }
}
