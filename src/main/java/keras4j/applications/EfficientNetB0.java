package keras4j.applications;

import keras4j.core.ApplicationArg;
import keras4j.models.Model;

/**
 * Keras's {@code keras.applications.EfficientNetB0}, built layer for layer (names, order,
 * weights) as Keras 3 builds it, so that the weights of a Keras-saved EfficientNetB0 load: {@code
 * EfficientNetB0.build(weights("none"), inputShape(64, 64, 3), classes(10))}. The model takes
 * pixels in [0, 255]: it starts with {@code Rescaling(1/255)} and a {@code Normalization} whose
 * mean and variance come with the weights. As in Keras, only {@code weights="imagenet"} adds the
 * extra rescaling by ImageNet's standard deviations; a model built with {@code weights(path)} of
 * Keras's ImageNet file lacks it, as Keras's built with that path does.
 */
public final class EfficientNetB0 {
  private static final String IMAGENET = "https://storage.googleapis.com/keras-applications/";

  private EfficientNetB0() {}

  /**
   * The EfficientNetB0 model.
   *
   * @param args {@code weights("none")} or {@code weights(path)} (required: Keras's default
   *     {@code "imagenet"} is refused, keras4j does not download), {@code includeTop}, {@code
   *     inputShape} (default 224x224x3 with the top, any size from 32x32 without), {@code
   *     pooling}, {@code classes}, {@code classifierActivation}, {@code name} (default {@code
   *     efficientnetb0})
   * @return the functional model, weights initialized as Keras's or loaded from the file
   */
  public static Model build(ApplicationArg... args) {
    ApplicationArgs a = new ApplicationArgs("EfficientNetB0", args, IMAGENET);
    return EfficientNet.build("EfficientNetB0", "efficientnetb0", 1.0, 1.0, 224, 0.2, a);
  }
}
