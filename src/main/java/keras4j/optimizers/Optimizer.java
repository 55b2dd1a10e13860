package keras4j.optimizers;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.backend.CoreBridge;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import keras4j.saving.ConfigReader;
import keras4j.saving.KerasSaveable;
import keras4j.saving.WeightStore;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An optimizer, as {@code keras.optimizers.Optimizer}: subclasses give Keras's {@code
 * update_step} for one variable.
 *
 * <p>keras4j writes its own optimizers on TensorFlow's raw ops because TF Java 1.0.0's framework
 * optimizers differentiate every variable of the graph, bake the learning rate in as a constant and
 * race on Adam's beta powers. Here the learning rate is a variable ({@link #setLearningRate} works
 * between epochs without rebuilding anything), the variables to train are an explicit list, every
 * update waits for every gradient, and the iteration count advances after all updates.
 *
 * <p>{@link #build} creates the slots (Adam's momentums and velocities, ...) in Keras's order,
 * which each optimizer gives with {@link #slotOrder}; weight files keep them in that order.
 */
public abstract class Optimizer implements KerasSaveable {
  private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());
  private final String name;
  private final Variable learningRate;
  private final Variable iterations;
  private final List<Variable> extraVariables = new ArrayList<>();
  private final Map<Variable, Map<String, Variable>> slots = new IdentityHashMap<>();
  // The trained variables by their storage, to name their slots.
  private final Map<VariableStorage, Variable> owners = new IdentityHashMap<>();
  private List<Variable> built;

  /** An optimizer with a Keras name and starting learning rate. */
  protected Optimizer(String name, double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    this.name = name;
    this.learningRate = new Variable(name + "/learning_rate", scalar(learningRate), false);
    this.iterations = new Variable(name + "/iterations", scalar(0), false);
  }

  private static org.tensorflow.ndarray.FloatNdArray scalar(double value) {
    return NdArrays.scalarOf((float) value);
  }

  /** The Keras name, e.g. {@code adam}. */
  @Override
  public String name() {
    return name;
  }

  /** The current learning rate. */
  public double getLearningRate() {
    return learningRate.numpy().getFloat();
  }

  /** Changes the learning rate; takes effect at the next step, without rebuilding the graph. */
  public void setLearningRate(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + value);
    }
    learningRate.assign(scalar(value));
  }

  /** How many updates were applied. */
  public long iterations() {
    return (long) iterations.numpy().getFloat();
  }

  /**
   * The optimizer's own variables: iteration count, learning rate, any per-optimizer state (Nadam's
   * {@code u_product}), then every slot.
   */
  public List<Variable> variables() {
    List<Variable> out = new ArrayList<>(List.of(iterations, learningRate));
    out.addAll(extraVariables);
    for (Map<String, Variable> perVariable : slots.values()) {
      out.addAll(perVariable.values());
    }
    return out;
  }

  /**
   * Keras's {@code optimizer.apply_gradients(zip(gradients, variables))}, inside a traced function
   * (a {@code trainStep}, the body of {@code keras4j.tf.TF.function}): the update runs on every
   * execution, after every read of the variables that precedes it, and the iteration count moves
   * on after every update. A null gradient (a variable the loss does not depend on) is skipped with
   * a warning, as in Keras; all null is an error.
   */
  public void applyGradients(List<KerasTensor> gradients, List<Variable> variables) {
    Trace trace = Trace.current("Optimizer.applyGradients");
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(
          "applyGradients got " + gradients.size() + " gradients for " + variables.size()
              + " variables; give one gradient per variable, in the same order");
    }
    List<Operand<TFloat32>> grads = new ArrayList<>();
    List<Variable> vars = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable v = variables.get(i);
      if (gradients.get(i) == null) {
        skipped.add(v.name());
        continue;
      }
      Operand<TFloat32> g = CoreBridge.tensor(gradients.get(i)).operand();
      if (!g.shape().isCompatibleWith(v.shape())) {
        throw new IllegalArgumentException(
            "The gradient for variable '" + v.name() + "' has shape " + g.shape()
                + " but the variable has shape " + v.shape()
                + "; pass the gradients in the order of the variables");
      }
      grads.add(g);
      vars.add(v);
    }
    if (vars.isEmpty()) {
      throw new IllegalArgumentException(
          "No gradients provided for any variable " + skipped + ": the loss does not depend on"
              + " them (was it computed inside the GradientTape, from these variables?)");
    }
    if (!skipped.isEmpty()) {
      LOG.log(WARNING, "Gradients do not exist for variables {0} when minimizing the loss",
          skipped);
    }
    List<VariableStorage> touched = new ArrayList<>();
    vars.forEach(v -> touched.add(CoreBridge.storage(v)));
    List<Operand<TFloat32>> gated = new ArrayList<>();
    for (Operand<TFloat32> g : grads) {
      gated.add(trace.gate(touched, g));
    }
    Op update = buildUpdate(trace, gated, vars);
    variables().forEach(v -> touched.add(CoreBridge.storage(v)));
    trace.effect(update, touched);
  }

  // Every update waits for every gradient; the iteration count moves after every update.
  private Op buildUpdate(Trace trace, List<Operand<TFloat32>> gradients, List<Variable> variables) {
    build(variables);
    ModelGraph graph = trace.graph();
    Ops tf = graph.tf();
    List<Op> gradientOps = new ArrayList<>(gradients);
    Ops afterGradients = tf.withControlDependencies(gradientOps);
    Operand<TFloat32> lr = trace.read(CoreBridge.storage(learningRate));
    Operand<TFloat32> step = afterGradients.math.add(
        trace.read(CoreBridge.storage(iterations)), tf.constant(1f));
    List<Op> prepared = new ArrayList<>(gradientOps);
    prepared.addAll(beforeUpdates(afterGradients, graph, step));
    Ops afterPrepared = tf.withControlDependencies(prepared);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      GraphVariable twin = graph.variable(CoreBridge.storage(variables.get(i)));
      owners.put(twin.variable(), variables.get(i));
      updates.add(updateStep(afterPrepared, graph, twin, gradients.get(i), lr, step));
    }
    return tf.withControlDependencies(updates)
        .assignAdd(graph.variable(CoreBridge.storage(iterations)).ref(), tf.constant(1f));
  }

  /**
   * Keras's {@code update_step}: the op updating {@code variable} from {@code gradient}; {@code
   * step} is the 1-based iteration number. Ops made with {@code tf} run after every gradient and
   * after {@link #beforeUpdates}.
   */
  protected abstract Op updateStep(
      Ops tf,
      ModelGraph graph,
      GraphVariable variable,
      Operand<TFloat32> gradient,
      Operand<TFloat32> learningRate,
      Operand<TFloat32> step);

  /**
   * Ops run once per step, after every gradient and before any {@link #updateStep}, e.g. Nadam's
   * momentum cache (Keras's {@code _backend_update_step} overrides); none by default.
   */
  protected List<Op> beforeUpdates(Ops tf, ModelGraph graph, Operand<TFloat32> step) {
    return List.of();
  }

  /**
   * A scalar owned by the optimizer itself rather than by one variable (Nadam's {@code
   * u_product}), starting at {@code init}; call it from the constructor.
   */
  protected Variable addVariable(String variableName, float init) {
    Variable variable = new Variable(name + "/" + variableName, scalar(init), false);
    extraVariables.add(variable);
    return variable;
  }

  /** The slot {@code slotName} of {@code variable} (e.g. Adam's "m"), starting at {@code init}. */
  protected GraphVariable slot(
      ModelGraph graph, GraphVariable variable, String slotName, float init) {
    return graph.variable(
        CoreBridge.storage(slotVariable(owners.get(variable.variable()), slotName, init)));
  }

  private Variable slotVariable(Variable owner, String slotName, float init) {
    return slots
        .computeIfAbsent(owner, v -> new LinkedHashMap<>())
        .computeIfAbsent(slotName, n -> new Variable(
            name + "/" + owner.name() + "/" + n, filled(owner.shape(), init), false));
  }

  /**
   * The slots of {@code variable} by name ({@code m}, {@code v}, ...), in creation order; empty
   * until the first training step creates them.
   */
  public Map<String, Variable> slots(Variable variable) {
    return java.util.Collections.unmodifiableMap(slots.getOrDefault(variable, Map.of()));
  }

  /**
   * Keras's {@code build(var_list)}: creates the slots of {@code variables} in Keras's order
   * ({@link #slotOrder}), once; the first training step builds the optimizer for the variables
   * it trains, and a loaded model's optimizer is built before its saved state is read.
   */
  public void build(List<Variable> variables) {
    if (built != null) {
      return;
    }
    built = List.copyOf(variables);
    for (List<String> group : slotOrder()) {
      for (Variable variable : built) {
        for (String slotName : group) {
          slotVariable(variable, slotName, slotInitialValue(slotName));
        }
      }
    }
  }

  /**
   * The slots Keras's {@code build} creates, in its order: one list per {@code
   * add_optimizer_variables} call, whose slot names it creates variable by variable (Adam's
   * {@code [[m, v]]} gives m and v of the first variable, then of the second, ...); none by
   * default.
   */
  protected List<List<String>> slotOrder() {
    return List.of();
  }

  /** The value the slot {@code slotName} starts at: 0 unless an optimizer says otherwise. */
  protected float slotInitialValue(String slotName) {
    return 0f;
  }

  /**
   * The variables a weight file holds, in Keras's order: iterations, learning rate, the slots in
   * build order, then the optimizer's own variables (Nadam's {@code u_product}).
   */
  private List<Variable> savedVariables() {
    List<Variable> out = new ArrayList<>(List.of(iterations, learningRate));
    for (List<String> group : built == null ? List.<List<String>>of() : slotOrder()) {
      for (Variable variable : built) {
        for (String slotName : group) {
          out.add(slots.get(variable).get(slotName));
        }
      }
    }
    out.addAll(extraVariables);
    return out;
  }

  /** Keras's {@code save_own_variables}: the iteration count (int64), then the other variables. */
  @Override
  public void saveOwnVariables(WeightStore store) {
    List<Variable> saved = savedVariables();
    store.put("0", iterations());
    for (int i = 1; i < saved.size(); i++) {
      store.put(Integer.toString(i), saved.get(i));
    }
  }

  /**
   * Keras's {@code load_own_variables}: a saved state that does not fit is skipped with a warning,
   * as in Keras; one holding only the iteration count and learning rate (saved before the first
   * training step) restores those two.
   */
  @Override
  public void loadOwnVariables(WeightStore store) {
    if (!store.exists()) {
      return;
    }
    List<Variable> saved = savedVariables();
    int count = store.size() == saved.size() ? saved.size() : store.size() == 2 ? 2 : -1;
    if (count < 0) {
      LOG.log(WARNING, "Skipping variable loading for optimizer ''{0}'', because it has {1}"
          + " variables whereas the saved optimizer has {2} variables", name, saved.size(),
          store.size());
      return;
    }
    for (int i = 0; i < count; i++) {
      store.load(Integer.toString(i), saved.get(i), "Optimizer '" + name + "'");
    }
  }

  /** Restores the iteration count from a saved optimizer. */
  public void setIterations(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + count);
    }
    iterations.assign(scalar(count));
  }

  private static org.tensorflow.ndarray.FloatNdArray filled(Shape shape, float value) {
    var array = NdArrays.ofFloats(shape);
    if (value != 0) {
      array.scalars().forEach(s -> s.setFloat(value));
    }
    return array;
  }

  /**
   * The learning rate of a Keras optimizer config: {@code learning_rate} (Keras 2's {@code lr}),
   * or {@code fallback}; a schedule (an object) is refused.
   */
  protected static double learningRate(ConfigReader config, double fallback) {
    return config.doubleValue("learning_rate", config.doubleValue("lr", fallback));
  }

  /** The Keras config, for saving. */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate", getLearningRate());
    return config;
  }
}
