package keras4j.optimizers.schedules;

import static keras4j.optimizers.schedules.Schedules.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * What ExponentialDecay and InverseTimeDecay share: a decay rate applied {@code step /
 * decay_steps} times (floored with {@code staircase}), and the same config.
 */
abstract class TimeDecay implements LearningRateSchedule {
  final double initialLearningRate;
  final double decaySteps;
  final double decayRate;
  final boolean staircase;
  final String name;

  TimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase,
      String name) {
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = Schedules.positiveSteps("decay_steps", decaySteps);
    this.decayRate = decayRate;
    this.staircase = staircase;
    this.name = name;
  }

  /** A subclass's constructor of every setting. */
  @FunctionalInterface
  interface Factory<T> {
    T create(double initialLearningRate, double decaySteps, double decayRate, boolean staircase,
        String name);
  }

  /** Keras's {@code from_config} for a subclass, whose default name is {@code name}. */
  static <T> T fromConfig(ConfigReader config, String name, Factory<T> factory) {
    return factory.create(Schedules.number(config, "initial_learning_rate"),
        Schedules.number(config, "decay_steps"), Schedules.number(config, "decay_rate"),
        config.bool("staircase", false), config.string("name", name));
  }

  /** The rate from {@code p}, the decays so far: the subclass's formula. */
  abstract KerasTensor decay(KerasTensor initial, KerasTensor rate, KerasTensor p);

  @Override
  public KerasTensor call(KerasTensor step) {
    KerasTensor p = Ops.divide(step, scalar(decaySteps));
    return decay(scalar(initialLearningRate), scalar(decayRate), staircase ? Ops.floor(p) : p);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("initial_learning_rate", initialLearningRate);
    config.put("decay_steps", Schedules.steps(decaySteps));
    config.put("decay_rate", decayRate);
    config.put("staircase", staircase);
    config.put("name", name);
    return config;
  }
}
