package keras4j.callbacks;

import java.util.Map;

/**
 * Hooks into {@code fit}, {@code evaluate} and {@code predict}, as {@code keras.callbacks.Callback}.
 * Override the ones you need; {@code logs} maps metric names to their current values.
 */
public abstract class Callback {
  private TrainingModel model;

  /** A callback with no hooks overridden yet. */
  protected Callback() {}

  /** Called by the trainer before any hook; every {@code keras4j.models.Model} is one. */
  public void setModel(TrainingModel model) {
    this.model = model;
  }

  /** The model being trained. */
  public TrainingModel model() {
    return model;
  }

  /** Start of {@code fit}. */
  public void onTrainBegin(Map<String, Double> logs) {}

  /** End of {@code fit}. */
  public void onTrainEnd(Map<String, Double> logs) {}

  /** Start of an epoch (0-based, as in Keras). */
  public void onEpochBegin(int epoch, Map<String, Double> logs) {}

  /** End of an epoch: {@code logs} has the epoch's metrics, and {@code val_} ones. */
  public void onEpochEnd(int epoch, Map<String, Double> logs) {}

  /** Start of a training batch. */
  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

  /** End of a training batch: {@code logs} has the running metrics of the epoch. */
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

  /** Start of {@code evaluate} (and of validation inside {@code fit}). */
  public void onTestBegin(Map<String, Double> logs) {}

  /** End of {@code evaluate}. */
  public void onTestEnd(Map<String, Double> logs) {}

  /** Start of an evaluation batch. */
  public void onTestBatchBegin(int batch, Map<String, Double> logs) {}

  /** End of an evaluation batch. */
  public void onTestBatchEnd(int batch, Map<String, Double> logs) {}

  /** Start of {@code predict}. */
  public void onPredictBegin(Map<String, Double> logs) {}

  /** End of {@code predict}. */
  public void onPredictEnd(Map<String, Double> logs) {}
}
