package keras4j.callbacks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model at the end of each epoch, Keras's {@code ModelCheckpoint}: {@code new
 * ModelCheckpoint("ckpt/model_{epoch:02d}_{val_loss:.3f}.keras").saveBestOnly(true)}.
 *
 * <p>The file path may name the epoch (1-based, as Keras) and any logged metric in Python's format
 * syntax: {@code {epoch}}, {@code {epoch:03d}}, {@code {val_loss:.2f}}, {@code {loss:.4e}}. A
 * {@code .keras} path saves the whole model, a {@code .weights.h5} path with {@link
 * #saveWeightsOnly} only its weights. Every save is atomic: a crash or an interrupt while saving
 * leaves the previous checkpoint intact.
 *
 * <p>With {@link #saveBestOnly}, a save happens only when the monitored value improves on the
 * best saved one, by more than {@code minDelta}, in the direction {@code mode} gives (see {@link
 * MonitorCallback}); a {@link #baseline} is Keras's {@code initial_value_threshold}, a value the
 * first save must already beat. The best value is kept across {@code fit} calls, as in Keras.
 */
public class ModelCheckpoint extends MonitorCallback<ModelCheckpoint> {
  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
  private static final Pattern SPEC = Pattern.compile("(0?)(\\d*)(?:\\.(\\d+))?([dfeEgG%]?)");

  private final String filepath;
  private boolean saveBestOnly;
  private boolean saveWeightsOnly;
  private int verbose;
  private Double best;

  /**
   * Saves to {@code filepath} (with {@code {epoch}}/{@code {metric}} placeholders) every epoch;
   * {@link #saveBestOnly} compares the {@link #monitor} ({@code "val_loss"} by default).
   *
   * @param filepath where to save: a {@code .keras} file, or {@code .weights.h5} with {@link
   *     #saveWeightsOnly}; e.g. {@code "ckpt-{epoch:02d}.keras"}
   */
  public ModelCheckpoint(String filepath) {
    super("val_loss");
    if (!filepath.endsWith(".keras") && !filepath.endsWith(".weights.h5")) {
      throw new IllegalArgumentException("The checkpoint path must end in .keras (or in"
          + " .weights.h5 with saveWeightsOnly(true)), got " + filepath);
    }
    this.filepath = filepath;
  }

  /**
   * Saves only when the monitored metric improves on the best seen so far.
   *
   * @param saveBestOnly true to skip epochs that do not improve the monitored metric (default
   *     false)
   * @return this callback, for chaining
   */
  public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
    this.saveBestOnly = saveBestOnly;
    return this;
  }

  /**
   * Saves only the weights (the path must end in {@code .weights.h5}).
   *
   * @param saveWeightsOnly true to write {@code .weights.h5} files instead of whole {@code .keras}
   *     models (default false)
   * @return this callback, for chaining
   */
  public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
    this.saveWeightsOnly = saveWeightsOnly;
    checkExtension();
    return this;
  }

  /**
   * 1 prints a line for every save or skipped save, 0 (the default) is silent.
   *
   * @param verbose 0 (silent) or 1 (print a line for every save or skipped save)
   * @return this callback, for chaining
   */
  public ModelCheckpoint verbose(int verbose) {
    this.verbose = verbose;
    return this;
  }

  private void checkExtension() {
    if (saveWeightsOnly && !filepath.endsWith(".weights.h5")) {
      throw new IllegalArgumentException("With saveWeightsOnly(true) the checkpoint path must"
          + " end in .weights.h5, got " + filepath);
    }
    if (!saveWeightsOnly && !filepath.endsWith(".keras")) {
      throw new IllegalArgumentException("A .weights.h5 checkpoint path needs"
          + " saveWeightsOnly(true); whole models are saved to .keras files, got " + filepath);
    }
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    super.onTrainBegin(logs);
    checkExtension();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Path path = Path.of(format(filepath, epoch + 1, logs));
    if (saveBestOnly) {
      Double current = logs.get(monitor());
      if (current == null) {
        System.err.printf("ModelCheckpoint: can save the best model only with %s available;"
            + " the logs have %s. Skipping.%n", monitor(), logs.keySet());
        return;
      }
      // As Keras's initial_value_threshold, a baseline is the best value until a save beats it.
      Double reference = best != null ? best : baseline();
      String from = reference == null ? "None" : String.format(Locale.ROOT, "%.5f", reference);
      if (!isImprovement(current, reference)) {
        if (verbose > 0) {
          System.out.printf("%nEpoch %d: %s did not improve from %s%n", epoch + 1, monitor(), from);
        }
        return;
      }
      if (verbose > 0) {
        System.out.printf(Locale.ROOT, "%nEpoch %d: %s improved from %s to %.5f, saving model to"
            + " %s%n", epoch + 1, monitor(), from, current, path);
      }
      best = current;
    } else if (verbose > 0) {
      System.out.printf("%nEpoch %d: saving model to %s%n", epoch + 1, path);
    }
    if (saveWeightsOnly) {
      model().saveWeights(path);
    } else {
      model().save(path);
    }
  }

  /**
   * Fills {@code {epoch}} and {@code {metric}} placeholders, with Python format specs such as
   * {@code 02d} or {@code .2f}, as Keras's {@code filepath.format(epoch=..., **logs)}.
   */
  static String format(String template, int epoch, Map<String, Double> logs) {
    Matcher m = FIELD.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      Object value = key.equals("epoch") ? (Object) epoch : logs.get(key);
      if (value == null) {
        throw new IllegalArgumentException("The checkpoint path " + template + " names {" + key
            + "}, which is not logged; available: epoch and " + logs.keySet());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(formatValue(value, m.group(2), template)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String formatValue(Object value, String spec, String template) {
    if (spec == null || spec.isEmpty()) {
      return value.toString();
    }
    Matcher s = SPEC.matcher(spec);
    if (!s.matches()) {
      throw new IllegalArgumentException("Unsupported format spec '" + spec + "' in " + template);
    }
    String flags = s.group(1).isEmpty() || s.group(2).isEmpty() ? "" : "0";
    String width = s.group(2);
    String precision = s.group(3) == null ? "" : "." + s.group(3);
    String type = s.group(4).isEmpty() ? (value instanceof Integer ? "d" : "g") : s.group(4);
    double number = ((Number) value).doubleValue();
    if (type.equals("d")) {
      return String.format(Locale.ROOT, "%" + flags + width + "d", Math.round(number));
    }
    if (type.equals("%")) {
      return String.format(Locale.ROOT, "%" + flags + width + precision + "f", number * 100) + "%";
    }
    return String.format(Locale.ROOT, "%" + flags + width + precision + type, number);
  }
}
