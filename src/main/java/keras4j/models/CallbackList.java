package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;

/** Calls every callback's hook in turn, as Keras's {@code CallbackList}. */
final class CallbackList {
  private final List<Callback> callbacks = new ArrayList<>();

  void add(Callback callback) {
    callbacks.add(callback);
  }

  void setModel(Model model) {
    callbacks.forEach(c -> c.setModel(model));
  }

  void onTrainBegin() {
    callbacks.forEach(c -> c.onTrainBegin(Map.of()));
  }

  void onTrainEnd() {
    callbacks.forEach(c -> c.onTrainEnd(Map.of()));
  }

  void onEpochBegin(int epoch) {
    callbacks.forEach(c -> c.onEpochBegin(epoch, Map.of()));
  }

  void onEpochEnd(int epoch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
  }

  void onTrainBatchBegin(int batch) {
    callbacks.forEach(c -> c.onTrainBatchBegin(batch, Map.of()));
  }

  void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onTrainBatchEnd(batch, logs));
  }

  void onTestBegin() {
    callbacks.forEach(c -> c.onTestBegin(Map.of()));
  }

  void onTestEnd(Map<String, Double> logs) {
    callbacks.forEach(c -> c.onTestEnd(logs));
  }

  void onTestBatchBegin(int batch) {
    callbacks.forEach(c -> c.onTestBatchBegin(batch, Map.of()));
  }

  void onTestBatchEnd(int batch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onTestBatchEnd(batch, logs));
  }

  void onPredictBegin() {
    callbacks.forEach(c -> c.onPredictBegin(Map.of()));
  }

  void onPredictEnd() {
    callbacks.forEach(c -> c.onPredictEnd(Map.of()));
  }
}
