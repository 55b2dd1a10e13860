package keras4j.optimizers.schedules;

import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code InverseTimeDecay}: {@code initial_learning_rate / (1 + decay_rate * step /
 * decay_steps)}, the ratio floored with {@code staircase}.
 */
public class InverseTimeDecay extends TimeDecay {
  /**
   * A smooth decay.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps how often the decay is applied, above 0
   * @param decayRate the decay rate
   */
  public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate) {
    this(initialLearningRate, decaySteps, decayRate, false, "InverseTimeDecay");
  }

  /**
   * Every setting given.
   *
   * @param initialLearningRate the rate at step 0
   * @param decaySteps how often the decay is applied, above 0
   * @param decayRate the decay rate
   * @param staircase whether the rate changes in steps, every {@code decaySteps}
   * @param name the name saved in the config
   */
  public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate,
      boolean staircase, String name) {
    super(initialLearningRate, decaySteps, decayRate, staircase, name);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static InverseTimeDecay fromConfig(ConfigReader config) {
    return fromConfig(config, "InverseTimeDecay", InverseTimeDecay::new);
  }

  @Override
  KerasTensor decay(KerasTensor initial, KerasTensor rate, KerasTensor p) {
    return Ops.divide(initial, Ops.add(Schedules.scalar(1), Ops.multiply(rate, p)));
  }
}
