package keras4j.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Prints training progress as Keras 3 does: a live bar with {@code verbose(1)}, one line per
 * epoch with {@code verbose(2)}, e.g. {@code 469/469 - 2s - 4ms/step - accuracy: 0.9123 - loss:
 * 0.3012}.
 */
public class ProgbarLogger extends Callback {
  private static final int BAR_WIDTH = 20;
  private static final long REFRESH_NANOS = 50_000_000L; // Keras's Progbar interval, 0.05 s
  private final int verbose;
  private final int epochs;
  private final int steps;
  private final PrintStream out;
  private long start;
  private long lastRefresh;

  /**
   * A logger for {@code epochs} epochs (0 for evaluate) of {@code steps} batches.
   *
   * @param verbose 1 for a progress bar updated every batch, 2 for one line per epoch
   * @param epochs the number of epochs of {@code fit}, or 0 when logging {@code evaluate} or {@code
   *     predict}
   * @param steps the number of batches per epoch, for the bar's {@code n/steps} count
   * @param out where to print, usually {@code System.out}
   */
  public ProgbarLogger(int verbose, int epochs, int steps, PrintStream out) {
    this.verbose = verbose;
    this.epochs = epochs;
    this.steps = steps;
    this.out = out;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    if (verbose > 0) {
      out.println("Epoch " + (epoch + 1) + "/" + epochs);
    }
    start = System.nanoTime();
  }

  @Override
  public void onTestBegin(Map<String, Double> logs) {
    if (epochs == 0) {
      start = System.nanoTime();
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    long now = System.nanoTime();
    if (verbose == 1 && now - lastRefresh >= REFRESH_NANOS) {
      lastRefresh = now;
      out.print("\r" + line(batch + 1, logs, true));
      out.flush();
    }
  }

  @Override
  public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    if (epochs == 0) {
      onTrainBatchEnd(batch, logs);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    finish(logs);
  }

  @Override
  public void onTestEnd(Map<String, Double> logs) {
    if (epochs == 0) {
      finish(logs);
    }
  }

  private void finish(Map<String, Double> logs) {
    if (verbose == 1) {
      out.println("\r" + line(steps, logs, true));
    } else if (verbose == 2) {
      out.println(line(steps, logs, false));
    }
  }

  private String line(int done, Map<String, Double> logs, boolean bar) {
    double seconds = (System.nanoTime() - start) / 1e9;
    StringJoiner line = new StringJoiner(bar ? " " : " - ");
    line.add(done + "/" + steps);
    if (bar) {
      int filled = steps == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / steps);
      line.add("━".repeat(filled) + " ".repeat(BAR_WIDTH - filled));
    }
    line.add(Math.round(seconds) + "s");
    line.add(perStep(seconds / Math.max(1, done)));
    StringBuilder text = new StringBuilder(line.toString());
    // Keras 3 lists the metrics alphabetically (accuracy before loss, val_ ones last).
    new TreeMap<>(logs).forEach((name, value) ->
        text.append(" - ").append(name).append(": ").append(format(value)));
    return text.toString();
  }

  private static String perStep(double seconds) {
    if (seconds >= 1) {
      return Math.round(seconds) + "s/step";
    }
    if (seconds >= 1e-3) {
      return Math.round(seconds * 1e3) + "ms/step";
    }
    return Math.round(seconds * 1e6) + "us/step";
  }

  private static String format(double value) {
    return Math.abs(value) >= 1e-3 || value == 0
        ? String.format(Locale.ROOT, "%.4f", value)
        : String.format(Locale.ROOT, "%.4e", value);
  }
}
