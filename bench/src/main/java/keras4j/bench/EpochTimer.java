package keras4j.bench;

import java.util.Map;
import keras4j.callbacks.Callback;

/**
 * Times one epoch of {@code fit} from its start to its end, so that building the steps is not
 * counted; collects the garbage of the previous call before training begins.
 */
final class EpochTimer extends Callback {
  private long start;
  private double seconds;

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    // Collect the garbage of the previous call now, not during the timed epoch.
    System.gc();
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    start = System.nanoTime();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    seconds = (System.nanoTime() - start) / 1e9;
  }

  /** The seconds of the last epoch. */
  double seconds() {
    return seconds;
  }
}
