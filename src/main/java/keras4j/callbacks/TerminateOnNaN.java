package keras4j.callbacks;

import java.util.Map;

/**
 * Stops training as soon as a batch's loss is NaN or infinite, as {@code
 * keras.callbacks.TerminateOnNaN}: it prints {@code Batch N: Invalid loss, terminating training}
 * and training ends after that batch. {@code new TerminateOnNaN(true)} throws an {@link
 * ArithmeticException} instead, so that the failure cannot go unnoticed.
 */
public class TerminateOnNaN extends Callback {
  private final boolean raiseError;
  private int epoch;

  /** Stops training quietly (Keras's default). */
  public TerminateOnNaN() {
    this(false);
  }

  /**
   * Stops training, throwing an {@link ArithmeticException} when {@code raiseError}.
   *
   * @param raiseError true to throw when the loss becomes NaN or infinite, false to only stop
   *     training
   */
  public TerminateOnNaN(boolean raiseError) {
    this.raiseError = raiseError;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    this.epoch = epoch;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss == null || Double.isFinite(loss)) {
      return;
    }
    if (raiseError) {
      throw new ArithmeticException(
          "Invalid loss " + loss + " at epoch " + epoch + ", batch " + batch + " (both counted"
              + " from 0); training stopped. Usual causes: NaN or infinite values in the inputs or"
              + " labels, or a learning rate too high (try a smaller one)");
    }
    System.out.println("Batch " + batch + ": Invalid loss, terminating training");
    model().setStopTraining(true);
  }
}
