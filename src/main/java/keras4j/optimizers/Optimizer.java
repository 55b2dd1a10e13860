package keras4j.optimizers;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import keras4j.backend.CoreBridge;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.utils.Naming;
import keras4j.core.OptimizerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.optimizers.schedules.LearningRateSchedule;
import keras4j.optimizers.schedules.Schedules;
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
 * Variable#assign(KerasTensor) Variable.assign/assignAdd/assignSub}; {@link #iterationsValue()}
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
 * <p>Every optimizer takes Keras's common options, applied here and not by the subclasses, in
 * Keras's order: gradient accumulation ({@code gradientAccumulationSteps}), clipping ({@code
 * clipnorm}, {@code globalClipnorm} or {@code clipvalue}), decoupled weight decay ({@code
 * weightDecay}: {@code w -= w * weightDecay * lr} before the update), the update, then the
 * moving average of the weights ({@code useEma}, {@code emaMomentum}, {@code
 * emaOverwriteFrequency}). Keras's {@code loss_scale_factor} is not supported.
 *
 * <p>The learning rate is a variable ({@link #setLearningRate} works between epochs without
 * rebuilding anything) or a {@link LearningRateSchedule} of the iteration count, evaluated in the
 * training graph at every step. Every update waits for every gradient, and the iteration count
 * advances after all updates. {@link #variables()} is the saved state, in Keras's order.
 */
public abstract class Optimizer implements KerasSaveable {
  private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());
  /** The keyword arguments of Keras's {@code BaseOptimizer.__init__}, which every optimizer takes. */
  static final List<String> COMMON_ARGS = List.of("name", "learning_rate", "weight_decay",
      "clipnorm", "global_clipnorm", "clipvalue", "use_ema", "ema_momentum",
      "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps");

  private static final Set<String> LEGACY_KEYS =
      Set.of("decay", "jit_compile", "is_legacy_optimizer");

  private final Map<String, Object> args;
  private final String name;
  private final Variable iterations;
  // Exactly one of the two: the learning rate is a variable or a schedule, as in Keras.
  private final Variable learningRate;
  private final LearningRateSchedule schedule;
  private final Double weightDecay;
  private final Double clipnorm;
  private final Double globalClipnorm;
  private final Double clipvalue;
  private final boolean useEma;
  private final double emaMomentum;
  private final Integer emaOverwriteFrequency;
  private final Integer gradientAccumulationSteps;
  // Keras's self._variables: iterations, learning_rate, then what build adds, in order.
  private final List<Variable> variables = new ArrayList<>();
  // Keras's _trainable_variables_indices and _trainable_variables; null until built.
  private Map<Variable, Integer> indices;
  private List<Variable> trained;
  private List<Variable> averages;
  private List<Variable> accumulators;
  // Where the subclass's variables start in `variables` (after the base's averages/accumulators).
  private int subclassVariablesFrom;
  private final Set<Variable> excludedFromDecay =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private Pattern excludedNames;

  /**
   * An optimizer with a Keras name and starting learning rate, and no other option.
   *
   * @param name the optimizer's name, e.g. {@code adam}
   * @param learningRate the starting learning rate, above 0
   */
  protected Optimizer(String name, double learningRate) {
    this(name, learningRate, new OptimizerArg[] {new Kwarg("learning_rate", learningRate)});
  }

  /**
   * An optimizer called {@code name} (unless {@code args} name it) with the keyword arguments
   * {@code args}: the common ones of every optimizer ({@code learningRate}, {@code clipnorm},
   * {@code weightDecay}, ...) and the subclass's own {@code accepted} ones, read with {@link
   * #doubleArg} and {@link #booleanArg}.
   *
   * @param name the default name, Keras's snake_case class name (e.g. {@code adam})
   * @param defaultLearningRate the learning rate when {@code args} give none
   * @param args the keyword arguments
   * @param accepted the Keras names of the subclass's own arguments (e.g. {@code beta_1})
   * @throws IllegalArgumentException for an argument this optimizer does not take, a bad value,
   *     or more than one clipping option, with Keras's rules
   */
  protected Optimizer(
      String name, double defaultLearningRate, OptimizerArg[] args, String... accepted) {
    Set<String> names = new LinkedHashSet<>(COMMON_ARGS);
    names.addAll(List.of(accepted));
    this.args = Kwarg.parse(getClass().getSimpleName(), names, args);
    // As Keras's auto_name: adam, adam_1, ... unless named (an explicit name does not count).
    this.name = this.args.containsKey("name") ? (String) this.args.get("name")
        : Naming.uniquify(name);
    Object rate = this.args.getOrDefault("learning_rate", defaultLearningRate);
    if (this.args.containsKey("loss_scale_factor")) {
      throw new IllegalArgumentException("keras4j does not support loss_scale_factor (a fixed"
          + " loss scale): leave it out, or wrap the optimizer in a LossScaleOptimizer (compile"
          + " does under mixed_float16)");
    }
    weightDecay = number("weight_decay");
    clipnorm = number("clipnorm");
    globalClipnorm = number("global_clipnorm");
    clipvalue = number("clipvalue");
    useEma = booleanArg("use_ema", false);
    emaMomentum = doubleArg("ema_momentum", 0.99);
    Double frequency = number("ema_overwrite_frequency");
    emaOverwriteFrequency = frequency == null ? null : wholeNumber("ema_overwrite_frequency");
    Double steps = number("gradient_accumulation_steps");
    gradientAccumulationSteps = steps == null ? null : wholeNumber("gradient_accumulation_steps");
    checkOptions();
    this.iterations = track(new Variable(this.name + "/iteration", NdArrays.scalarOf(0f), false));
    if (rate instanceof LearningRateSchedule s) {
      this.schedule = s;
      this.learningRate = null;
    } else if (rate instanceof Number n) {
      checkLearningRate(n.doubleValue());
      this.schedule = null;
      this.learningRate = track(new Variable(
          this.name + "/learning_rate", NdArrays.scalarOf(n.floatValue()), false));
    } else {
      throw new IllegalArgumentException("Argument learning_rate should be a number or a"
          + " LearningRateSchedule, got " + rate);
    }
  }

  private void checkOptions() {
    if (gradientAccumulationSteps != null && gradientAccumulationSteps < 2) {
      throw new IllegalArgumentException("gradientAccumulationSteps must be an integer >= 2, got "
          + gradientAccumulationSteps);
    }
    if (useEma && !(emaMomentum >= 0 && emaMomentum <= 1)) {
      throw new IllegalArgumentException(
          "emaMomentum must be in the range [0, 1], got " + emaMomentum);
    }
    if (useEma && emaOverwriteFrequency != null && emaOverwriteFrequency < 1) {
      throw new IllegalArgumentException("emaOverwriteFrequency must be an integer >= 1 or left"
          + " out, got " + emaOverwriteFrequency);
    }
    int clips = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0)
        + (globalClipnorm != null ? 1 : 0);
    if (clips > 1) {
      throw new IllegalArgumentException("Only one of clipnorm, clipvalue and globalClipnorm can"
          + " be set. Received: clipnorm=" + clipnorm + ", clipvalue=" + clipvalue
          + ", globalClipnorm=" + globalClipnorm);
    }
  }

  private static void checkLearningRate(double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + value);
    }
  }

  /** The number argument {@code key}, or null when not given. */
  private Double number(String key) {
    Object value = args.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException(
          "Argument " + key + " of " + getClass().getSimpleName() + " should be a number, got "
              + value);
    }
    return n.doubleValue();
  }

  private int wholeNumber(String key) {
    double value = number(key);
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "Argument " + key + " should be an integer, got " + args.get(key));
    }
    return (int) value;
  }

  /**
   * The number argument {@code key} of the subclass, or {@code fallback} when not given.
   *
   * @param key the argument's Keras name, e.g. {@code beta_1}
   * @param fallback Keras's default
   * @return the value
   */
  protected double doubleArg(String key, double fallback) {
    Double value = number(key);
    return value == null ? fallback : value;
  }

  /**
   * The boolean argument {@code key} of the subclass, or {@code fallback} when not given.
   *
   * @param key the argument's Keras name, e.g. {@code amsgrad}
   * @param fallback Keras's default
   * @return the value
   */
  protected boolean booleanArg(String key, boolean fallback) {
    Object value = args.getOrDefault(key, fallback);
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException(
          "Argument " + key + " of " + getClass().getSimpleName() + " should be true or false,"
              + " got " + value);
    }
    return b;
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
   * The current learning rate: the variable's value, or the schedule's value at the current
   * iteration count.
   *
   * @return the learning rate the next step uses
   */
  public double getLearningRate() {
    return schedule != null ? schedule.call(rawIterations()) : learningRate.numpy().getFloat();
  }

  /**
   * Changes the learning rate; takes effect at the next step, without rebuilding the graph.
   *
   * @param value the new learning rate, above 0
   * @throws IllegalStateException if the learning rate is a schedule, as in Keras
   */
  public void setLearningRate(double value) {
    if (schedule != null) {
      throw new IllegalStateException("This optimizer was created with a `LearningRateSchedule`"
          + " object as its `learning_rate` constructor argument, hence its learning rate is not"
          + " settable. If you need the learning rate to be settable, you should instantiate"
          + " the optimizer with a float `learning_rate` argument.");
    }
    checkLearningRate(value);
    learningRate.assign(NdArrays.scalarOf((float) value));
  }

  /**
   * The learning-rate schedule.
   *
   * @return the schedule, or null when the learning rate is a number
   */
  public LearningRateSchedule learningRateSchedule() {
    return schedule;
  }

  /**
   * How many updates were applied: Keras's {@code optimizer.iterations}, which with gradient
   * accumulation counts the accumulated updates (training steps divided by the accumulation
   * steps).
   *
   * @return the number of updates
   */
  public long iterations() {
    long steps = rawIterations();
    return gradientAccumulationSteps == null ? steps : steps / gradientAccumulationSteps;
  }

  private long rawIterations() {
    return (long) iterations.numpy().getFloat();
  }

  /**
   * Keras's {@code self._iterations}: the number of training steps run before this one, which
   * schedules read. Prefer {@link #iterationsValue()} in an update rule.
   *
   * @return the iteration-count variable (float32)
   */
  protected Variable iterationsVariable() {
    return iterations;
  }

  /**
   * Keras's {@code self.iterations} inside a trace: the number of updates applied before this
   * one (plus one for the 1-based step of a bias correction); with gradient accumulation, the
   * training steps before this one divided by the accumulation steps.
   *
   * @return the count, a float32 scalar of the trace
   */
  protected KerasTensor iterationsValue() {
    KerasTensor steps = iterations.value();
    if (gradientAccumulationSteps == null) {
      return steps;
    }
    KerasTensor every = scalar(gradientAccumulationSteps);
    return Ops.divide(Ops.subtract(steps, Ops.mod(steps, every)), every);
  }

  /**
   * Keras's {@code optimizer.variables}: the iteration count, the learning rate (unless it is a
   * schedule), then every variable {@link #build} added, in the order it added them. This is the
   * order of the optimizer section of a Keras weights file.
   *
   * @return a copy of the list
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
   * Keras's {@code build(variables)}: remembers the variables this optimizer trains and creates
   * the common options' slots (the moving averages of {@code useEma}, then the gradient
   * accumulators), then, in a subclass that overrides it (calling {@code super.build} first),
   * the subclass's. {@link #applyGradients} calls it on first use; code restoring a saved state
   * calls it before assigning {@link #variables()}.
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
    List<Variable> distinct = new ArrayList<>();
    for (Variable v : trainedVariables) {
      if (byVariable.putIfAbsent(v, byVariable.size()) == null) {
        distinct.add(v);
      }
    }
    indices = byVariable;
    trained = List.copyOf(distinct);
    if (useEma) {
      averages = addOptimizerVariables(trained, "average").get(0);
    }
    if (gradientAccumulationSteps != null) {
      accumulators = addOptimizerVariables(trained, "gradient_accumulator").get(0);
    }
    subclassVariablesFrom = variables.size();
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
   * Keras's {@code exclude_from_weight_decay}: the weight decay skips {@code variables} and
   * every variable whose Keras name (the part after the last {@code /}, e.g. {@code bias})
   * contains a match of one of the regular expressions {@code names}.
   *
   * @param variables the variables to leave undecayed (may be empty)
   * @param names the name patterns to leave undecayed (may be empty)
   * @throws IllegalStateException once the optimizer is built
   */
  public void excludeFromWeightDecay(Collection<Variable> variables, Collection<String> names) {
    if (built()) {
      throw new IllegalStateException("excludeFromWeightDecay() can only be configured before"
          + " the optimizer is built");
    }
    excludedFromDecay.clear();
    excludedFromDecay.addAll(variables);
    excludedNames = names.isEmpty() ? null : Pattern.compile(String.join("|", names));
  }

  private boolean decays(Variable variable) {
    if (excludedFromDecay.contains(variable)) {
      return false;
    }
    String shortName = variable.name().substring(variable.name().lastIndexOf('/') + 1);
    return excludedNames == null || !excludedNames.matcher(shortName).find();
  }

  /**
   * Keras's {@code scale_loss}: the loss a training step differentiates, here the loss itself; a
   * {@link LossScaleOptimizer} multiplies it by its loss scale.
   *
   * @param loss the step's loss, inside the trace
   * @return the loss to take the gradients of
   */
  public KerasTensor scaleLoss(KerasTensor loss) {
    return loss;
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
    List<KerasTensor> ordered = StepOrder.afterAll(trace, grads, vars);
    KerasTensor rate = schedule != null
        ? schedule.call(iterations.value()) : learningRate.value();
    if (gradientAccumulationSteps == null) {
      update(ordered, vars, rate);
    } else {
      accumulateOrUpdate(trace, ordered, vars, rate);
    }
    if (useEma) {
      updateAverages();
    }
    // Keras's apply(): the variables' constraints project them after the update, every step.
    for (Variable v : vars) {
      if (v.constraint() != null) {
        v.assign(v.constraint().apply(v.value()));
      }
    }
    List<Variable> written = new ArrayList<>(vars);
    written.addAll(variables);
    StepOrder.incrementAfter(trace, iterations, written);
  }

  /** Keras's clipping, weight decay, then {@link #updateSteps}. */
  private void update(List<KerasTensor> gradients, List<Variable> vars, KerasTensor rate) {
    List<KerasTensor> clipped = clip(gradients);
    if (weightDecay != null) {
      for (Variable v : vars) {
        if (decays(v)) {
          v.assignSub(Ops.multiply(Ops.multiply(v.value(), weightDecay), rate));
        }
      }
    }
    updateSteps(clipped, vars, rate);
  }

  /** Keras's {@code _clip_gradients}: clipnorm per gradient, else global clipnorm, else value. */
  private List<KerasTensor> clip(List<KerasTensor> gradients) {
    if (clipnorm != null && clipnorm > 0) {
      KerasTensor limit = scalar(clipnorm);
      return gradients.stream().map(g -> Ops.divide(Ops.multiply(g, limit),
          Ops.maximum(Ops.sqrt(Ops.sum(Ops.square(g))), limit))).toList();
    }
    if (globalClipnorm != null && globalClipnorm > 0) {
      KerasTensor squares = null;
      for (KerasTensor g : gradients) {
        KerasTensor s = Ops.sum(Ops.square(g));
        squares = squares == null ? s : Ops.add(squares, s);
      }
      KerasTensor norm = Ops.sqrt(squares);
      // Keras's clip_by_global_norm: a NaN or infinite norm makes every gradient NaN.
      KerasTensor scale = Ops.add(
          Ops.multiply(Ops.minimum(Ops.divide(scalar(1), norm), 1 / globalClipnorm),
              globalClipnorm),
          Ops.subtract(norm, norm));
      return gradients.stream().map(g -> Ops.multiply(g, scale)).toList();
    }
    if (clipvalue != null && clipvalue > 0) {
      return gradients.stream().map(g -> Ops.clip(g, -clipvalue, clipvalue)).toList();
    }
    return gradients;
  }

  /**
   * Keras's gradient accumulation: every {@code gradientAccumulationSteps}-th step updates with
   * the mean of the accumulated gradients and resets them; the others only accumulate. Both are
   * built, and the step's state (weights and slots) keeps the update's result or its value from
   * before it, as Keras's {@code ops.cond} chooses.
   */
  private void accumulateOrUpdate(
      Trace trace, List<KerasTensor> gradients, List<Variable> vars, KerasTensor rate) {
    KerasTensor every = scalar(gradientAccumulationSteps);
    KerasTensor isUpdate = Ops.equal(
        Ops.mod(Ops.add(iterations.value(), scalar(1)), every), scalar(0));
    List<KerasTensor> sums = new ArrayList<>();
    List<KerasTensor> means = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      KerasTensor sum = Ops.add(gradients.get(i), accumulators.get(variableIndex(vars.get(i))));
      sums.add(sum);
      means.add(Ops.divide(sum, every));
    }
    List<Variable> state = new ArrayList<>(vars);
    state.addAll(variables.subList(subclassVariablesFrom, variables.size()));
    List<KerasTensor> before = StepOrder.snapshot(trace, state);
    update(means, vars, rate);
    for (int i = 0; i < state.size(); i++) {
      Variable v = state.get(i);
      v.assign(Ops.where(isUpdate, v.value(), before.get(i)));
    }
    for (int i = 0; i < vars.size(); i++) {
      Variable accumulator = accumulators.get(variableIndex(vars.get(i)));
      accumulator.assign(Ops.where(isUpdate, Ops.zerosLike(sums.get(i)), sums.get(i)));
    }
  }

  /**
   * Keras's {@code _update_model_variables_moving_average}, then the overwrite of the weights
   * with their averages every {@code emaOverwriteFrequency} updates.
   */
  private void updateAverages() {
    KerasTensor updates = iterationsValue();
    KerasTensor momentum = Ops.multiply(
        Ops.cast(Ops.notEqual(updates, scalar(0)), "float32"), emaMomentum);
    KerasTensor keep = Ops.subtract(scalar(1), momentum);
    for (int i = 0; i < trained.size(); i++) {
      Variable average = averages.get(i);
      average.assign(Ops.add(Ops.multiply(momentum, average), Ops.multiply(keep, trained.get(i))));
    }
    if (emaOverwriteFrequency != null) {
      KerasTensor overwrite = Ops.equal(
          Ops.mod(Ops.add(updates, scalar(1)), scalar(emaOverwriteFrequency)), scalar(0));
      for (int i = 0; i < trained.size(); i++) {
        Variable v = trained.get(i);
        v.assign(Ops.where(overwrite, averages.get(i), v.value()));
      }
    }
  }

  /**
   * Keras's {@code finalize_variable_values}, which {@code fit} calls after its last epoch: with
   * {@code useEma}, sets {@code trainedVariables} (the optimizer's, in its order) to their moving
   * averages; otherwise does nothing.
   *
   * @param trainedVariables the variables this optimizer was built with
   * @throws IllegalArgumentException if they are not as many as the optimizer's
   */
  public void finalizeVariableValues(List<Variable> trainedVariables) {
    if (!useEma || !built()) {
      return;
    }
    if (trainedVariables.size() != averages.size()) {
      throw new IllegalArgumentException("The length of model variables ("
          + trainedVariables.size() + ") to override does not match the length of model"
          + " variables stored in the optimizer (" + averages.size() + "). Please check if the"
          + " optimizer was called on your model.");
    }
    for (int i = 0; i < averages.size(); i++) {
      trainedVariables.get(i).assign(averages.get(i).numpy());
    }
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
    store.put("0", rawIterations());
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
    // Before its first step Keras saves an optimizer unbuilt: the iteration count and rate only.
    int unbuilt = learningRate == null ? 1 : 2;
    int count = store.size() == variables.size() ? variables.size()
        : store.size() == unbuilt ? unbuilt : -1;
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
   * Keras's {@code get_config}: the name, the learning rate (a number, or the schedule as Keras
   * serializes it), then the common options, under Keras's keys and in its order; subclasses
   * add their own.
   *
   * @return the config, in Keras's key order
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate",
        schedule != null ? Schedules.serialize(schedule)
            : getLearningRate());
    config.put("weight_decay", weightDecay);
    config.put("clipnorm", clipnorm);
    config.put("global_clipnorm", globalClipnorm);
    config.put("clipvalue", clipvalue);
    config.put("use_ema", useEma);
    config.put("ema_momentum", emaMomentum);
    config.put("ema_overwrite_frequency", emaOverwriteFrequency);
    config.put("loss_scale_factor", null);
    config.put("gradient_accumulation_steps", gradientAccumulationSteps);
    return config;
  }

  /**
   * The keyword arguments a Keras optimizer config describes, for a subclass's {@code
   * fromConfig}: every key with a value, the learning rate a number or a deserialized schedule.
   * Keras 2's {@code lr} is read as {@code learning_rate}; its {@code decay} (no longer supported
   * by Keras 3, which ignores it with a warning), {@code jit_compile} and {@code
   * is_legacy_optimizer} are left out.
   *
   * @param config the optimizer's config
   * @return the arguments, for the subclass's keyword constructor
   */
  protected static OptimizerArg[] configArgs(ConfigReader config) {
    List<OptimizerArg> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : config.asMap().entrySet()) {
      String key = e.getKey().equals("lr") ? "learning_rate" : e.getKey();
      Object value = e.getValue();
      if (value == null || LEGACY_KEYS.contains(key)) {
        if (key.equals("decay") && value instanceof Number n && n.doubleValue() != 0) {
          LOG.log(WARNING, "Argument decay ({0}) of optimizer ''{1}'' is no longer supported"
              + " and is ignored", value, config.raw("name"));
        }
        continue;
      }
      if (key.equals("learning_rate") && value instanceof Map<?, ?>) {
        value = Schedules.deserialize(config.object(e.getKey()));
      }
      out.add(new Kwarg(key, value));
    }
    return out.toArray(new OptimizerArg[0]);
  }

  /**
   * {@code args} after {@code first}: a positional constructor's values, which keyword arguments
   * may then override.
   *
   * @param args the keyword arguments
   * @param first the positional values, as keyword arguments
   * @return {@code first} then {@code args}
   */
  protected static OptimizerArg[] withArgs(OptimizerArg[] args, OptimizerArg... first) {
    OptimizerArg[] out = java.util.Arrays.copyOf(first, first.length + args.length);
    System.arraycopy(args, 0, out, first.length, args.length);
    return out;
  }

  /** The backend storage of {@code variables}, for the ordering helpers of this package. */
  static List<VariableStorage> storage(List<Variable> variables) {
    return variables.stream().map(CoreBridge::storage).toList();
  }
}
