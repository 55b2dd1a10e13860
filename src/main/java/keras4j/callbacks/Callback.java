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

  /**
   * Called by the trainer before any hook; every {@code keras4j.models.Model} is one.
   *
   * @param model the model this callback observes and may act on (stop training, save, change the
   *     learning rate)
   */
  public void setModel(TrainingModel model) {
    this.model = model;
  }

  /**
   * The model being trained.
   *
   * @return the model being trained
   */
  public TrainingModel model() {
    return model;
  }

  /**
   * Start of {@code fit}.
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTrainBegin(Map<String, Double> logs) {}

  /**
   * End of {@code fit}.
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTrainEnd(Map<String, Double> logs) {}

  /**
   * Start of an epoch (0-based, as in Keras).
   *
   * @param epoch the 0-based index of the epoch
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onEpochBegin(int epoch, Map<String, Double> logs) {}

  /**
   * End of an epoch: {@code logs} has the epoch's metrics, and {@code val_} ones.
   *
   * @param epoch the 0-based index of the epoch
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onEpochEnd(int epoch, Map<String, Double> logs) {}

  /**
   * Start of a training batch.
   *
   * @param batch the 0-based index of the batch within the epoch (or within evaluate/predict)
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

  /**
   * End of a training batch: {@code logs} has the running metrics of the epoch.
   *
   * @param batch the 0-based index of the batch within the epoch (or within evaluate/predict)
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

  /**
   * Start of {@code evaluate} (and of validation inside {@code fit}).
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTestBegin(Map<String, Double> logs) {}

  /**
   * End of {@code evaluate}.
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTestEnd(Map<String, Double> logs) {}

  /**
   * Start of an evaluation batch.
   *
   * @param batch the 0-based index of the batch within the epoch (or within evaluate/predict)
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTestBatchBegin(int batch, Map<String, Double> logs) {}

  /**
   * End of an evaluation batch.
   *
   * @param batch the 0-based index of the batch within the epoch (or within evaluate/predict)
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onTestBatchEnd(int batch, Map<String, Double> logs) {}

  /**
   * Start of {@code predict}.
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onPredictBegin(Map<String, Double> logs) {}

  /**
   * End of {@code predict}.
   *
   * @param logs the metrics known at this point, keyed as in Keras ({@code "loss"}, {@code
   *     "val_accuracy"}, ...); empty where Keras passes none
   */
  public void onPredictEnd(Map<String, Double> logs) {}
}
