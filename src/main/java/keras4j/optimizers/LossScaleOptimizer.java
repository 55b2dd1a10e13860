package keras4j.optimizers;

import static java.lang.System.Logger.Level.WARNING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.optimizers.schedules.LearningRateSchedule;
import keras4j.saving.WeightStore;

/**
 * Keras's {@code keras.optimizers.LossScaleOptimizer}: dynamic loss scaling around another
 * optimizer, against the underflow of float16 gradients under {@code mixed_float16} ({@code
 * compile} wraps the optimizer in one under that policy, as Keras does). The training step
 * multiplies the loss by the current scale ({@link #scaleLoss}); {@link #applyGradients} divides
 * the gradients by it and lets the inner optimizer update with them, unless a gradient is not
 * finite: then the step is skipped (weights and the inner optimizer's state unchanged) and the
 * scale halved. After {@code dynamic_growth_steps} finite steps in a row the scale doubles.
 */
public final class LossScaleOptimizer extends Optimizer {
  private static final System.Logger LOG = System.getLogger(LossScaleOptimizer.class.getName());
  private final Optimizer inner;
  private final double initialScale;
  private final int dynamicGrowthSteps;
  private Variable stepCounter;
  private Variable dynamicScale;

  /**
   * Keras's {@code LossScaleOptimizer(inner_optimizer, initial_scale=2**15,
   * dynamic_growth_steps=2000)}.
   *
   * @param inner the optimizer that updates the weights with the unscaled gradients
   * @param args {@code initialScale(...)}, {@code dynamicGrowthSteps(...)}, {@code name(...)}
   */
  public LossScaleOptimizer(Optimizer inner, OptimizerArg... args) {
    // The base's learning rate is unused: the inner optimizer's applies, as in Keras.
    super("loss_scale_optimizer", 1.0, args, "initial_scale", "dynamic_growth_steps");
    if (inner == null || inner instanceof LossScaleOptimizer) {
      throw new IllegalArgumentException("LossScaleOptimizer wraps an optimizer such as SGD or"
          + " Adam, got " + inner);
    }
    this.inner = inner;
    this.initialScale = doubleArg("initial_scale", Math.pow(2, 15));
    double growth = doubleArg("dynamic_growth_steps", 2000);
    if (!(initialScale > 0) || growth < 1 || growth != Math.rint(growth)) {
      throw new IllegalArgumentException("LossScaleOptimizer needs initial_scale > 0 and a whole"
          + " dynamic_growth_steps >= 1, got " + initialScale + " and " + growth);
    }
    this.dynamicGrowthSteps = (int) growth;
  }

  /**
   * The wrapped optimizer.
   *
   * @return the optimizer that updates the weights
   */
  public Optimizer innerOptimizer() {
    return inner;
  }

  /**
   * The loss scale now: the initial scale until the first step.
   *
   * @return the current dynamic loss scale
   */
  public double dynamicScale() {
    return dynamicScale == null ? initialScale : dynamicScale.numpy().getFloat();
  }

  /**
   * The finite steps since the scale last changed (Keras's {@code step_counter}).
   *
   * @return the count of finite steps since the last change of the scale
   */
  public long stepCounter() {
    return stepCounter == null ? 0 : (long) stepCounter.numpy().getFloat();
  }

  @Override
  public void build(List<Variable> trainedVariables) {
    super.build(trainedVariables);
    stepCounter = addVariable("step_counter", org.tensorflow.ndarray.Shape.scalar(), 0f);
    dynamicScale = addVariable("dynamic_scale", org.tensorflow.ndarray.Shape.scalar(),
        (float) initialScale);
    inner.build(trainedVariables);
  }

  /** Its own variables (iteration, rate, step counter, scale), then the inner optimizer's. */
  @Override
  public List<Variable> variables() {
    List<Variable> out = new ArrayList<>(super.variables());
    out.addAll(inner.variables());
    return out;
  }

  /** As Keras's: its own variables, then the inner optimizer's, in one list. */
  @Override
  public void saveOwnVariables(WeightStore store) {
    int own = super.variables().size();
    super.saveOwnVariables(part(store, 0, own));
    inner.saveOwnVariables(part(store, own, inner.variables().size()));
  }

  /**
   * Reads back what {@link #saveOwnVariables} wrote; a file of another variable count (an
   * optimizer saved unbuilt, or another one) is skipped with a warning, as Keras skips it.
   */
  @Override
  public void loadOwnVariables(WeightStore store) {
    int own = super.variables().size();
    int theirs = inner.variables().size();
    if (!store.exists()) {
      return;
    }
    if (store.size() != own + theirs) {
      LOG.log(WARNING, "Skipping variable loading for optimizer ''{0}'', because it has {1}"
          + " variables whereas the saved optimizer has {2} variables", name(), own + theirs,
          store.size());
      return;
    }
    super.loadOwnVariables(part(store, 0, own));
    inner.loadOwnVariables(part(store, own, theirs));
  }

  /** The entries {@code from} to {@code from + size} of {@code store}, numbered from 0. */
  private static WeightStore part(WeightStore store, int from, int size) {
    return new WeightStore() {
      @Override
      public String path() {
        return store.path();
      }

      @Override
      public boolean exists() {
        return store.exists();
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public void put(String key, Variable variable) {
        store.put(shifted(key), variable);
      }

      @Override
      public void put(String key, long value) {
        store.put(shifted(key), value);
      }

      @Override
      public void put(String key, float[] values) {
        store.put(shifted(key), values);
      }

      @Override
      public boolean has(String key) {
        return store.has(shifted(key));
      }

      @Override
      public void load(String key, Variable variable, String owner) {
        store.load(shifted(key), variable, owner);
      }

      private String shifted(String key) {
        return Integer.toString(Integer.parseInt(key) + from);
      }
    };
  }

  /** Keras's {@code scale_loss}: the loss times the current scale. */
  @Override
  public KerasTensor scaleLoss(KerasTensor loss) {
    return Ops.multiply(loss, built() ? dynamicScale.value() : scalar(initialScale));
  }

  /**
   * Keras's {@code apply}: when every gradient is finite, the inner optimizer updates with them
   * divided by the scale and the step counter moves on (doubling the scale every {@code
   * dynamic_growth_steps}); otherwise the step changes no weight nor inner state, and halves the
   * scale.
   */
  @Override
  public void applyGradients(List<KerasTensor> gradients, List<Variable> trainedVariables) {
    Trace trace = Trace.current("LossScaleOptimizer.applyGradients");
    if (!built()) {
      build(trainedVariables);
    }
    KerasTensor finite = null;
    for (KerasTensor g : gradients) {
      if (g != null) {
        KerasTensor all = Ops.all(Ops.isfinite(g));
        finite = finite == null ? all : Ops.logicalAnd(finite, all);
      }
    }
    if (finite == null) {
      // No gradient at all: the inner optimizer says so.
      inner.applyGradients(gradients, trainedVariables);
      return;
    }
    KerasTensor scale = dynamicScale.value();
    KerasTensor counter = stepCounter.value();
    List<KerasTensor> unscaled = new ArrayList<>();
    gradients.forEach(g -> unscaled.add(g == null ? null : Ops.divide(g, scale)));
    // The update is built either way; a step of non-finite gradients keeps what was before it.
    List<Variable> state = new ArrayList<>(trainedVariables);
    state.addAll(inner.variables());
    List<KerasTensor> before = StepOrder.snapshot(trace, state);
    inner.applyGradients(unscaled, trainedVariables);
    for (int i = 0; i < state.size(); i++) {
      Variable v = state.get(i);
      v.assign(Ops.where(finite, v.value(), before.get(i)));
    }
    KerasTensor grow = Ops.logicalAnd(finite, Ops.equal(counter, dynamicGrowthSteps - 1));
    stepCounter.assign(Ops.where(Ops.logicalAnd(finite, Ops.logicalNot(grow)),
        Ops.add(counter, 1), Ops.zerosLike(counter)));
    dynamicScale.assign(Ops.where(grow, Ops.multiply(scale, 2),
        Ops.where(finite, scale, Ops.multiply(scale, 0.5))));
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    throw new IllegalStateException("LossScaleOptimizer updates through its inner optimizer");
  }

  /** The inner optimizer's learning rate. */
  @Override
  public double getLearningRate() {
    return inner.getLearningRate();
  }

  /** Sets the inner optimizer's learning rate. */
  @Override
  public void setLearningRate(double value) {
    inner.setLearningRate(value);
  }

  /** The inner optimizer's schedule. */
  @Override
  public LearningRateSchedule learningRateSchedule() {
    return inner.learningRateSchedule();
  }

  /** The inner optimizer's update count, Keras's {@code iterations}. */
  @Override
  public long iterations() {
    return inner.iterations();
  }

  /** Keras's config: the name, the inner optimizer's serialized config and the scaling. */
  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("name", name());
    Map<String, Object> innerConfig = new java.util.LinkedHashMap<>();
    innerConfig.put("module", "keras.optimizers");
    innerConfig.put("class_name", inner.getClass().getSimpleName());
    innerConfig.put("config", inner.getConfig());
    innerConfig.put("registered_name", null);
    config.put("inner_optimizer", innerConfig);
    config.put("initial_scale", initialScale);
    config.put("dynamic_growth_steps", dynamicGrowthSteps);
    return config;
  }
}
