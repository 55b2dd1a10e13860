package keras4j.activations;

import keras4j.core.KerasTensor;

/** An element-wise activation function with its Keras name. */
public interface Activation {
  /** Applies the function. */
  KerasTensor apply(KerasTensor x);

  /** The Keras name, as saved in a layer's config. */
  String name();
}
