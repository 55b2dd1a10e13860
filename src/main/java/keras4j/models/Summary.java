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
import org.tensorflow.ndarray.Shape;

/**
 * Keras 3's {@code model.summary()} table, as {@code rich} draws it at 80 columns (what Python
 * prints when its output is not a terminal): a plain stack of layers, or, for a functional model
 * that branches, shares a layer or has several inputs, with Keras's "Connected to" column. Cells
 * wrap at spaces; a word too long for its cell ends in an ellipsis, as rich's.
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

  /** Greedy word wrap at {@code width}; a longer word is cut with an ellipsis, as rich does. */
  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (word.length() > width) {
        word = word.substring(0, width - 1) + "…";
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
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
