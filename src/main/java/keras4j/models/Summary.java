package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import keras4j.core.KerasHistory;
import keras4j.core.KerasTensor;
import keras4j.core.Node;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.layers.Layer;
import keras4j.optimizers.Optimizer;
import keras4j.utils.PythonFloats;
import org.tensorflow.ndarray.Shape;

/**
 * Keras 3's {@code model.summary()} table, as {@code rich} draws it at 80 columns (what Python
 * prints when its output is not a terminal): a plain stack of layers, or, for a functional model
 * that branches, shares a layer or has several inputs, with Keras's "Connected to" column. Cells
 * wrap at spaces; a word too long for its cell ends in an ellipsis, as rich's. The parameter
 * counts come with their memory; a compiled model whose optimizer is built adds Keras's
 * "Optimizer params" line, counted in the total, as Keras.
 */
final class Summary {
  private static final int[] SEQUENTIAL = {33, 24, 15};
  private static final int[] FUNCTIONAL = {21, 19, 12, 19};

  private Summary() {}

  static String of(Model model) {
    Functional graph = model.graph();
    boolean connected = graph != null && !graph.sequentialLike();
    int[] widths = connected ? FUNCTIONAL : SEQUENTIAL;
    List<String> header = new ArrayList<>(List.of("Layer (type)", "Output Shape", "Param #"));
    if (connected) {
      header.add("Connected to");
    }
    StringBuilder out = new StringBuilder();
    out.append("Model: \"").append(model.name()).append("\"\n");
    out.append(rule(widths, '┏', '┳', '┓', '━'));
    out.append(row(widths, '┃', header));
    out.append(rule(widths, '┡', '╇', '┩', '━'));
    var layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<String> cells = new ArrayList<>(List.of(
          layer.name() + " (" + layer.kerasClassName() + ")", shape(layer),
          String.format(Locale.ROOT, "%,d", layer.countParams())));
      if (connected) {
        cells.add(connections(layer, graph));
      }
      out.append(row(widths, '│', cells));
      if (i < layers.size() - 1) {
        out.append(rule(widths, '├', '┼', '┤', '─'));
      }
    }
    out.append(rule(widths, '└', '┴', '┘', '─'));
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

  /** Keras's {@code format_layer_shape}: the outputs of the layer's last call. */
  private static String shape(Layer layer) {
    List<Node> nodes = layer.inboundNodes();
    List<Shape> shapes = nodes.isEmpty() ? layer.outputShapes()
        : nodes.get(nodes.size() - 1).outputs().stream().map(KerasTensor::shape).toList();
    if (shapes == null || shapes.isEmpty()) {
      return "?";
    }
    List<String> printed = shapes.stream().map(Shapes::toKeras).toList();
    return printed.size() == 1 ? printed.get(0) : printed.toString();
  }

  /** {@code dense[0][0], dense_1[0][0]}: the tensors of every call of the layer in the model. */
  private static String connections(Layer layer, Functional graph) {
    StringJoiner out = new StringJoiner(", ");
    for (Node node : layer.inboundNodes()) {
      if (graph.contains(node)) {
        for (KerasTensor in : node.inputs()) {
          KerasHistory history = in.kerasHistory();
          out.add(history.operation().name() + "[" + history.nodeIndex() + "]["
              + history.tensorIndex() + "]");
        }
      }
    }
    return out.length() == 0 ? "-" : out.toString();
  }

  private static String rule(int[] widths, char left, char middle, char right, char line) {
    StringBuilder out = new StringBuilder().append(left);
    for (int i = 0; i < widths.length; i++) {
      out.append(String.valueOf(line).repeat(widths[i]));
      out.append(i < widths.length - 1 ? middle : right);
    }
    return out.append('\n').toString();
  }

  /** One table row, as many lines high as its most wrapped cell; Param # is right-aligned. */
  private static String row(int[] widths, char edge, List<String> cells) {
    List<List<String>> wrapped = new ArrayList<>();
    int height = 1;
    for (int i = 0; i < cells.size(); i++) {
      wrapped.add(wrap(cells.get(i), widths[i] - 2));
      height = Math.max(height, wrapped.get(i).size());
    }
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < height; line++) {
      out.append(edge);
      for (int i = 0; i < cells.size(); i++) {
        List<String> lines = wrapped.get(i);
        String text = line < lines.size() ? lines.get(line) : "";
        String fill = " ".repeat(widths[i] - 2 - text.length());
        out.append(' ').append(i == 2 ? fill + text : text + fill).append(' ').append(edge);
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
