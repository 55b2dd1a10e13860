package keras4j.backend;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * TensorFlow's run-time errors of one graph, told as keras4j's: which layer the failing op
 * belongs to (a layer's ops feed its outputs, whose ops a trace labels with the layer), what
 * TensorFlow said, TensorFlow's exception kept as the cause. Keras users read "Layer 'conv2d'"
 * where TensorFlow says {@code {{node Conv2D_3}}}.
 */
final class RunErrors {
  // TensorFlow names the failing op as [[{{node NAME}}]] at the end of its message.
  private static final Pattern NODE = Pattern.compile("\\{\\{node ([^}]+)}}");
  // A search from the failing op to a labelled output stops after this many ops: past it the op
  // is not inside a layer (a gradient, a metric) and the message names the op alone.
  private static final int SEARCH_LIMIT = 20_000;

  private final Graph graph;
  private final Map<String, String> layerOfOutput = new ConcurrentHashMap<>();

  RunErrors(Graph graph) {
    this.graph = graph;
  }

  /** Labels the op computing {@code output} as {@code layer}'s, unless an inner layer did. */
  void label(Operand<?> output, String layer) {
    layerOfOutput.putIfAbsent(output.op().name(), layer);
  }

  /**
   * {@code e} as a keras4j exception: an {@link IllegalArgumentException} for TensorFlow's
   * invalid arguments (shapes and values the model cannot take), else an {@link
   * IllegalStateException}. TensorFlow Java's {@link TFInvalidArgumentException} is an
   * IllegalArgumentException but no {@link TensorFlowException}: callers catch both.
   */
  RuntimeException translate(RuntimeException e) {
    String full = e.getMessage() == null ? "" : e.getMessage();
    String problem = full.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .orElse(e.getClass().getSimpleName());
    Matcher node = NODE.matcher(full);
    String where = "";
    if (node.find()) {
      String op = node.group(1);
      String layer = layerOf(op);
      where = (layer == null ? "" : " in " + layer) + " (TensorFlow op " + op + ")";
    }
    String message = "Running the model failed" + where + ": " + problem;
    if (e instanceof TFInvalidArgumentException) {
      return new IllegalArgumentException(message + ". Check that the inputs' shapes and values"
          + " suit the model's layers", e);
    }
    return new IllegalStateException(message, e);
  }

  /** The layer whose labelled output the op named {@code opName} feeds first, or null. */
  private String layerOf(String opName) {
    GraphOperation start = graph.operation(opName);
    if (start == null) {
      return null;
    }
    Queue<Operation> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(start);
    seen.add(opName);
    while (!queue.isEmpty() && seen.size() < SEARCH_LIMIT) {
      Operation op = queue.remove();
      String layer = layerOfOutput.get(op.name());
      if (layer != null) {
        return layer;
      }
      for (Operation next : ((GraphOperation) op).consumers()) {
        if (seen.add(next.name())) {
          queue.add(next);
        }
      }
    }
    return null;
  }
}
