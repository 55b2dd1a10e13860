package keras4j.optimizers;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.backend.CoreBridge;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.saving.KerasSaveable;
import keras4j.saving.WeightStore;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * An optimizer, as Keras 3's {@code keras.optimizers.Optimizer} ({@code base_optimizer.py}).
 *
 * <p>A subclass declares its state in {@link #build} with {@link #addVariableFromReference} (one
 * slot per trained variable, e.g. Adam's "momentum" and "velocity") or {@link #addVariable}, and
 * writes Keras's {@link #updateStep} for one variable with {@link keras4j.ops.Ops} and {@link
 * Variable#assign(KerasTensor) Variable.assign/assignAdd/assignSub}; {@link #iterationsVariable()}
 * is Keras's {@code self.iterations}. For example SGD with momentum:
 *
 * <pre>{@code
 * class Momentum extends Optimizer {
 *   private List<Variable> velocities;
 *   Momentum(double learningRate) { super("momentum_sgd", learningRate); }
 *   public void build(List<Variable> variables) {
 *     super.build(variables);
 *     velocities = addOptimizerVariables(variables, "momentum").get(0);
 *   }
 *   protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
 *     Variable v = velocities.get(variableIndex(variable));
 *     KerasTensor newV = v.assign(Ops.subtract(Ops.multiply(v, 0.9),
 *         Ops.multiply(learningRate, gradient)));
 *     variable.assignAdd(newV);
 *   }
 * }
 * }</pre>
 *
 * <p>The learning rate is a variable ({@link #setLearningRate} works between epochs without
 * rebuilding anything), every update waits for every gradient, and the iteration count advances
 * after all updates. {@link #variables()} is the saved state, in Keras's order.
 */
public abstract class Optimizer implements KerasSaveable {
  private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());
  private final String name;
  private final Variable iterations;
  private final Variable learningRate;
  // Keras's self._variables: iterations, learning_rate, then what build adds, in order.
  private final List<Variable> variables = new ArrayList<>();
  // Keras's _trainable_variables_indices; null until built.
  private Map<Variable, Integer> indices;

  /**
   * An optimizer with a Keras name and starting learning rate.
   *
   * @param name the Keras name, e.g. {@code "adam"}, used as the prefix of the optimizer's variable
   *     names
   * @param learningRate the starting learning rate, positive
   */
  protected Optimizer(String name, double learningRate) {
    checkLearningRate(learningRate);
    this.name = name;
    this.iterations = track(new Variable(name + "/iteration", NdArrays.scalarOf(0f), false));
    this.learningRate = track(
        new Variable(name + "/learning_rate", NdArrays.scalarOf((float) learningRate), false));
  }

  private static void checkLearningRate(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + value);
    }
  }

  private Variable track(Variable variable) {
    variables.add(variable);
    return variable;
  }

  /** The Keras name, e.g. {@code adam}. */
  @Override
  public String name() {
    return name;
  }

  /**
   * The current learning rate.
   *
   * @return the current learning rate
   */
  public double getLearningRate() {
    return learningRate.numpy().getFloat();
  }

  /**
   * Changes the learning rate; takes effect at the next step, without rebuilding the graph.
   *
   * @param value the new learning rate, positive
   */
  public void setLearningRate(double value) {
    checkLearningRate(value);
    learningRate.assign(NdArrays.scalarOf((float) value));
  }

  /**
   * How many updates were applied.
   *
   * @return how many updates were applied
   */
  public long iterations() {
    return (long) iterations.numpy().getFloat();
  }

  /**
   * Keras's {@code self.iterations}: the number of updates applied before this one, for {@link
   * #updateStep} to read ({@code iterationsVariable().value()}, plus one for the 1-based step).
   *
   * @return the iteration counter variable
   */
  protected Variable iterationsVariable() {
    return iterations;
  }

  /**
   * Keras's {@code optimizer.variables}: the iteration count, the learning rate, then every
   * variable {@link #build} added, in the order it added them. This is the order of the optimizer
   * section of a Keras weights file.
   *
   * @return every variable of the optimizer, in the order they are saved
   */
  public List<Variable> variables() {
    return List.copyOf(variables);
  }

  /**
   * Whether {@link #build} has run.
   *
   * @return whether {@link #build} has run
   */
  public boolean built() {
    return indices != null;
  }

  /**
   * Keras's {@code build(variables)}: remembers the variables this optimizer trains and, in a
   * subclass that overrides it (calling {@code super.build} first), creates their slots. {@link
   * #applyGradients} calls it on first use; code restoring a saved state calls it before assigning
   * {@link #variables()}.
   *
   * @param trainedVariables the variables this optimizer trains, in the model's order
   * @throws IllegalStateException if already built: an optimizer trains one set of variables
   */
  public void build(List<Variable> trainedVariables) {
    if (built()) {
      throw new IllegalStateException("Optimizer '" + name + "' is built already, for "
          + indices.size() + " variables; create a new optimizer for other variables");
    }
    Map<Variable, Integer> byVariable = new IdentityHashMap<>();
    for (Variable v : trainedVariables) {
      byVariable.putIfAbsent(v, byVariable.size());
    }
    indices = byVariable;
  }

  /**
   * Keras's {@code _get_variable_index}: the position of {@code variable} in the list {@link
   * #build} got, to find its slots in lists made there.
   *
   * @param variable one of the trained variables
   * @return its 0-based position
   */
  protected int variableIndex(Variable variable) {
    Integer index = built() ? indices.get(variable) : null;
    if (index == null) {
      throw new IllegalArgumentException(unknown(variable));
    }
    return index;
  }

  private String unknown(Variable variable) {
    return "Unknown variable '" + variable.name() + "': optimizer '" + name + "' can only be"
        + " called for the variables it was built with; create a new optimizer for new variables";
  }

  /**
   * Keras's {@code add_variable}: a non-trainable variable of the optimizer, saved with it.
   *
   * @param variableName the variable's name within the optimizer
   * @param shape the variable's shape
   * @param initialValue the value every element starts at
   * @return the new variable, tracked and saved by the optimizer
   */
  protected Variable addVariable(String variableName, Shape shape, float initialValue) {
    FloatNdArray value = NdArrays.ofFloats(shape);
    if (initialValue != 0) {
      value.scalars().forEach(s -> s.setFloat(initialValue));
    }
    return track(new Variable(name + "/" + variableName, value, false));
  }

  /**
   * Keras's {@code add_variable_from_reference}: a variable of {@code reference}'s shape starting
   * at {@code initialValue}, named after both (e.g. {@code adam/dense_kernel_momentum}).
   *
   * @param reference the model variable the slot belongs to
   * @param slotName the slot's name, e.g. {@code "momentum"}, added to the variable's name
   * @param initialValue the value every element starts at
   * @return the new slot variable
   */
  protected Variable addVariableFromReference(
      Variable reference, String slotName, float initialValue) {
    return addVariable(
        reference.name().replace('/', '_') + "_" + slotName, reference.shape(), initialValue);
  }

  /**
   * {@link #addVariableFromReference(Variable, String, float)} starting at zeros.
   *
   * @param reference the model variable the slot belongs to
   * @param slotName the slot's name, e.g. {@code "momentum"}, added to the variable's name
   * @return the new slot variable, all zeros
   */
  protected Variable addVariableFromReference(Variable reference, String slotName) {
    return addVariableFromReference(reference, slotName, 0f);
  }

  /**
   * Keras's {@code add_optimizer_variables(variables, names)}: for each variable in turn, one
   * zero slot per name (Keras interleaves them so); returns one list per name, indexed as {@code
   * variables}.
   *
   * @param trainedVariables the variables this optimizer trains, in the model's order
   * @param slotNames the names of the slots to create for each variable
   * @return one list per slot name, holding that slot of each variable in order
   */
  protected List<List<Variable>> addOptimizerVariables(
      List<Variable> trainedVariables, String... slotNames) {
    List<List<Variable>> out = new ArrayList<>();
    for (String ignored : slotNames) {
      out.add(new ArrayList<>());
    }
    for (Variable v : trainedVariables) {
      for (int i = 0; i < slotNames.length; i++) {
        out.get(i).add(addVariableFromReference(v, slotNames[i]));
      }
    }
    return out;
  }

  /**
   * Keras's {@code optimizer.apply_gradients(zip(gradients, variables))}, inside a traced function
   * (a {@code trainStep}, the body of {@code keras4j.tf.TF.function}): builds the optimizer on
   * first use, then the update runs on every execution, after every read of the variables that
   * precedes it and after every gradient, and the iteration count moves on after every update. A
   * null gradient (a variable the loss does not depend on) is skipped with a warning, as in Keras;
   * all null is an error.
   *
   * @param gradients one gradient per variable, in the same order; null for a variable without one
   * @param trainedVariables the variables this optimizer trains, in the model's order
   */
  public void applyGradients(List<KerasTensor> gradients, List<Variable> trainedVariables) {
    Trace trace = Trace.current("Optimizer.applyGradients");
    if (gradients.size() != trainedVariables.size()) {
      throw new IllegalArgumentException(
          "applyGradients got " + gradients.size() + " gradients for " + trainedVariables.size()
              + " variables; give one gradient per variable, in the same order");
    }
    if (!built()) {
      build(trainedVariables);
    }
    List<KerasTensor> grads = new ArrayList<>();
    List<Variable> vars = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < trainedVariables.size(); i++) {
      Variable v = trainedVariables.get(i);
      KerasTensor g = gradients.get(i);
      if (!indices.containsKey(v)) {
        throw new IllegalArgumentException(unknown(v));
      }
      if (g == null) {
        skipped.add(v.name());
        continue;
      }
      if (!g.shape().isCompatibleWith(v.shape())) {
        throw new IllegalArgumentException(
            "The gradient for variable '" + v.name() + "' has shape " + Shapes.toKeras(g.shape())
                + " but the variable has shape " + Shapes.toKeras(v.shape())
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
    updateSteps(StepOrder.afterAll(trace, grads, vars), vars, learningRate.value());
    List<Variable> written = new ArrayList<>(vars);
    written.addAll(variables);
    StepOrder.incrementAfter(trace, iterations, written);
  }

  /**
   * Keras's {@code _backend_update_step}: {@link #updateStep} for each variable with a gradient.
   * Override it (calling {@code super}) for work done once per step, before the variables'
   * updates, such as Nadam's {@code u_product}.
   *
   * @param gradients one gradient per variable, in the same order; null for a variable without one
   * @param trainedVariables the variables this optimizer trains, in the model's order
   * @param learningRate the learning rate of this step, a scalar tensor
   */
  protected void updateSteps(
      List<KerasTensor> gradients, List<Variable> trainedVariables, KerasTensor learningRate) {
    for (int i = 0; i < trainedVariables.size(); i++) {
      updateStep(gradients.get(i), trainedVariables.get(i), learningRate);
    }
  }

  /**
   * Keras's {@code update_step}: updates {@code variable} (and its slots) from {@code gradient},
   * with {@code variable.assign/assignAdd/assignSub} of values computed by {@link Ops}. It runs
   * once, while the training step is traced; the updates it records run on every execution.
   *
   * @param gradient the gradient of the loss with respect to {@code variable}
   * @param variable the variable to update
   * @param learningRate the learning rate of this step, a scalar tensor
   */
  protected abstract void updateStep(
      KerasTensor gradient, Variable variable, KerasTensor learningRate);

  /**
   * A float32 scalar, for the constants of an update rule.
   *
   * @param value the constant
   * @return a float32 scalar tensor holding {@code value}
   */
  protected static KerasTensor scalar(double value) {
    return KerasTensor.constant(NdArrays.scalarOf((float) value));
  }

  /** Keras's {@code save_own_variables}: {@link #variables()}, the iteration count as int64. */
  @Override
  public void saveOwnVariables(WeightStore store) {
    store.put("0", iterations());
    for (int i = 1; i < variables.size(); i++) {
      store.put(Integer.toString(i), variables.get(i));
    }
  }

  /**
   * Keras's {@code load_own_variables}: assigns {@link #variables()} in order (build the
   * optimizer first, as loading a model does). A saved state that does not fit is skipped with a
   * warning, as in Keras; one holding only the iteration count and learning rate (saved before
   * the first training step) restores those two.
   */
  @Override
  public void loadOwnVariables(WeightStore store) {
    if (!store.exists()) {
      return;
    }
    int count = store.size() == variables.size() ? variables.size() : store.size() == 2 ? 2 : -1;
    if (count < 0) {
      LOG.log(WARNING, "Skipping variable loading for optimizer ''{0}'', because it has {1}"
          + " variables whereas the saved optimizer has {2} variables", name, variables.size(),
          store.size());
      return;
    }
    for (int i = 0; i < count; i++) {
      store.load(Integer.toString(i), variables.get(i), "Optimizer '" + name + "'");
    }
  }

  /**
   * The learning rate of a Keras optimizer config: {@code learning_rate} (Keras 2's {@code lr}),
   * or {@code fallback}; a schedule (an object) is refused.
   *
   * @param config the optimizer's saved config
   * @param fallback the optimizer's default learning rate
   * @return the learning rate to construct the optimizer with
   */
  protected static double learningRate(ConfigReader config, double fallback) {
    return config.doubleValue("learning_rate", config.doubleValue("lr", fallback));
  }

  /**
   * The Keras config, for saving.
   *
   * @return the Keras config, for saving
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate", getLearningRate());
    return config;
  }

  /** The backend storage of {@code variables}, for the ordering helpers of this package. */
  static List<VariableStorage> storage(List<Variable> variables) {
    return variables.stream().map(CoreBridge::storage).toList();
  }
}
