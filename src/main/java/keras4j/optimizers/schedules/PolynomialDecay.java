package keras4j.optimizers.schedules;

import static keras4j.optimizers.schedules.Schedules.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code PolynomialDecay}: {@code (initial - end) * (1 - step / decay_steps) ^ power +
 * end}, the step capped at {@code decay_steps}; with {@code cycle}, {@code decay_steps} grows to
 * the first multiple above the step instead.
 */
public class PolynomialDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final double decaySteps;
  private final double endLearningRate;
  private final double power;
  private final boolean cycle;
  private final String name;

  /**
   * A linear decay to Keras's default end rate 0.0001.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps to reach the end rate, above 0
   */
  public PolynomialDecay(double initialLearningRate, double decaySteps) {
    this(initialLearningRate, decaySteps, 0.0001, 1.0, false, "PolynomialDecay");
  }

  /**
   * Every setting given.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps to reach the end rate, above 0
   * @param endLearningRate the rate after {@code decaySteps}
   * @param power the polynomial's power
   * @param cycle whether to decay again after {@code decaySteps}, over longer periods
   * @param name the name saved in the config
   */
  public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate,
      double power, boolean cycle, String name) {
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = Schedules.positiveSteps("decay_steps", decaySteps);
    this.endLearningRate = endLearningRate;
    this.power = power;
    this.cycle = cycle;
    this.name = name;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static PolynomialDecay fromConfig(ConfigReader config) {
    return new PolynomialDecay(Schedules.number(config, "initial_learning_rate"),
        Schedules.number(config, "decay_steps"), config.doubleValue("end_learning_rate", 0.0001),
        config.doubleValue("power", 1.0), config.bool("cycle", false),
        config.string("name", "PolynomialDecay"));
  }

  @Override
  public KerasTensor call(KerasTensor step) {
    KerasTensor initial = scalar(initialLearningRate);
    KerasTensor end = scalar(endLearningRate);
    KerasTensor steps = scalar(decaySteps);
    KerasTensor at = step;
    if (cycle) {
      KerasTensor multiplier = Ops.where(Ops.equal(step, scalar(0)), scalar(1),
          Ops.ceil(Ops.divide(step, steps)));
      steps = Ops.multiply(steps, multiplier);
    } else {
      at = Ops.minimum(step, steps);
    }
    KerasTensor p = Ops.divide(at, steps);
    return Ops.add(Ops.multiply(Ops.subtract(initial, end),
        Ops.power(Ops.subtract(scalar(1), p), scalar(power))), end);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("initial_learning_rate", initialLearningRate);
    config.put("decay_steps", Schedules.steps(decaySteps));
    config.put("end_learning_rate", endLearningRate);
    config.put("power", power);
    config.put("cycle", cycle);
    config.put("name", name);
    return config;
  }
}
