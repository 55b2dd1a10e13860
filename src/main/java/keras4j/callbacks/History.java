package keras4j.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records each epoch's logs; {@code fit} returns it, as Keras's {@code History}. */
public class History extends Callback {
  private final List<Integer> epochs = new ArrayList<>();
  private final Map<String, List<Double>> history = new LinkedHashMap<>();

  /** An empty history; {@code fit} makes one for you. */
  public History() {}

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    logs.forEach((name, value) -> history.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
  }

  /**
   * Each metric's per-epoch values, {@code val_} ones included: {@code history().get("loss")}.
   *
   * @return an unmodifiable map from each logged metric to its values, one per epoch
   */
  public Map<String, List<Double>> history() {
    return Collections.unmodifiableMap(history);
  }

  /**
   * The epochs (0-based) that ran.
   *
   * @return the epochs (0-based) that ran
   */
  public List<Integer> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  @Override
  public String toString() {
    return "History" + history;
  }
}
