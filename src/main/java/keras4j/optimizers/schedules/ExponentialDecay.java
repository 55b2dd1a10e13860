package keras4j.optimizers.schedules;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code ExponentialDecay}: {@code initial_learning_rate * decay_rate ^ (step /
 * decay_steps)}, the exponent floored with {@code staircase}.
 */
public class ExponentialDecay extends TimeDecay {
  /**
   * A smooth decay.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps over which the rate is multiplied by {@code decayRate}, above 0
   * @param decayRate the factor per {@code decaySteps}
   */
  public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate) {
    this(initialLearningRate, decaySteps, decayRate, false, "ExponentialDecay");
  }

  /**
   * Every setting given.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps the steps over which the rate is multiplied by {@code decayRate}, above 0
   * @param decayRate the factor per {@code decaySteps}
   * @param staircase whether the rate changes in steps, every {@code decaySteps}
   * @param name the name saved in the config
   */
  public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate,
      boolean staircase, String name) {
    super(initialLearningRate, decaySteps, decayRate, staircase, name);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static ExponentialDecay fromConfig(ConfigReader config) {
    return fromConfig(config, "ExponentialDecay", ExponentialDecay::new);
  }

  @Override
  KerasTensor decay(KerasTensor initial, KerasTensor rate, KerasTensor p) {
    return Ops.multiply(initial, Ops.power(rate, p));
  }
}
