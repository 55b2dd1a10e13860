package keras4j.optimizers.schedules;

import static keras4j.optimizers.schedules.Schedules.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code CosineDecay}: {@code lr * ((1 - alpha) * 0.5 * (1 + cos(pi * step /
 * decay_steps)) + alpha)}, the step capped at {@code decay_steps}. With a {@code warmupTarget},
 * the rate first goes linearly from the initial rate to the target over {@code warmupSteps}, then
 * decays from the target.
 */
public class CosineDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final double decaySteps;
  private final double alpha;
  private final String name;
  private final Double warmupTarget;
  private final double warmupSteps;

  /**
   * A cosine decay to 0 over {@code decaySteps}, without warmup.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps of the decay, above 0
   */
  public CosineDecay(double initialLearningRate, double decaySteps) {
    this(initialLearningRate, decaySteps, 0, "CosineDecay", null, 0);
  }

  /**
   * Every setting given.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps of the decay, above 0
   * @param alpha the final rate as a fraction of the rate decayed from
   * @param name the name saved in the config
   * @param warmupTarget the rate the warmup reaches, or null for no warmup
   * @param warmupSteps the steps of the warmup
   */
  public CosineDecay(double initialLearningRate, double decaySteps, double alpha, String name,
      Double warmupTarget, double warmupSteps) {
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = Schedules.positiveSteps("decay_steps", decaySteps);
    this.alpha = alpha;
    this.name = name;
    this.warmupTarget = warmupTarget;
    this.warmupSteps = warmupSteps;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static CosineDecay fromConfig(ConfigReader config) {
    return new CosineDecay(Schedules.number(config, "initial_learning_rate"),
        Schedules.number(config, "decay_steps"), config.doubleValue("alpha", 0),
        config.string("name", "CosineDecay"),
        config.has("warmup_target") ? config.doubleValue("warmup_target", 0) : null,
        config.doubleValue("warmup_steps", 0));
  }

  @Override
  public KerasTensor call(KerasTensor step) {
    KerasTensor initial = scalar(initialLearningRate);
    KerasTensor steps = scalar(decaySteps);
    if (warmupTarget == null) {
      return decayed(Ops.minimum(step, steps), steps, initial);
    }
    KerasTensor target = scalar(warmupTarget);
    KerasTensor warmup = scalar(warmupSteps);
    KerasTensor at = Ops.minimum(step, Ops.add(steps, warmup));
    // Keras's cond(step < warmup_steps, warmup, decay), as a select of both.
    KerasTensor warming = Ops.add(
        Ops.multiply(Ops.subtract(target, initial), Ops.divide(at, warmup)), initial);
    return Ops.where(Ops.greater(warmup, at), warming,
        decayed(Ops.subtract(at, warmup), steps, target));
  }

  private KerasTensor decayed(KerasTensor step, KerasTensor steps, KerasTensor from) {
    KerasTensor cosine = Ops.multiply(
        Ops.add(scalar(1), Ops.cos(Ops.multiply(scalar(Math.PI), Ops.divide(step, steps)))), 0.5);
    return Ops.multiply(from, Ops.add(Ops.multiply(cosine, 1 - alpha), scalar(alpha)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("initial_learning_rate", initialLearningRate);
    config.put("decay_steps", Schedules.steps(decaySteps));
    config.put("alpha", alpha);
    config.put("name", name);
    config.put("warmup_target", warmupTarget);
    config.put("warmup_steps", Schedules.steps(warmupSteps));
    return config;
  }
}
