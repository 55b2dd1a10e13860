package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.layers.Layer;
import keras4j.optimizers.Optimizer;
import keras4j.utils.PythonFloats;

/**
 * Keras 3's {@code model.summary()} table, as it prints in an 80-column terminal: the columns
 * Keras sizes for that width, a cell too long for its column wrapped onto more rows as rich
 * wraps it (at spaces; a word longer than the column cut with "…"), the parameter counts with
 * their memory, and for a compiled model whose optimizer is built the "Optimizer params" line
 * (counted in the total, as Keras).
 */
final class Summary {
  private static final int[] WIDTHS = {33, 24, 15};

  private Summary() {}

  static String of(Model model) {
    StringBuilder out = new StringBuilder();
    out.append("Model: \"").append(model.name()).append("\"\n");
    out.append(rule('┏', '┳', '┓', '━'));
    out.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
    out.append(rule('┡', '╇', '┩', '━'));
    var layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      String shape = layer.outputShape() == null ? "?" : Shapes.toKeras(layer.outputShape());
      out.append(row('│', layer.name() + " (" + layer.getClass().getSimpleName() + ")", shape,
          String.format(Locale.ROOT, "%,d", layer.countParams())));
      if (i < layers.size() - 1) {
        out.append(rule('├', '┼', '┤', '─'));
      }
    }
    out.append(rule('└', '┴', '┘', '─'));
    long trainable = 0;
    long all = 0;
    for (Variable v : model.variables()) {
      all += v.shape().size();
    }
    for (Variable v : model.trainableVariables()) {
      trainable += v.shape().size();
    }
    Optimizer optimizer = model.optimizer();
    long optimizerParams = 0;
    if (optimizer != null && optimizer.built()) {
      for (Variable v : optimizer.variables()) {
        optimizerParams += v.shape().size();
      }
    }
    // Keras's iteration count is an int64 (8 bytes); every other variable is a float32.
    long optimizerBytes = optimizerParams == 0 ? 0 : optimizerParams * 4 + 4;
    out.append(count("Total params", all + optimizerParams, all * 4 + optimizerBytes));
    out.append(count("Trainable params", trainable, trainable * 4));
    out.append(count("Non-trainable params", all - trainable, (all - trainable) * 4));
    if (optimizerParams > 0) {
      out.append(count("Optimizer params", optimizerParams, optimizerBytes));
    }
    return out.toString();
  }

  private static String rule(char left, char middle, char right, char line) {
    StringBuilder out = new StringBuilder().append(left);
    for (int i = 0; i < WIDTHS.length; i++) {
      out.append(String.valueOf(line).repeat(WIDTHS[i]));
      out.append(i < WIDTHS.length - 1 ? middle : right);
    }
    return out.append('\n').toString();
  }

  /** One table row, as many lines high as its most wrapped cell; the counts right-aligned. */
  private static String row(char edge, String name, String shape, String params) {
    List<List<String>> cells = List.of(wrap(name, WIDTHS[0] - 2), wrap(shape, WIDTHS[1] - 2),
        wrap(params, WIDTHS[2] - 2));
    int height = cells.stream().mapToInt(List::size).max().orElse(1);
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < height; line++) {
      out.append(edge);
      for (int c = 0; c < cells.size(); c++) {
        String text = line < cells.get(c).size() ? cells.get(c).get(line) : "";
        String fill = " ".repeat(WIDTHS[c] - 2 - text.length());
        out.append(' ').append(c == 2 ? fill + text : text + fill).append(' ').append(edge);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Rich's word wrap with overflow "ellipsis": words (with the spaces after them) fill a line
   * while they fit, the spaces not counting at its end; a line still too long (one long word) is
   * cut to {@code width - 1} characters and "…".
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    java.util.regex.Matcher words = java.util.regex.Pattern.compile("\\s*\\S+\\s*").matcher(text);
    while (words.find()) {
      String word = words.group();
      if (line.length() > 0 && word.stripTrailing().length() > width - line.length()) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(word);
    }
    lines.add(line.toString());
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String trimmed = l.stripTrailing();
      out.add(trimmed.length() > width ? trimmed.substring(0, width - 1) + "…" : trimmed);
    }
    return out;
  }

  private static String count(String label, long params, long bytes) {
    return String.format(Locale.ROOT, " %s: %,d (%s)\n", label, params, readable(bytes));
  }

  /** Keras's {@code readable_memory_size}: B, KB, MB, ... by 1024, two decimals. */
  private static String readable(double bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
    for (String unit : units) {
      if (bytes / 1024 < 1) {
        return PythonFloats.fixed(bytes, 2) + " " + unit;
      }
      bytes /= 1024;
    }
    return PythonFloats.fixed(bytes, 2) + " PB";
  }
}
