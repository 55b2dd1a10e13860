package keras4j.optimizers.schedules;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import keras4j.saving.KerasClasses;
import org.tensorflow.ndarray.NdArrays;

/**
 * Keras's {@code keras.optimizers.schedules.serialize} and {@code deserialize}: the built-in
 * schedules by Keras class name, with the user's registered ones.
 */
public final class Schedules {
  private static final KerasClasses<LearningRateSchedule> CLASSES = new KerasClasses<>(
      "learning rate schedule", LearningRateSchedule.class, "keras.optimizers.schedules")
      .add("ExponentialDecay", ExponentialDecay.class, ExponentialDecay::fromConfig)
      .add("PiecewiseConstantDecay", PiecewiseConstantDecay.class,
          PiecewiseConstantDecay::fromConfig)
      .add("InverseTimeDecay", InverseTimeDecay.class, InverseTimeDecay::fromConfig)
      .add("PolynomialDecay", PolynomialDecay.class, PolynomialDecay::fromConfig)
      .add("CosineDecay", CosineDecay.class, CosineDecay::fromConfig)
      .add("CosineDecayRestarts", CosineDecayRestarts.class, CosineDecayRestarts::fromConfig);

  private Schedules() {}

  /**
   * Keras's serialized form of {@code schedule}: {@code {"module":
   * "keras.optimizers.schedules", "class_name", "config", "registered_name"}}.
   *
   * @param schedule a built-in or registered schedule
   * @return the entry an optimizer config holds as its {@code learning_rate}
   * @throws IllegalArgumentException for a schedule that cannot be saved
   */
  public static Map<String, Object> serialize(LearningRateSchedule schedule) {
    return CLASSES.serialize(schedule, schedule.getConfig());
  }

  /**
   * The schedule a serialized entry describes.
   *
   * @param entry the {@code learning_rate} object of an optimizer config
   * @return the schedule
   * @throws IllegalArgumentException for an unknown or unregistered class or a bad config
   */
  public static LearningRateSchedule deserialize(ConfigReader entry) {
    return CLASSES.deserialize(entry);
  }

  /** A float32 scalar constant. */
  static KerasTensor scalar(double value) {
    return KerasTensor.constant(NdArrays.scalarOf((float) value));
  }

  /** A step count as Keras writes it: an integer when it is one ({@code 1000}, not 1000.0). */
  static Object steps(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : value;
  }

  /** The required number {@code key} of a schedule's config. */
  static double number(ConfigReader config, String key) {
    if (!config.has(key)) {
      throw config.invalid(key, "a number");
    }
    return config.doubleValue(key, 0);
  }

  /** Checks a schedule's decay steps, with Keras's message. */
  static double positiveSteps(String key, double value) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(
          "Argument " + key + " must be > 0. Received: " + key + "=" + value);
    }
    return value;
  }
}
