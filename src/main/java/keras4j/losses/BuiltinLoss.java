package keras4j.losses;

import keras4j.core.KerasTensor;
import keras4j.backend.CoreBridge;
import keras4j.backend.FrameworkLosses;
import keras4j.backend.FrameworkLosses.Kind;

/** A Keras loss computed by TensorFlow Java's framework. */
abstract class BuiltinLoss extends Loss {
  private final Kind kind;
  private final boolean fromLogits;

  BuiltinLoss(String name, Kind kind, boolean fromLogits, String reduction) {
    super(name, reduction);
    this.kind = kind;
    this.fromLogits = fromLogits;
  }

  /**
   * Whether the model's outputs are logits rather than probabilities.
   *
   * @return whether the model's outputs are logits rather than probabilities
   */
  public boolean fromLogits() {
    return fromLogits;
  }

  /** The label smoothing of a crossentropy; 0 for the others. */
  float labelSmoothing() {
    return 0f;
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    return CoreBridge.kerasTensor(FrameworkLosses.perSample(kind, CoreBridge.tensor(yTrue),
        CoreBridge.tensor(yPred), fromLogits, labelSmoothing()));
  }
}
