package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import keras4j.callbacks.Callback;

/**
 * Calls every callback's hook in turn, as Keras's {@code CallbackList}: the logs, sorted by name
 * as Keras's {@code pythonify_logs} sorts them, are one map all the callbacks of a hook share, so
 * what one adds (a {@code learning_rate}) the next ones see.
 */
final class CallbackList {
  private final List<Callback> callbacks = new ArrayList<>();

  static CallbackList silent() {
    return new CallbackList();
  }

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
    Map<String, Double> sorted = sorted(logs);
    callbacks.forEach(c -> c.onEpochEnd(epoch, sorted));
  }

  void onTrainBatchBegin(int batch) {
    callbacks.forEach(c -> c.onTrainBatchBegin(batch, Map.of()));
  }

  void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    Map<String, Double> sorted = sorted(logs);
    callbacks.forEach(c -> c.onTrainBatchEnd(batch, sorted));
  }

  void onTestBegin() {
    callbacks.forEach(c -> c.onTestBegin(Map.of()));
  }

  void onTestEnd(Map<String, Double> logs) {
    Map<String, Double> sorted = sorted(logs);
    callbacks.forEach(c -> c.onTestEnd(sorted));
  }

  void onTestBatchBegin(int batch) {
    callbacks.forEach(c -> c.onTestBatchBegin(batch, Map.of()));
  }

  void onTestBatchEnd(int batch, Map<String, Double> logs) {
    Map<String, Double> sorted = sorted(logs);
    callbacks.forEach(c -> c.onTestBatchEnd(batch, sorted));
  }

  void onPredictBegin() {
    callbacks.forEach(c -> c.onPredictBegin(Map.of()));
  }

  void onPredictEnd() {
    callbacks.forEach(c -> c.onPredictEnd(Map.of()));
  }

  private static Map<String, Double> sorted(Map<String, Double> logs) {
    return new LinkedHashMap<>(new TreeMap<>(logs));
  }
}
