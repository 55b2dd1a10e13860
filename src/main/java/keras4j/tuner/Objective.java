package keras4j.tuner;

import java.util.List;

/**
 * What a tuner optimises: a metric of the training logs and whether to minimise or maximise it,
 * as KerasTuner's {@code Objective}. A trial's score is the objective's best value over its
 * epochs.
 *
 * @param name the log name, e.g. {@code "val_accuracy"}
 * @param direction {@code "min"} or {@code "max"}
 */
public record Objective(String name, String direction) {
  private static final List<String> MINIMISED =
      List.of("loss", "error", "mse", "mae", "mape", "msle", "crossentropy", "hinge");
  private static final List<String> MAXIMISED =
      List.of("accuracy", "acc", "auc", "precision", "recall");

  /**
   * An objective with its direction.
   *
   * @param name the log name
   * @param direction {@code "min"} or {@code "max"}
   * @throws IllegalArgumentException if the direction is neither
   */
  public Objective {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("An objective needs a metric name, e.g. val_loss");
    }
    if (!"min".equals(direction) && !"max".equals(direction)) {
      throw new IllegalArgumentException("direction must be \"min\" or \"max\", got " + direction);
    }
  }

  /**
   * The objective of a metric name, its direction inferred as KerasTuner infers it: losses and
   * errors are minimised, accuracies, AUC, precision and recall maximised.
   *
   * @param name the log name, with or without {@code val_}
   * @return the objective
   * @throws IllegalArgumentException if the direction cannot be inferred
   */
  public static Objective of(String name) {
    String metric = name.startsWith("val_") ? name.substring(4) : name;
    for (String m : MAXIMISED) {
      if (metric.equals(m) || metric.endsWith("_" + m)) {
        return new Objective(name, "max");
      }
    }
    for (String m : MINIMISED) {
      if (metric.contains(m)) {
        return new Objective(name, "min");
      }
    }
    throw new IllegalArgumentException("Could not infer optimization direction (\"min\" or"
        + " \"max\") for unknown metric \"" + name + "\". Please specify the objective as"
        + " new Objective(\"" + name + "\", direction)");
  }

  /** Whether {@code a} is a better score than {@code b}. */
  boolean better(double a, double b) {
    return "min".equals(direction) ? a < b : a > b;
  }

  /** KerasTuner's spelling: {@code Objective(name="val_loss", direction="min")}. */
  @Override
  public String toString() {
    return "Objective(name=\"" + name + "\", direction=\"" + direction + "\")";
  }
}
