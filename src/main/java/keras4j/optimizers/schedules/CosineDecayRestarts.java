package keras4j.optimizers.schedules;

import static keras4j.optimizers.schedules.Schedules.scalar;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code CosineDecayRestarts} (SGDR): a cosine decay over {@code first_decay_steps},
 * then restarts, each period {@code t_mul} times longer and starting {@code m_mul} times lower.
 */
public class CosineDecayRestarts implements LearningRateSchedule {
  private final double initialLearningRate;
  private final double firstDecaySteps;
  private final double tMul;
  private final double mMul;
  private final double alpha;
  private final String name;

  /**
   * Keras's defaults: periods doubling, restarts at the initial rate, decay to 0.
   *
   * @param initialLearningRate the rate at step 0
   * @param firstDecaySteps the steps of the first period, above 0
   */
  public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps) {
    this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0, "SGDRDecay");
  }

  /**
   * Every setting given.
   *
   * @param initialLearningRate the rate at step 0
   * @param firstDecaySteps the steps of the first period, above 0
   * @param tMul how much longer each period is than the one before
   * @param mMul how much lower each restart starts than the one before
   * @param alpha the lowest rate as a fraction of the initial rate
   * @param name the name saved in the config
   */
  public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul,
      double mMul, double alpha, String name) {
    this.initialLearningRate = initialLearningRate;
    this.firstDecaySteps = Schedules.positiveSteps("first_decay_steps", firstDecaySteps);
    this.tMul = tMul;
    this.mMul = mMul;
    this.alpha = alpha;
    this.name = name;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static CosineDecayRestarts fromConfig(ConfigReader config) {
    return new CosineDecayRestarts(Schedules.number(config, "initial_learning_rate"),
        Schedules.number(config, "first_decay_steps"), config.doubleValue("t_mul", 2.0),
        config.doubleValue("m_mul", 1.0), config.doubleValue("alpha", 0.0),
        config.string("name", "SGDRDecay"));
  }

  @Override
  public KerasTensor call(KerasTensor step) {
    KerasTensor one = scalar(1);
    KerasTensor t = scalar(tMul);
    KerasTensor fraction = Ops.divide(step, scalar(firstDecaySteps));
    KerasTensor restart;
    // Keras's cond(t_mul == 1, ...) on a constant: decided here, in float32 as Keras compares.
    if ((float) tMul == 1f) {
      restart = Ops.floor(fraction);
      fraction = Ops.subtract(fraction, restart);
    } else {
      KerasTensor oneMinusT = Ops.subtract(one, t);
      restart = Ops.floor(Ops.divide(
          Ops.log(Ops.subtract(one, Ops.multiply(fraction, oneMinusT))), Ops.log(t)));
      KerasTensor tPower = Ops.power(t, restart);
      KerasTensor sum = Ops.divide(Ops.subtract(one, tPower), oneMinusT);
      fraction = Ops.divide(Ops.subtract(fraction, sum), tPower);
    }
    KerasTensor mFactor = Ops.power(scalar(mMul), restart);
    KerasTensor cosine = Ops.multiply(Ops.multiply(mFactor, 0.5),
        Ops.add(one, Ops.cos(Ops.multiply(scalar(Math.PI), fraction))));
    KerasTensor a = scalar(alpha);
    KerasTensor decayed = Ops.add(Ops.multiply(Ops.subtract(one, a), cosine), a);
    return Ops.multiply(scalar(initialLearningRate), decayed);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("initial_learning_rate", initialLearningRate);
    config.put("first_decay_steps", Schedules.steps(firstDecaySteps));
    config.put("t_mul", tMul);
    config.put("m_mul", mMul);
    config.put("alpha", alpha);
    config.put("name", name);
    return config;
  }
}
