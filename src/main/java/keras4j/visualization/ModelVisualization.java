package keras4j.visualization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import keras4j.core.KerasTensor;
import keras4j.core.Node;
import keras4j.core.Shapes;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code keras.utils.model_to_dot} and {@code plot_model} (its {@code
 * utils/model_visualization.py}): the model as a Graphviz graph, one box per layer (a nested model
 * is one box, as Keras's {@code expand_nested=False}), an edge per connection, laid out and drawn
 * by Graphviz's {@code dot} program. The DOT text is Keras's with pydot's formatting, except that
 * the nodes are named by their layers' names (Keras uses {@code id(layer)}, which changes from run
 * to run) and that names are escaped for Graphviz's HTML labels (Keras does not escape them).
 *
 * <pre>{@code
 * ModelVisualization.plotModel(model, Path.of("model.png"), true, true);
 * }</pre>
 *
 * <p>Drawing needs Graphviz installed ({@code dot} on the {@code PATH}, or its path in the system
 * property {@value #DOT_PROPERTY}; Debian and Ubuntu: {@code apt-get install graphviz});
 * {@link #modelToDot} needs nothing.
 */
public final class ModelVisualization {
  private static final Set<String> FORMATS = Set.of("png", "svg", "pdf", "jpg", "gif", "dot");
  private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|-?[0-9]+");
  private static final Set<String> DOT_KEYWORDS =
      Set.of("graph", "digraph", "subgraph", "node", "edge", "strict");
  private static final long DOT_TIMEOUT_SECONDS = 120;
  /** The system property naming Graphviz's {@code dot} program, when it is not on the PATH. */
  public static final String DOT_PROPERTY = "keras4j.graphviz.dot";

  private ModelVisualization() {}

  /**
   * Keras's {@code plot_model(model, to_file, show_shapes=False, show_layer_names=False)}: draws
   * the model into {@code file}, in the format its extension names (PNG without one).
   *
   * @param model a built model
   * @param file the picture to write: {@code .png}, {@code .svg}, {@code .pdf}, {@code .jpg},
   *     {@code .gif} or {@code .dot}; its directory is created
   * @throws IllegalStateException if the model is not built, Graphviz's {@code dot} is not
   *     installed, or it fails
   * @throws IllegalArgumentException if the file's extension is not a format above
   */
  public static void plotModel(Model model, Path file) {
    plotModel(model, file, false, false);
  }

  /**
   * Keras's {@code plot_model}: draws the model into {@code file} with Graphviz, in the format its
   * extension names (PNG without one, as Keras).
   *
   * @param model a built model
   * @param file the picture to write: {@code .png}, {@code .svg}, {@code .pdf}, {@code .jpg},
   *     {@code .gif} or {@code .dot}; its directory is created
   * @param showShapes whether each box shows its layer's input and output shapes
   * @param showLayerNames whether each box shows its layer's name before its class
   * @throws IllegalStateException if the model is not built, Graphviz's {@code dot} is not
   *     installed, or it fails
   * @throws IllegalArgumentException if the file's extension is not a format above
   */
  public static void plotModel(Model model, Path file, boolean showShapes,
      boolean showLayerNames) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String format = dot < 0 ? "png" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("plotModel writes " + new java.util.TreeSet<>(FORMATS)
          + " files, chosen by the file's extension; got '" + name + "'");
    }
    String text = modelToDot(model, showShapes, showLayerNames);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path source = Files.createTempFile(parent, ".keras4j-model", ".dot");
      try {
        Files.writeString(source, text, StandardCharsets.UTF_8);
        runDot(format, source, file);
      } finally {
        Files.deleteIfExists(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file, e);
    }
  }

  /**
   * Keras's {@code model_to_dot(model)} with its defaults (shapes hidden, layer names shown).
   *
   * @param model a built model
   * @return the graph in Graphviz's DOT language
   * @throws IllegalStateException if the model is not built
   */
  public static String modelToDot(Model model) {
    return modelToDot(model, false, true);
  }

  /**
   * Keras's {@code model_to_dot}: the model as a Graphviz graph in the DOT language. A Sequential
   * model is its stack of layers, a functional one its layers (inputs included) joined as they are
   * called in it, a subclassed one a single box.
   *
   * @param model a built model
   * @param showShapes whether each box shows its layer's input and output shapes
   * @param showLayerNames whether each box shows its layer's name before its class
   * @return the graph in Graphviz's DOT language
   * @throws IllegalStateException if the model is not built
   */
  public static String modelToDot(Model model, boolean showShapes, boolean showLayerNames) {
    if (model.inputShape() == null) {
      throw new IllegalStateException("This model has not yet been built. Build the model first"
          + " by giving its first layer an inputShape(...) or by calling it on a batch of data.");
    }
    StringBuilder out = new StringBuilder("digraph G {\n")
        .append("concentrate=True;\ndpi=200;\nrankdir=TB;\nsplines=ortho;\n")
        .append("node [shape=record];\n");
    boolean functional = !(model instanceof Sequential) && !model.inputs().isEmpty();
    List<Layer> layers = model instanceof Sequential || functional ? model.layers()
        : List.of(model);
    List<Call> calls = showShapes ? firstCalls(model, layers) : null;
    for (int i = 0; i < layers.size(); i++) {
      out.append(id(layers.get(i))).append(" [border=0, fontname=Helvetica, label=")
          .append(label(layers.get(i), calls == null ? null : calls.get(i), showLayerNames))
          .append(", margin=0];\n");
    }
    Set<String> edges = new LinkedHashSet<>();
    if (model instanceof Sequential) {
      for (int i = 0; i + 1 < layers.size(); i++) {
        edges.add(id(layers.get(i)) + " -> " + id(layers.get(i + 1)));
      }
    } else if (functional) {
      Set<Node> inModel = nodesOf(model);
      for (Layer layer : layers) {
        for (Node node : layer.inboundNodes()) {
          if (inModel.contains(node)) {
            for (KerasTensor in : node.inputs()) {
              edges.add(id((Layer) in.kerasHistory().operation()) + " -> " + id(layer));
            }
          }
        }
      }
    }
    edges.forEach(edge -> out.append(edge).append("  [penwidth=2];\n"));
    return out.append("}\n").toString();
  }

  /**
   * The layer calls of a functional model (Keras's {@code model._nodes}): those on the paths from
   * its outputs back to its inputs, so that a layer shared with another model keeps only its calls
   * here.
   */
  private static Set<Node> nodesOf(Model model) {
    Set<Node> seen = new LinkedHashSet<>();
    Deque<Node> todo = new ArrayDeque<>();
    model.outputs().forEach(out -> todo.push(out.kerasHistory().node()));
    while (!todo.isEmpty()) {
      Node node = todo.pop();
      if (seen.add(node)) {
        node.inputs().forEach(in -> todo.push(in.kerasHistory().node()));
      }
    }
    return seen;
  }

  /** The input and output shapes of a layer's call; null when not known. */
  private record Call(List<Shape> inputs, List<Shape> outputs) {}

  /**
   * Keras's {@code layer.input} and {@code layer.output} shapes: those of each layer's first call.
   * A Sequential model's layers may not have been called yet (Keras builds them from its {@code
   * Input} at once, keras4j when the model first runs), so their shapes follow from the model's
   * input shape, layer after layer.
   */
  private static List<Call> firstCalls(Model model, List<Layer> layers) {
    List<Call> calls = new ArrayList<>();
    List<Shape> shapes = List.of(model.inputShape());
    for (Layer layer : layers) {
      List<Node> nodes = layer.inboundNodes();
      if (model instanceof Sequential) {
        List<Shape> in = shapes;
        shapes = layer.computeOutputShapes(in);
        calls.add(new Call(in, shapes));
      } else if (!nodes.isEmpty()) {
        calls.add(new Call(nodes.get(0).inputs().stream().map(KerasTensor::shape).toList(),
            nodes.get(0).outputs().stream().map(KerasTensor::shape).toList()));
      } else {
        calls.add(new Call(null, null));
      }
    }
    return calls;
  }

  /**
   * Keras's {@code make_layer_label}: an HTML table, the name row then, when {@code call} is
   * given (Keras's {@code show_shapes}), the shapes row.
   */
  private static String label(Layer layer, Call call, boolean showLayerNames) {
    String className = layer.kerasClassName();
    StringBuilder table = new StringBuilder(
        "<<table border=\"0\" cellborder=\"1\" bgcolor=\"black\" cellpadding=\"10\">")
        .append("<tr><td colspan=\"").append(call == null ? 1 : 2).append("\" bgcolor=\"black\">")
        .append("<font point-size=\"16\" color=\"white\">")
        .append(showLayerNames ? "<b>" + html(layer.name()) + "</b> (" + html(className) + ")"
            : "<b>" + html(className) + "</b>")
        .append("</font></td></tr>");
    if (call != null) {
      table.append("<tr>");
      if (!(layer instanceof InputLayer)) {
        table.append(cell("Input shape", shapes(call.inputs())));
      }
      table.append(cell("Output shape", shapes(call.outputs()))).append("</tr>");
    }
    return table.append("</table>>").toString();
  }

  private static String cell(String title, String shape) {
    return "<td bgcolor=\"white\"><font point-size=\"14\">" + title + ": <b>" + shape
        + "</b></font></td>";
  }

  /** As Python prints Keras's shapes: {@code (None, 4)}, a list of several in brackets. */
  private static String shapes(List<Shape> shapes) {
    if (shapes == null || shapes.isEmpty()) {
      return "?";
    }
    List<String> printed = shapes.stream().map(Shapes::toKeras).toList();
    return printed.size() == 1 ? printed.get(0) : printed.toString();
  }

  /** A layer's node name: its name, quoted as pydot quotes ids that DOT would not read bare. */
  private static String id(Layer layer) {
    String name = layer.name();
    if (PLAIN_ID.matcher(name).matches() && !DOT_KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Runs {@code dot -T<format> -o file source}; its messages go into the exception. */
  private static void runDot(String format, Path source, Path file) throws IOException {
    String program = System.getProperty(DOT_PROPERTY, "dot");
    Path log = Files.createTempFile(source.getParent(), ".keras4j-dot", ".log");
    Process process = null;
    try {
      process = new ProcessBuilder(program, "-T" + format, "-o", file.toString(),
          source.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      process.getOutputStream().close();
      if (!process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Graphviz's dot did not finish drawing " + file + " in "
            + DOT_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("Graphviz's dot failed (exit " + process.exitValue()
            + ") drawing " + file + ": " + Files.readString(log).trim());
      }
    } catch (IOException e) {
      if (process != null) {
        throw e;
      }
      throw new IllegalStateException("plotModel draws with Graphviz, whose program '"
          + program + "' is not on the PATH: install the graphviz package (Debian/Ubuntu:"
          + " apt-get install graphviz; macOS: brew install graphviz) or set -D" + DOT_PROPERTY
          + "=/path/to/dot; or lay out the text of modelToDot(model) yourself", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while Graphviz's dot drew " + file, e);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }
}
