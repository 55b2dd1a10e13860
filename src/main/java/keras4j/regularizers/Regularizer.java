package keras4j.regularizers;

import java.util.Map;
import keras4j.core.KerasTensor;

/** A penalty on a weight that is added to the loss, like {@code keras.regularizers.Regularizer}. */
public interface Regularizer {
  /**
   * The scalar penalty for {@code weight}.
   *
   * @param weight the weight to penalise (a layer's kernel or bias)
   * @return the scalar penalty for {@code weight}
   */
  KerasTensor apply(KerasTensor weight);

  /**
   * The Keras class name and config, for saving.
   *
   * @return the Keras class name and config, for saving
   */
  Map<String, Object> getConfig();
}
