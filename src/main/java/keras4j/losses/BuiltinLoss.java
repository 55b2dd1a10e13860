package keras4j.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.backend.CoreBridge;
import keras4j.backend.FrameworkLosses;
import keras4j.backend.FrameworkLosses.Kind;

/** A Keras loss computed by TensorFlow Java's framework. */
abstract class BuiltinLoss extends Loss {
  private final Kind kind;
  private final boolean fromLogits;

  BuiltinLoss(String name, Kind kind, boolean fromLogits) {
    super(name);
    this.kind = kind;
    this.fromLogits = fromLogits;
  }

  /** Whether the model's outputs are logits rather than probabilities. */
  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    return CoreBridge.kerasTensor(FrameworkLosses.perSample(
        kind, CoreBridge.tensor(yTrue), CoreBridge.tensor(yPred), fromLogits));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
    config.put("from_logits", fromLogits);
    return config;
  }
}
