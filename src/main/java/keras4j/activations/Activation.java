package keras4j.activations;

import keras4j.core.KerasTensor;

/** An element-wise activation function with its Keras name. */
public interface Activation {
  /**
   * Applies the function.
   *
   * @param x the pre-activation values (e.g. a Dense layer's {@code x @ kernel + bias})
   * @return the activated values, shaped like {@code x}
   */
  KerasTensor apply(KerasTensor x);

  /**
   * The Keras name, as saved in a layer's config.
   *
   * @return the Keras name, as saved in a layer's config
   */
  String name();
}
