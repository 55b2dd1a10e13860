package keras4j.models;

import java.util.Locale;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.layers.Layer;

/** Keras 3's {@code model.summary()} table. */
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
    long total = 0;
    for (Variable v : model.variables()) {
      total += v.shape().size();
    }
    for (Variable v : model.trainableVariables()) {
      trainable += v.shape().size();
    }
    out.append(count("Total params", total));
    out.append(count("Trainable params", trainable));
    out.append(count("Non-trainable params", total - trainable));
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

  private static String row(char edge, String name, String shape, String params) {
    return edge + " " + pad(name, WIDTHS[0] - 2, false) + " " + edge + " "
        + pad(shape, WIDTHS[1] - 2, false) + " " + edge + " " + pad(params, WIDTHS[2] - 2, true)
        + " " + edge + "\n";
  }

  private static String pad(String text, int width, boolean right) {
    String cut = text.length() > width ? text.substring(0, width) : text;
    String fill = " ".repeat(width - cut.length());
    return right ? fill + cut : cut + fill;
  }

  private static String count(String label, long params) {
    return String.format(Locale.ROOT, " %s: %,d (%s)%n", label, params, bytes(params * 4));
  }

  private static String bytes(long bytes) {
    if (bytes < 1024) {
      return String.format(Locale.ROOT, "%.2f B", (double) bytes);
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.2f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.2f MB", bytes / (1024.0 * 1024));
  }
}
