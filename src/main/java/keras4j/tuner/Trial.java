package keras4j.tuner;

import java.util.Map;

/**
 * One trial of a search, as KerasTuner records it in {@code trial_<id>/trial.json}.
 *
 * @param trialId the trial's id, zero-padded ("00", "01", ...)
 * @param hyperparameters the values it trained with, by name
 * @param score its objective's best value over the epochs, or null if it did not finish
 * @param bestStep the epoch (0-based) of that value
 * @param status {@code "RUNNING"} while it trains, {@code "COMPLETED"} when done
 */
public record Trial(String trialId, Map<String, Object> hyperparameters, Double score,
    int bestStep, String status) {
  /** The status of a finished trial. */
  public static final String COMPLETED = "COMPLETED";

  /** The status of a trial started and not finished (a search killed during it). */
  public static final String RUNNING = "RUNNING";

  /**
   * KerasTuner's {@code Trial.summary()} text: id, hyperparameters, score.
   *
   * @return the lines, each ending with a newline
   */
  public String summary() {
    StringBuilder out = new StringBuilder("Trial " + trialId + " summary\nHyperparameters:\n");
    hyperparameters.forEach((name, value) -> out.append(name).append(": ").append(value)
        .append('\n'));
    if (score != null) {
      out.append("Score: ").append(score).append('\n');
    }
    return out.toString();
  }
}
