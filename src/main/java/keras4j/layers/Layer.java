package keras4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import keras4j.core.CallArg;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.Operation;
import keras4j.core.KerasTensor;
import keras4j.core.Node;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.mixed_precision.MixedPrecision;
import keras4j.ops.Ops;
import keras4j.initializers.Initializer;
import keras4j.constraints.Constraint;
import keras4j.regularizers.Regularizer;
import keras4j.saving.KerasSaveable;
import keras4j.saving.SaveableChild;
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
  private static final Set<String> COMMON_ARGS =
      Set.of("name", "input_shape", "trainable", "dtype");
  private static final ThreadLocal<Set<Layer>> RECORDER = new ThreadLocal<>();
  private static final ThreadLocal<OutputTap> TAP = new ThreadLocal<>();
  private static final System.Logger LOG = System.getLogger(Layer.class.getName());

  /** Who hears the outputs of which layer while {@link #tappingOutputs} runs. */
  private record OutputTap(Layer layer, Consumer<List<KerasTensor>> sink, OutputTap outer) {}

  private final Map<String, Object> args;
  private final String name;
  private final Shape declaredInputShape;
  private final DTypePolicy dtypePolicy;
  private boolean trainable;
  private List<Shape> builtInputShapes;
  private List<Shape> outputShapes;
  private final List<Node> inboundNodes = new ArrayList<>();
  private final List<Variable> weights = new ArrayList<>();
  private final Map<Variable, Regularizer> regularizers = new LinkedHashMap<>();
  private final Map<String, Layer> children = new LinkedHashMap<>();
  private boolean warnedAboutMask;
  private Map<String, Object> callArgs = Map.of();

  /**
   * Parses the keyword arguments this layer accepts: {@code name}, {@code inputShape}, {@code
   * trainable} and the layer's own {@code accepted} ones.
   *
   * @param args the keyword arguments given to the subclass's constructor
   * @param accepted the Keras names of the subclass's own arguments, on top of the common ones
   */
  protected Layer(LayerArg[] args, String... accepted) {
    Set<String> names = new LinkedHashSet<>(COMMON_ARGS);
    names.addAll(List.of(accepted));
    this.args = Kwarg.parse(getClass().getSimpleName(), names, args);
    // As Keras's auto_name: only an unnamed layer takes (and advances) its class's count.
    this.name = this.args.containsKey("name") ? (String) this.args.get("name")
        : keras4j.utils.Naming.uniquify(defaultNamePrefix());
    long[] inputShape = (long[]) this.args.get("input_shape");
    this.declaredInputShape = inputShape == null ? null : Shapes.batchOf(inputShape);
    this.trainable = (Boolean) this.args.getOrDefault("trainable", true);
    // As Keras: a layer without a dtype takes the global policy in force when it is constructed.
    this.dtypePolicy = this.args.containsKey("dtype")
        ? DTypePolicies.get(this.args.get("dtype")) : MixedPrecision.globalPolicy();
    if (!dtypePolicy.variableDtype().equals("float32")) {
      throw new IllegalArgumentException(describe() + " has dtype policy '" + dtypePolicy.name()
          + "', which keeps its variables in " + dtypePolicy.variableDtype() + "; keras4j keeps"
          + " variables in float32: use 'mixed_" + dtypePolicy.computeDtype() + "' (compute in "
          + dtypePolicy.computeDtype() + ", variables in float32)");
    }
  }

  /**
   * How a layer computes under a mixed precision policy, whose compute dtype (bfloat16, float16)
   * is not float32.
   */
  protected enum Precision {
    /**
     * In the compute dtype, as Keras's autocast: floating inputs cast to it, float32 variables
     * read as it, outputs of it.
     */
    COMPUTE_DTYPE,
    /**
     * In float32: floating inputs cast to float32, outputs rounded to the compute dtype, as
     * Keras's normalization layers compute; the default of layers whose kernels are float32.
     */
    FLOAT32,
    /** Nothing cast: a model or wrapper, whose inner layers cast for themselves. */
    INNER_LAYERS
  }

  /**
   * How this layer computes under a mixed precision policy; {@link Precision#FLOAT32} unless the
   * layer overrides it.
   *
   * @return how this layer computes under a mixed precision policy
   */
  protected Precision precision() {
    return Precision.FLOAT32;
  }

  /**
   * The layer's dtype policy, Keras's {@code dtype_policy}: the {@code dtype} argument, else the
   * global policy when the layer was constructed ({@link MixedPrecision#globalPolicy}).
   *
   * @return the layer's dtype policy
   */
  public DTypePolicy dtypePolicy() {
    return dtypePolicy;
  }

  /**
   * The dtype the layer computes in, Keras's {@code compute_dtype}.
   *
   * @return e.g. {@code "bfloat16"} under {@code mixed_bfloat16}
   */
  public String computeDtype() {
    return dtypePolicy.computeDtype();
  }

  /**
   * A keyword argument's value, or {@code fallback} when not given.
   *
   * @param <T> the argument's value type
   * @param key the argument's Keras name, e.g. {@code "kernel_initializer"}
   * @param fallback the value when the argument was not given (Keras's default)
   * @return the argument's value
   */
  @SuppressWarnings("unchecked")
  protected <T> T arg(String key, T fallback) {
    return (T) args.getOrDefault(key, fallback);
  }

  /**
   * A boolean keyword argument, refusing another type: {@code scale(10.0)}, RandomFourierFeatures'
   * number, given to a normalizing layer's boolean {@code scale}.
   *
   * @param key the argument's Keras name, e.g. {@code "scale"}
   * @param fallback the value when the argument was not given (Keras's default)
   * @return the argument's value
   */
  protected boolean flag(String key, boolean fallback) {
    Object value = args.getOrDefault(key, fallback);
    if (!(value instanceof Boolean given)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " takes " + key
          + "(true/false), got " + value);
    }
    return given;
  }

  /**
   * The snake_case class name, Keras's name prefix ({@code Dense} gives {@code dense}).
   *
   * @return the snake_case class name, Keras's name prefix ({@code Dense} gives {@code dense})
   */
  protected String defaultNamePrefix() {
    return keras4j.utils.Naming.toSnakeCase(getClass().getSimpleName());
  }

  /** The layer's name. */
  @Override
  public String name() {
    return name;
  }

  /**
   * The input shape given with {@code inputShape(...)}, batch first, or null.
   *
   * @return the input shape given with {@code inputShape(...)}, batch first, or null
   */
  public Shape declaredInputShape() {
    return declaredInputShape;
  }

  /**
   * Whether {@link #build} has run.
   *
   * @return whether {@link #build} has run
   */
  public boolean isBuilt() {
    return builtInputShapes != null;
  }

  /**
   * The input shape the layer was built for (the first, for several inputs), or null.
   *
   * @return the input shape the layer was built for (the first, for several inputs), or null
   */
  public Shape builtInputShape() {
    return builtInputShapes == null ? null : builtInputShapes.get(0);
  }

  /**
   * The input shapes the layer was built for, or null.
   *
   * @return the input shapes the layer was built for, or null
   */
  public List<Shape> builtInputShapes() {
    return builtInputShapes;
  }

  /**
   * Whether optimizers update this layer's weights.
   *
   * @return whether optimizers update this layer's weights
   */
  public boolean isTrainable() {
    return trainable;
  }

  /**
   * Freezes or unfreezes the layer (takes effect at the next compile).
   *
   * @param trainable false to freeze the weights, true to train them
   */
  public void setTrainable(boolean trainable) {
    this.trainable = trainable;
  }

  /**
   * Keras's {@code layer(x)}.
   *
   * @param inputs a symbolic tensor (to build a functional model) or an eager one (to compute now)
   * @return the layer's output
   */
  public KerasTensor apply(KerasTensor inputs) {
    return only(applyAll(List.of(inputs)));
  }

  /**
   * Keras's {@code layer([a, b, ...])} for layers of several inputs (merge layers, models).
   *
   * @param first the first input
   * @param second the second input
   * @param more any further inputs
   * @return the layer's output
   */
  public KerasTensor apply(KerasTensor first, KerasTensor second, KerasTensor... more) {
    List<KerasTensor> inputs = new ArrayList<>(List.of(first, second));
    inputs.addAll(List.of(more));
    return apply(inputs);
  }

  /**
   * Keras's {@code layer([a, b, ...])}: the layer's one output.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @return the layer's output
   */
  public KerasTensor apply(List<KerasTensor> inputs) {
    return only(applyAll(inputs));
  }

  /**
   * Keras's {@code layer(inputs)} for any number of inputs and outputs: on symbolic tensors it
   * records a {@link Node} (a shared layer called twice records two, with one set of weights);
   * inside a model's trace it runs {@link #callAll}.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @return the layer's outputs, in order
   */
  public List<KerasTensor> applyAll(List<KerasTensor> inputs) {
    return applyAll(inputs, (Boolean) null);
  }

  /**
   * Keras's {@code layer(x, training=...)}: layers such as Dropout behave as in training when
   * {@code training} is true. Custom training loops pass true; the default is inference. On
   * symbolic tensors the flag is recorded with the call: {@code base.apply(x, false)} runs the
   * nested {@code base} in inference mode even while the outer model trains, as Keras's {@code
   * base(x, training=False)}.
   *
   * @param inputs a symbolic or eager tensor
   * @param training true while training (Dropout drops, BatchNormalization uses batch statistics),
   *     false for inference
   * @return the layer's output
   */
  public KerasTensor apply(KerasTensor inputs, boolean training) {
    return only(applyAll(List.of(inputs), training));
  }

  /**
   * {@link #applyAll(List)} with a training flag, as {@link #apply(KerasTensor, boolean)}.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @param training the training flag, or null to follow the enclosing model's
   * @return the layer's outputs, in order
   */
  public List<KerasTensor> applyAll(List<KerasTensor> inputs, Boolean training) {
    return applyAll(inputs, training, Map.of());
  }

  /**
   * Keras's {@code layer(inputs, use_causal_mask=True, ...)}: the call's keyword arguments
   * (those of {@link #callArgNames}), recorded with a symbolic call and saved with it.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @param args the call's keyword arguments from {@code keras4j.Keras}, e.g. {@code
   *     useCausalMask(true)}
   * @return the layer's outputs, in order
   */
  public List<KerasTensor> applyAll(List<KerasTensor> inputs, CallArg... args) {
    Set<String> names = callArgNames();
    return applyAll(inputs, null, Kwarg.parse(getClass().getSimpleName() + ".call", names, args));
  }

  /**
   * {@link #applyAll(List, CallArg...)} for a call of one output.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @param args the call's keyword arguments from {@code keras4j.Keras}
   * @return the layer's output
   */
  public KerasTensor apply(List<KerasTensor> inputs, CallArg... args) {
    return only(applyAll(inputs, args));
  }

  /**
   * {@link #applyAll(List, Boolean)} with the call's keyword arguments by Keras name, as a
   * functional model replays and loads its calls; names outside {@link #callArgNames} are
   * refused.
   *
   * @param inputs the layer's inputs, symbolic or eager
   * @param training the training flag, or null to follow the enclosing model's
   * @param args the call's keyword arguments by Keras name, e.g. {@code use_causal_mask}
   * @return the layer's outputs, in order
   */
  public List<KerasTensor> applyAll(List<KerasTensor> inputs, Boolean training,
      Map<String, Object> args) {
    for (String key : args.keySet()) {
      if (!callArgNames().contains(key)) {
        throw new IllegalArgumentException(describe() + " is called with " + key + "="
            + args.get(key) + ", which keras4j does not support; its call takes "
            + callArgNames());
      }
    }
    Map<String, Object> outer = callArgs;
    callArgs = Map.copyOf(args);
    try {
      return invoke(inputs, training);
    } finally {
      callArgs = outer;
    }
  }

  /**
   * The names of the call's tensor arguments when Keras calls the layer with them one by one
   * ({@code mha(query, value)}: {@code ["query", "value", "key"]}), which a saved file records as
   * separate arguments and a {@code build_config} of {@code shapes_dict}; null (the default) for
   * a layer called on one tensor or on a list ({@code Add()([a, b])}).
   *
   * @return the names of the call's tensor arguments, or null
   */
  public List<String> positionalInputs() {
    return null;
  }

  /**
   * The Keras names of the keyword arguments this layer's call takes besides {@code training}
   * and masks (Attention's {@code use_causal_mask}); none by default.
   *
   * @return the names of the call's keyword arguments
   */
  protected Set<String> callArgNames() {
    return Set.of();
  }

  /**
   * The value of a keyword argument of the call running now (in {@link #call}, {@link
   * #computeOutputShapes}), or {@code fallback} when the call was not given it.
   *
   * @param <T> the argument's value type
   * @param key the argument's Keras name, e.g. {@code "use_causal_mask"}
   * @param fallback Keras's default
   * @return the argument's value
   */
  @SuppressWarnings("unchecked")
  protected <T> T callArg(String key, T fallback) {
    return (T) callArgs.getOrDefault(key, fallback);
  }

  private List<KerasTensor> invoke(List<KerasTensor> inputs, Boolean training) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException(describe() + " was called on no inputs");
    }
    List<Shape> shapes = inputs.stream().map(KerasTensor::shape).toList();
    long symbolic = inputs.stream().filter(KerasTensor::isSymbolic).count();
    if (symbolic > 0 && symbolic < inputs.size()) {
      throw new IllegalArgumentException(describe() + " was called on symbolic tensors (from"
          + " Input) mixed with concrete ones; call it on Input-derived tensors only");
    }
    ensureBuilt(shapes);
    if (symbolic > 0) {
      outputShapes = List.copyOf(computeOutputShapes(shapes));
      Node node = new Node(this, inboundNodes.size(), inputs, outputShapes, training, callArgs);
      inboundNodes.add(node);
      return node.outputs();
    }
    if (training != null) {
      return Trace.current("Layer.apply(x, training)")
          .withTraining(training, () -> invoke(inputs, null));
    }
    Set<Layer> recorder = RECORDER.get();
    if (recorder != null) {
      recorder.add(this);
    }
    Set<Layer> own = trackedLayers();
    List<KerasTensor> outputs = own == null
        ? castingCall(inputs)
        : recordingLayers(own, () -> castingCall(inputs));
    outputShapes = outputs.stream().map(KerasTensor::shape).toList();
    if (Trace.currentOrNull() != null) {
      // So that a run-time error of one of this call's ops names this layer.
      for (KerasTensor out : outputs) {
        Tensor t = CoreBridge.tensor(out);
        t.graph().labelLayerOutput(t, describe());
      }
    }
    for (OutputTap tap = TAP.get(); tap != null; tap = tap.outer()) {
      if (tap.layer() == this) {
        tap.sink().accept(outputs);
      }
    }
    return outputs;
  }

  /**
   * Keras's autocast in {@code Layer.__call__}: floating inputs cast to the dtype the layer
   * computes in (see {@link #precision}), float32 variables read as it, and the floating outputs
   * of a layer computing in float32 under a mixed policy rounded to the compute dtype.
   */
  private List<KerasTensor> castingCall(List<KerasTensor> inputs) {
    DType compute = DType.of(computeDtype(), "compute dtype");
    if (precision() == Precision.INNER_LAYERS) {
      return maskedCall(inputs);
    }
    DType work = precision() == Precision.COMPUTE_DTYPE ? compute : DType.FLOAT32;
    List<KerasTensor> cast = inputs.stream().map(in -> castFloat(in, work)).toList();
    Trace trace = Trace.currentOrNull();
    List<KerasTensor> outputs = trace == null ? maskedCall(cast)
        : trace.withAutocast(work, () -> maskedCall(cast));
    return work == compute ? outputs : outputs.stream().map(out -> castFloat(out, compute)).toList();
  }

  /** {@code x} cast to {@code dtype} if it is of another floating dtype, keeping its mask. */
  private static KerasTensor castFloat(KerasTensor x, DType dtype) {
    DType own = DType.of(x.dtype(), "dtype");
    if (!own.isFloat() || own == dtype) {
      return x;
    }
    KerasTensor out = Ops.cast(x, dtype.kerasName());
    return x.mask() == null ? out : out.withMask(x.mask());
  }

  /**
   * Keras's mask handling in {@code Layer.__call__}: a layer that supports masking gets the masks
   * of its inputs and its outputs get {@link #computeMask}'s; any other drops a mask it is given,
   * with a warning, as Keras does.
   */
  private List<KerasTensor> maskedCall(List<KerasTensor> inputs) {
    List<KerasTensor> masks = new ArrayList<>();
    inputs.forEach(in -> masks.add(in.mask()));
    boolean masked = masks.stream().anyMatch(Objects::nonNull);
    if (!supportsMasking()) {
      if (masked && !warnedAboutMask) {
        warnedAboutMask = true;
        LOG.log(System.Logger.Level.WARNING, "Layer ''{0}'' (of type {1}) was passed an input"
            + " with a mask attached to it. However, this layer does not support masking and will"
            + " therefore destroy the mask information. Downstream layers will not see the mask.",
            name, getClass().getSimpleName());
      }
      return callAll(inputs, Trace.training());
    }
    List<KerasTensor> outputs = new ArrayList<>(masked
        ? callAll(inputs, Trace.training(), Collections.unmodifiableList(masks))
        : callAll(inputs, Trace.training()));
    if (outputs.get(0).mask() == null) {
      KerasTensor mask = computeMask(inputs.get(0), masks.get(0));
      if (mask != null) {
        outputs.set(0, outputs.get(0).withMask(mask));
      }
    }
    return outputs;
  }

  /**
   * Whether this layer takes the masks of its inputs and passes one on (Keras's {@code
   * supports_masking}); false by default, and a mask given to such a layer is dropped.
   *
   * @return whether the layer supports masking
   */
  protected boolean supportsMasking() {
    return false;
  }

  /**
   * Keras's {@code compute_mask}: the mask of the first output of a layer that {@link
   * #supportsMasking}, from its first input and that input's mask; the default passes the mask
   * on unchanged.
   *
   * @param inputs the first input, inside the trace
   * @param previousMask that input's mask, or null
   * @return the output's mask, or null for none
   */
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return previousMask;
  }

  /**
   * Runs {@code body} (a forward pass inside a trace) and hands {@code sink} the outputs {@code
   * layer} computes during it, once per call of the layer, whatever model holds it (functional,
   * Sequential, subclassed, nested). Keras reaches an inner layer's output with {@code
   * keras.Model(model.inputs, layer.output)}, which only functional models allow; explainers such
   * as Grad-CAM use this to watch a named layer's activations in any model.
   *
   * @param <T> what {@code body} returns
   * @param layer the layer whose outputs {@code sink} receives
   * @param sink receives each call's outputs (graph tensors of the trace)
   * @param body the forward pass
   * @return what {@code body} returned
   */
  public static <T> T tappingOutputs(Layer layer, Consumer<List<KerasTensor>> sink,
      Supplier<T> body) {
    OutputTap outer = TAP.get();
    TAP.set(new OutputTap(layer, sink, outer));
    try {
      return body.get();
    } finally {
      if (outer == null) {
        TAP.remove();
      } else {
        TAP.set(outer);
      }
    }
  }

  private KerasTensor only(List<KerasTensor> outputs) {
    if (outputs.size() != 1) {
      throw new IllegalArgumentException(describe() + " has " + outputs.size()
          + " outputs; use applyAll(...) to get them all");
    }
    return outputs.get(0);
  }

  /** An input layer's node: no inputs, one output of {@code shape}. */
  final KerasTensor recordInput(Shape shape, String dtype) {
    ensureBuilt(shape);
    outputShapes = List.of(shape);
    Node node = Node.input(this, inboundNodes.size(), shape, dtype);
    inboundNodes.add(node);
    return node.outputs().get(0);
  }

  /** The calls of this layer on symbolic tensors, Keras's {@code _inbound_nodes}. */
  @Override
  public List<Node> inboundNodes() {
    return Collections.unmodifiableList(inboundNodes);
  }

  /**
   * Where the layers this one calls in its {@code call} are recorded, as a subclassed model learns
   * its layers from its traces; null (the default) leaves them to the enclosing model.
   *
   * @return where the layers this one calls in its {@code call} are recorded, as a subclassed model
   *     learns its layers from its traces; null (the default) leaves them to the enclosing model
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

  /**
   * The shape of the layer's last output (batch first), or null before it ran.
   *
   * @return the shape of the layer's last output (batch first), or null before it ran
   */
  public Shape outputShape() {
    return outputShapes == null || outputShapes.isEmpty() ? null : outputShapes.get(0);
  }

  /**
   * The shapes of the layer's last outputs (batch first), or null before it ran.
   *
   * @return the shapes of the layer's last outputs (batch first), or null before it ran
   */
  public List<Shape> outputShapes() {
    return outputShapes;
  }

  /**
   * Builds the layer for {@code inputShape} unless built already, checking compatibility.
   *
   * @param inputShape the shape of the input batches, batch dimension first (-1 when unknown)
   */
  public final void ensureBuilt(Shape inputShape) {
    ensureBuilt(List.of(inputShape));
  }

  /**
   * Builds the layer for inputs of {@code inputShapes} unless built, checking compatibility.
   *
   * @param inputShapes the shapes of the input batches, one per input, batch dimension first (-1
   *     when unknown)
   */
  public final void ensureBuilt(List<Shape> inputShapes) {
    if (builtInputShapes == null) {
      build(inputShapes);
      // Batch size unknown (None), as Keras: a first call on a batch of 8 (in a traced function)
      // must not fix the batch size of later calls.
      builtInputShapes = inputShapes.stream()
          .map(s -> s.numDimensions() > 0 ? Shapes.withBatch(s, -1) : s).toList();
      return;
    }
    boolean compatible = builtInputShapes.size() == inputShapes.size();
    for (int i = 0; compatible && i < inputShapes.size(); i++) {
      compatible = Shapes.samplesCompatible(builtInputShapes.get(i), inputShapes.get(i));
    }
    if (!compatible) {
      throw new IllegalArgumentException(
          "Input of shape " + toKeras(inputShapes) + " is incompatible with layer '" + name
              + "', which was built for inputs of shape " + toKeras(builtInputShapes));
    }
  }

  private static String toKeras(List<Shape> shapes) {
    return shapes.size() == 1 ? Shapes.toKeras(shapes.get(0))
        : shapes.stream().map(Shapes::toKeras).toList().toString();
  }

  /**
   * Creates the weights for inputs of {@code inputShapes} (batch dimension first); the default
   * builds a one-input layer with {@link #build(Shape)}.
   *
   * @param inputShapes the shapes of the input batches, one per input, batch dimension first (-1
   *     when unknown)
   */
  protected void build(List<Shape> inputShapes) {
    build(oneInput(inputShapes));
  }

  /**
   * Creates the weights for inputs of {@code inputShape} (batch dimension first).
   *
   * @param inputShape the shape of the input batches, batch dimension first (-1 when unknown)
   */
  protected void build(Shape inputShape) {}

  /**
   * Computes the outputs inside a model's trace; the default is the one output of {@link
   * #call(List, boolean)}. Layers of several outputs override this.
   *
   * @param inputs the inputs, inside the trace
   * @param training true while training (Dropout drops, BatchNormalization uses batch statistics),
   *     false for inference
   * @return the outputs, in order
   */
  protected List<KerasTensor> callAll(List<KerasTensor> inputs, boolean training) {
    return List.of(call(inputs, training));
  }

  /**
   * {@link #callAll(List, boolean)} for a layer that {@link #supportsMasking} when any input has
   * a mask; the default runs a one-input layer's {@link #call(KerasTensor, boolean,
   * KerasTensor)}.
   *
   * @param inputs the inputs, inside the trace
   * @param training true while training, false for inference
   * @param masks each input's mask, or null for an input without one
   * @return the outputs, in order
   */
  protected List<KerasTensor> callAll(
      List<KerasTensor> inputs, boolean training, List<KerasTensor> masks) {
    return inputs.size() == 1 ? List.of(call(inputs.get(0), training, masks.get(0)))
        : callAll(inputs, training);
  }

  /**
   * Computes the output of one masked input (Keras's {@code call(inputs, mask=...)}); the default
   * ignores the mask, as layers that only pass it on do.
   *
   * @param inputs the input batch, inside the trace
   * @param training true while training, false for inference
   * @param mask the input's mask: bool, {@code (batch, steps)}, true for the steps to use
   * @return the output batch
   */
  protected KerasTensor call(KerasTensor inputs, boolean training, KerasTensor mask) {
    return call(inputs, training);
  }

  /**
   * Computes the output of several inputs inside a model's trace (merge layers override this);
   * the default runs a one-input layer's {@link #call(KerasTensor, boolean)}.
   *
   * @param inputs the inputs, inside the trace
   * @param training true while training (Dropout drops, BatchNormalization uses batch statistics),
   *     false for inference
   * @return the output
   */
  protected KerasTensor call(List<KerasTensor> inputs, boolean training) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(describe() + " takes one input but was called on "
          + inputs.size());
    }
    return call(inputs.get(0), training);
  }

  /**
   * Computes the output of one input inside a model's trace.
   *
   * @param inputs the input batch, inside the trace
   * @param training true while training (Dropout drops, BatchNormalization uses batch statistics),
   *     false for inference
   * @return the output batch
   */
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " extends Layer but overrides neither call(KerasTensor, boolean) nor call(List, boolean)");
  }

  /**
   * The output shapes for inputs of {@code inputShapes}; the default is a one-input layer's
   * {@link #computeOutputShape(Shape)}.
   *
   * @param inputShapes the shapes of the input batches, one per input, batch dimension first (-1
   *     when unknown)
   * @return the output shapes, batch first, one per output
   */
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    return List.of(computeOutputShape(oneInput(inputShapes)));
  }

  private Shape oneInput(List<Shape> inputShapes) {
    if (inputShapes.size() != 1) {
      throw new IllegalArgumentException(describe() + " takes one input but was called on "
          + inputShapes.size() + ": " + toKeras(inputShapes));
    }
    return inputShapes.get(0);
  }

  /**
   * The output shape for inputs of {@code inputShape}; the default keeps the shape.
   *
   * @param inputShape the shape of the input batches, batch dimension first (-1 when unknown)
   * @return the output shape, batch first
   */
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /**
   * Creates a trainable weight named {@code layerName/name}.
   *
   * @param weightName the weight's name within the layer, e.g. {@code "kernel"}
   * @param shape the weight's shape
   * @param initializer creates the starting value
   * @param regularizer the penalty added to the loss, or null for none
   * @return the new weight, tracked by the layer
   */
  protected Variable addWeight(
      String weightName, Shape shape, Initializer initializer, Regularizer regularizer) {
    return addWeight(weightName, initializer.create(shape), true, regularizer);
  }

  /**
   * Creates a trainable weight named {@code layerName/name} that optimizers project with {@code
   * constraint} after each update, as Keras's {@code add_weight(constraint=...)}.
   *
   * @param weightName the weight's name within the layer, e.g. {@code "kernel"}
   * @param shape the weight's shape
   * @param initializer creates the starting value
   * @param regularizer the penalty added to the loss, or null for none
   * @param constraint the projection after each optimizer update, or null for none
   * @return the new weight, tracked by the layer
   */
  protected Variable addWeight(String weightName, Shape shape, Initializer initializer,
      Regularizer regularizer, Constraint constraint) {
    Variable variable = addWeight(weightName, shape, initializer, regularizer);
    variable.setConstraint(constraint);
    return variable;
  }

  /**
   * Creates a weight named {@code layerName/name} holding {@code value}.
   *
   * @param weightName the weight's name within the layer, e.g. {@code "moving_mean"}
   * @param value the starting value, which also fixes the weight's shape
   * @param trainable false for state that optimizers must not touch (e.g. moving statistics)
   * @param regularizer the penalty added to the loss, or null for none
   * @return the new weight, tracked by the layer
   */
  protected Variable addWeight(
      String weightName, FloatNdArray value, boolean trainable, Regularizer regularizer) {
    Variable variable = new Variable(name + "/" + weightName, value, trainable);
    weights.add(variable);
    if (regularizer != null) {
      regularizers.put(variable, regularizer);
    }
    return variable;
  }

  /**
   * The layer's variables, in Keras's order (kernel, then bias).
   *
   * @return the layer's variables, in Keras's order (kernel, then bias)
   */
  public List<Variable> variables() {
    if (children.isEmpty()) {
      return Collections.unmodifiableList(weights);
    }
    List<Variable> out = new ArrayList<>(weights);
    children.values().forEach(child -> out.addAll(child.variables()));
    return Collections.unmodifiableList(out);
  }

  /**
   * The variables optimizers update: the trainable ones, unless the layer is frozen.
   *
   * @return the variables optimizers update: the trainable ones, unless the layer is frozen
   */
  public List<Variable> trainableVariables() {
    if (!trainable) {
      return List.of();
    }
    List<Variable> out = new ArrayList<>(weights.stream().filter(Variable::trainable).toList());
    children.values().forEach(child -> out.addAll(child.trainableVariables()));
    return out;
  }

  /**
   * Tracks {@code child}, a layer this one holds as the attribute {@code attribute} (an RNN's
   * {@code cell}, Bidirectional's {@code forward_layer}), as Keras tracks a sublayer: its
   * variables count as this layer's (after this layer's own), its penalties join this layer's,
   * and a weights file keeps them under {@code <this layer>/<attribute>/}.
   *
   * @param <L> the child's type
   * @param attribute Keras's attribute name, which names the child's group in weight files
   * @param child the layer held
   * @return {@code child}
   */
  protected final <L extends Layer> L trackChild(String attribute, L child) {
    children.put(attribute, child);
    return child;
  }

  /** The sublayers {@link #trackChild} tracks, by Keras's sorted attribute names. */
  @Override
  public List<SaveableChild> saveableChildren() {
    return children.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> SaveableChild.of(e.getKey(), e.getValue())).toList();
  }

  /**
   * The trainable variables, then the others: the order of a legacy {@code .h5} file.
   *
   * @return the trainable variables, then the non-trainable ones
   */
  @Override
  public List<Variable> legacyWeights() {
    List<Variable> out = new ArrayList<>(trainableVariables());
    Set<Variable> trainable = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    trainable.addAll(out);
    variables().stream().filter(v -> !trainable.contains(v)).forEach(out::add);
    return out;
  }

  /**
   * The regularization penalties of this layer's weights, inside a model's trace.
   *
   * @return the regularization penalties of this layer's weights, inside a model's trace
   */
  public List<KerasTensor> regularizationLosses() {
    List<KerasTensor> out = new ArrayList<>();
    regularizers.forEach((variable, reg) -> out.add(reg.apply(variable.value())));
    children.values().forEach(child -> out.addAll(child.regularizationLosses()));
    return out;
  }

  /**
   * The weights' current values (kernel, then bias), as Keras's {@code get_weights()}.
   *
   * @return the weights' current values (kernel, then bias), as Keras's {@code get_weights()}
   */
  public List<FloatNdArray> getWeights() {
    List<FloatNdArray> out = new ArrayList<>();
    for (Variable v : variables()) {
      out.add(v.numpy());
    }
    return out;
  }

  /**
   * Sets the weights (kernel, then bias), checking their count and shapes.
   *
   * @param values one array per weight, in the order {@link #getWeights()} gives them
   */
  public void setWeights(List<? extends NdArray<Float>> values) {
    if (values == null) {
      throw new IllegalArgumentException("setWeights got null; pass the list of values, in the"
          + " order of getWeights()");
    }
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

  /**
   * The number of weight values.
   *
   * @return the number of weight values
   */
  public long countParams() {
    long total = 0;
    for (Variable v : variables()) {
      total += v.shape().size();
    }
    return total;
  }

  /**
   * Keras's layer config: name, trainable, dtype and the layer's own settings.
   *
   * @return the config map, keyed as Keras's {@code get_config()} (snake_case), ready to write as
   *     JSON
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("trainable", trainable);
    config.put("dtype", DTypePolicies.serialize(dtypePolicy));
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

  /**
   * {@code Layer 'dense_1' (Dense)}, for messages.
   *
   * @return the layer's name and class, e.g. {@code Layer 'dense_1' (Dense)}
   */
  protected final String describe() {
    return "Layer '" + name + "' (" + getClass().getSimpleName() + ")";
  }

  @Override
  public String toString() {
    return "<" + getClass().getSimpleName() + " name=" + name + ">";
  }
}
