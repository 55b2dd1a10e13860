package keras4j.callbacks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import keras4j.utils.PythonFloats;

/**
 * Prints training progress exactly as Keras 3's {@code ProgbarLogger} and {@code Progbar} do.
 *
 * <p>{@code verbose(1)}: a live bar, redrawn at most every 0.05 s, {@code  3/10 ━━━━━━━━━━ 2s
 * 310ms/step - accuracy: 0.8812 - loss: 0.3012} (the step count padded to the target's
 * width, the bar in Keras's colours, the time remaining while the epoch runs, the time taken
 * once it is done); the line is redrawn in place and padded with spaces when it gets shorter,
 * so nothing of a longer previous line is left. {@code verbose(2)}: one line per epoch, {@code
 * 10/10 - 3s - 310ms/step - accuracy: 0.8812 - loss: 0.3012}. {@code "Epoch 2/5"} heads each epoch
 * when there are several. Values print as Python's {@code .4f} above 1e-3 in magnitude, as {@code
 * .4e} otherwise; metrics in the order they first appear in the logs (which {@code fit} sorts,
 * as Keras).
 */
public class ProgbarLogger extends Callback {
  private static final int WIDTH = 20;
  private static final double INTERVAL = 0.05; // seconds, Keras's Progbar default
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";
  private static final String GREEN = "\u001b[32m";
  private static final String WHITE = "\u001b[37m";

  private final int verbose;
  private final int epochs;
  private final int steps;
  private final PrintStream out;
  private final LongSupplier nanoClock;
  private final boolean dynamicDisplay;
  private boolean calledInFit;
  // One Progbar's state, reset at each epoch (and evaluate).
  private final Map<String, Double> values = new LinkedHashMap<>();
  private double start;
  private double lastUpdate;
  private Double timeAfterFirstStep;
  private int previousWidth;

  /**
   * A logger for {@code epochs} epochs (0 for evaluate) of {@code steps} batches.
   *
   * @param verbose 0 silent, 1 a live bar, 2 one line per epoch
   * @param epochs the number of epochs of the fit, 0 for an evaluate
   * @param steps the number of batches of an epoch (or of the evaluate)
   * @param out where to print
   */
  public ProgbarLogger(int verbose, int epochs, int steps, PrintStream out) {
    // As Python's Progbar: redrawn in place on POSIX systems and on consoles, else line by line.
    this(verbose, epochs, steps, out, System::nanoTime,
        System.console() != null || !System.getProperty("os.name", "").startsWith("Windows"));
  }

  /** For tests: time read from {@code nanoClock}, redrawing in place or not. */
  ProgbarLogger(int verbose, int epochs, int steps, PrintStream out, LongSupplier nanoClock,
      boolean dynamicDisplay) {
    this.verbose = verbose;
    this.epochs = epochs;
    this.steps = steps;
    this.out = out;
    this.nanoClock = nanoClock;
    this.dynamicDisplay = dynamicDisplay;
    reset();
  }

  private double now() {
    return nanoClock.getAsLong() / 1e9;
  }

  private void reset() {
    values.clear();
    start = now();
    lastUpdate = Double.NEGATIVE_INFINITY;
    timeAfterFirstStep = null;
    previousWidth = 0;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    calledInFit = true;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    reset();
    if (verbose > 0 && epochs > 1) {
      out.println("Epoch " + (epoch + 1) + "/" + epochs);
    }
  }

  @Override
  public void onTestBegin(Map<String, Double> logs) {
    if (!calledInFit) {
      reset();
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (verbose == 1) {
      update(batch + 1, logs, false);
    }
  }

  @Override
  public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    if (!calledInFit && verbose == 1) {
      update(batch + 1, logs, false);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    update(steps, logs, true);
  }

  @Override
  public void onTestEnd(Map<String, Double> logs) {
    if (!calledInFit) {
      update(steps, logs, true);
    }
  }

  /** Keras's {@code Progbar.update(current, values, finalize)}. */
  private void update(int current, Map<String, Double> logs, boolean finalize) {
    // In the order the logs come (sorted by the trainer, as Keras's CallbackList); a key first
    // seen later goes after the others, as in Keras's Progbar.
    values.putAll(logs);
    double now = now();
    double timePerUnit = stepDuration(current, now);
    if (verbose == 1) {
      if (now - lastUpdate < INTERVAL && !finalize) {
        return;
      }
      StringBuilder message = new StringBuilder();
      message.append(dynamicDisplay ? "\b".repeat(previousWidth) + "\r" : "\n");
      int filled = (int) (WIDTH * ((double) current / steps));
      StringBuilder bar = new StringBuilder(BOLD).append(count(current)).append(RESET).append(' ');
      if (filled > 0) {
        bar.append(GREEN).append("━".repeat(filled)).append(RESET);
      }
      bar.append(WHITE).append("━".repeat(WIDTH - filled)).append(RESET);
      StringBuilder info = new StringBuilder(" ").append(BOLD);
      info.append(finalize ? PythonFloats.fixed(now - start, 0) + "s"
          : eta(timePerUnit * (steps - current))).append(RESET);
      info.append(stepTime(timePerUnit));
      values.forEach((name, value) -> info.append(" - ").append(name).append(": ").append(
          Math.abs(value) > 1e-3 ? PythonFloats.fixed(value, 4)
              : PythonFloats.scientific(value, 4)));
      message.append(bar).append(info);
      int width = visibleLength(bar) + visibleLength(info);
      if (previousWidth > width) {
        message.append(" ".repeat(previousWidth - width));
      }
      if (finalize) {
        message.append('\n');
      }
      out.print(message);
      out.flush();
      previousWidth = width;
    } else if (verbose == 2 && finalize) {
      StringBuilder line = new StringBuilder(count(current)).append(" - ")
          .append(PythonFloats.fixed(now - start, 0)).append("s -").append(stepTime(timePerUnit));
      // Keras's verbose-2 branch tests value > 1e-3, without abs(): negatives print as .4e.
      values.forEach((name, value) -> line.append(" - ").append(name).append(": ").append(
          value > 1e-3 ? PythonFloats.fixed(value, 4) : PythonFloats.scientific(value, 4)));
      out.print(line.append('\n'));
      out.flush();
    }
    lastUpdate = now;
  }

  /** {@code current/target}, the count padded to the target's width: {@code " 3/10"}. */
  private String count(int current) {
    int digits = String.valueOf(steps).length();
    return String.format("%" + digits + "d/%d", current, steps);
  }

  /** Keras's {@code _estimate_step_duration}: seconds per step, the first step left out. */
  private double stepDuration(int current, double now) {
    if (current == 0) {
      return 0;
    }
    double perStep = timeAfterFirstStep != null && current > 1
        ? (now - timeAfterFirstStep) / (current - 1) : (now - start) / current;
    if (current == 1) {
      timeAfterFirstStep = now;
    }
    return perStep;
  }

  /** The time remaining as Keras prints it: {@code 42s}, {@code 3:07}, {@code 1:02:03}. */
  private static String eta(double seconds) {
    long whole = (long) seconds; // Python's %d truncates
    if (seconds > 3600) {
      return String.format("%d:%02d:%02d", whole / 3600, whole % 3600 / 60, whole % 60);
    }
    if (seconds > 60) {
      return String.format("%d:%02d", whole / 60, whole % 60);
    }
    return whole + "s";
  }

  /** Keras's {@code _format_time}: {@code " 2s/step"}, {@code " 5ms/step"}, {@code " 8us/step"}. */
  private static String stepTime(double seconds) {
    if (seconds >= 1 || seconds == 0) {
      return " " + PythonFloats.fixed(seconds, 0) + "s/step";
    }
    if (seconds >= 1e-3) {
      return " " + PythonFloats.fixed(seconds * 1000.0, 0) + "ms/step";
    }
    return " " + PythonFloats.fixed(seconds * 1000000.0, 0) + "us/step";
  }

  /** The length on screen: without the colour escapes. */
  private static int visibleLength(CharSequence text) {
    return text.toString().replaceAll("\u001b\\[[0-9;]*m", "").length();
  }
}
