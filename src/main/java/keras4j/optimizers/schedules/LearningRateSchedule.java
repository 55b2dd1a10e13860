package keras4j.optimizers.schedules;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.tensorflow.ndarray.NdArrays;

/**
 * A learning rate that changes with the training step, Keras's {@code
 * keras.optimizers.schedules.LearningRateSchedule}: pass one as an optimizer's learning rate
 * ({@code new Adam(learningRate(new ExponentialDecay(0.1, 1000, 0.96)))}) and the optimizer
 * evaluates it inside the training graph at every step, from its iteration count, without
 * rebuilding anything.
 *
 * <p>A schedule of your own is {@link #call(KerasTensor)} written with {@link keras4j.ops.Ops},
 * for example {@code step -> Ops.divide(scalar, Ops.add(step, 1))}; to save it in a {@code .keras}
 * file, implement {@link #getConfig()} and register the class with {@code
 * ObjectRegistration.registerKerasSerializable}.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /**
   * Keras's {@code __call__(step)}: the learning rate at {@code step}, built with {@link
   * keras4j.ops.Ops} inside the training step's trace.
   *
   * @param step the optimizer's iteration count before this step (0 at the first step), a
   *     float32 scalar
   * @return the learning rate, a float32 scalar
   */
  KerasTensor call(KerasTensor step);

  /**
   * The learning rate at {@code step}, evaluated now (Keras's {@code schedule(step)} outside a
   * function).
   *
   * @param step the iteration count
   * @return the learning rate, computed in float32 as in training
   */
  default double call(long step) {
    try (TracedFunction<KerasTensor> rate = TF.function((KerasTensor s) -> call(s))) {
      return rate.call(KerasTensor.constant(NdArrays.scalarOf((float) step))).numpy().getFloat();
    }
  }

  /**
   * Keras's {@code get_config}: the constructor's arguments under Keras's names, for saving.
   *
   * @return the config
   * @throws IllegalArgumentException unless the class overrides it, as Keras requires to save
   */
  default Map<String, Object> getConfig() {
    throw new IllegalArgumentException("Learning rate schedule '" + getClass().getName()
        + "' must override getConfig() in order to be serializable");
  }
}
