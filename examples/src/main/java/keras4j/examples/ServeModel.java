package keras4j.examples;

import static keras4j.Keras.*;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import keras4j.datasets.Digits;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import keras4j.saving.SavedModelPredictor;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Serves a model over HTTP in TF Serving's REST shape, on the JDK's built-in server: {@code POST
 * /v1/models/{name}:predict} with {@code {"instances": [[...], ...]}} answers {@code
 * {"predictions": [[...], ...]}}; {@code GET /v1/models/{name}} (or {@code /healthz}) reports the
 * model as available. Every answer is JSON, errors too ({@code {"error": "..."}}, 4xx for the
 * client's mistakes, 500 for the server's); bodies are limited to {@link #MAX_BODY_BYTES}, and
 * a request's shape to {@link #MAX_ELEMENTS} numbers, checked before anything is allocated.
 *
 * <p>Run {@code mvn -q test-compile exec:java -Dexample=ServeModel} to train the digits MLP and
 * serve it on 127.0.0.1:8501 as "digits", or pass {@code -Dexec.args="path name port"} to serve a
 * {@code .keras} / legacy {@code .h5} file or a SavedModel directory. A Keras model is exported
 * to a SavedModel first, so the server runs exactly the graph TF Serving would; its {@code
 * SavedModelPredictor} is safe to call from the server's worker threads at once.
 *
 * <pre>
 * curl -s -X POST localhost:8501/v1/models/digits:predict -d '{"instances": [[0, 0, 5, ...]]}'
 * </pre>
 */
public final class ServeModel implements AutoCloseable {
  /** Requests larger than this are refused (413), so one client cannot exhaust the heap. */
  static final int MAX_BODY_BYTES = 8 << 20;
  /**
   * The most numbers one request can hold: each takes at least two bytes of JSON ({@code 0,}).
   * A shape claiming more is refused before anything is allocated.
   */
  static final long MAX_ELEMENTS = MAX_BODY_BYTES / 2;
  /**
   * How much of a too-large body is read (and dropped) before its 413, so the client reads the
   * answer instead of a connection reset; past this the connection is closed.
   */
  static final long MAX_DRAINED_BYTES = 8L * MAX_BODY_BYTES;

  /** The worker threads are named this plus their number, from 1. */
  static final String WORKER_PREFIX = "ServeModel-worker-";

  static {
    // Without TCP_NODELAY every keep-alive reply waits for the client's delayed ACK (~40 ms).
    // The JDK server reads this once, when its first server starts.
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService workers;
  private final SavedModelPredictor predictor;
  private final String name;

  private ServeModel(SavedModelPredictor predictor, String name, InetSocketAddress address,
      int threads) throws IOException {
    this.predictor = predictor;
    this.name = name;
    AtomicInteger started = new AtomicInteger();
    // Named and numbered: a replaced worker (one that died) would show as a number past threads.
    this.workers = Executors.newFixedThreadPool(threads,
        task -> new Thread(task, WORKER_PREFIX + started.incrementAndGet()));
    this.server = HttpServer.create(address, 256);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  /**
   * Serves the SavedModel in {@code savedModel} as {@code name} on {@code address} (port 0 picks
   * a free one), with {@code threads} worker threads.
   */
  public static ServeModel start(Path savedModel, String name, InetSocketAddress address,
      int threads) throws IOException {
    SavedModelPredictor predictor = new SavedModelPredictor(savedModel);
    try {
      return new ServeModel(predictor, name, address, threads);
    } catch (IOException | RuntimeException e) {
      predictor.close();
      throw e;
    }
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** A request the client got wrong, answered with {@code status} and a JSON error. */
  private static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /**
   * Answers every request with JSON, whatever goes wrong: the client's mistakes are 4xx, the
   * server's 500; nothing escapes to kill the worker thread or drop the connection unanswered.
   */
  private void handle(HttpExchange exchange) {
    try (exchange) {
      try {
        route(exchange);
      } catch (BadRequest e) {
        reply(exchange, e.status, Map.of("error", e.getMessage()));
      } catch (IllegalArgumentException e) { // TensorFlow's invalid-argument errors too
        reply(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
      } catch (IOException e) {
        // The client went away mid-request: there is no one to answer.
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        reply(exchange, 500, Map.of("error", "Internal error: " + e));
      }
    } catch (IOException | RuntimeException ignored) {
      // Replying failed: the client is gone, the connection closes.
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String model = "/v1/models/" + name;
    if (path.equals(model) || path.equals("/healthz")) {
      // TF Serving's model status, which load balancers poll as the health check.
      requireMethod(method, "GET", path);
      readBody(exchange); // unused, but read so the connection stays usable
      reply(exchange, 200, Map.of("model_version_status", List.of(Map.of("version", "1",
          "state", "AVAILABLE", "status", Map.of("error_code", "OK", "error_message", "")))));
    } else if (path.equals(model + ":predict")) {
      requireMethod(method, "POST", path);
      predict(exchange);
    } else {
      readBody(exchange); // unused, but read so the connection stays usable
      throw new BadRequest(404, "No " + path + " here; this server has GET " + model
          + " (or /healthz) and POST " + model + ":predict");
    }
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!method.equals(expected)) {
      throw new BadRequest(405, "Use " + expected + " for " + path + ", not " + method);
    }
  }

  private void predict(HttpExchange exchange) throws IOException {
    byte[] body = readBody(exchange);
    Map<String, Object> request =
        Json.parseObject(new String(body, StandardCharsets.UTF_8), "The request");
    Object instances = request.containsKey("instances") ? request.get("instances")
        : request.get("inputs");
    FloatNdArray predictions = predictor.predict(toArray(instances));
    reply(exchange, 200, Map.of("predictions", toLists(predictions)));
  }

  /**
   * Reads the request body to its end; one longer than {@link #MAX_BODY_BYTES} is a 413 (read to
   * the end all the same, up to {@link #MAX_DRAINED_BYTES}, so the client gets the answer rather
   * than a connection reset).
   */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES);
      long extra = 0;
      byte[] dropped = new byte[1 << 16];
      for (int n; (n = in.read(dropped)) > 0; ) {
        extra += n;
        if (extra > MAX_DRAINED_BYTES) {
          exchange.getResponseHeaders().set("Connection", "close");
          break;
        }
      }
      if (extra > 0) {
        throw new BadRequest(413, "Request larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  /** A JSON array of numbers (any depth, rectangular) as a float NdArray. */
  static FloatNdArray toArray(Object json) {
    if (!(json instanceof List<?> rows) || rows.isEmpty()) {
      throw new IllegalArgumentException(
          "The request needs \"instances\": a non-empty list of inputs, one per sample");
    }
    List<Long> dims = new ArrayList<>();
    long elements = 1;
    for (Object level = json; level instanceof List<?> list; level = list.get(0)) {
      if (list.isEmpty()) {
        throw new IllegalArgumentException("\"instances\" holds an empty list");
      }
      dims.add((long) list.size());
      elements *= list.size(); // cannot overflow: checked against MAX_ELEMENTS at every level
      if (elements > MAX_ELEMENTS) {
        throw new IllegalArgumentException("\"instances\" claims the shape " + dims + "...,"
            + " more than the " + MAX_ELEMENTS + " numbers a request can hold");
      }
    }
    Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    float[] flat = new float[(int) elements];
    int filled = flatten(json, flat, 0, 0, shape);
    if (filled != flat.length) {
      throw new IllegalArgumentException("\"instances\" is ragged: every sample needs the shape "
          + shape.tail());
    }
    return NdArrays.wrap(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false));
  }

  private static int flatten(Object json, float[] out, int at, int depth, Shape shape) {
    if (depth == shape.numDimensions()) {
      if (!(json instanceof Number n)) {
        throw new IllegalArgumentException("\"instances\" must hold numbers, got "
            + abbreviate(json));
      }
      out[at] = n.floatValue();
      return at + 1;
    }
    if (!(json instanceof List<?> list) || list.size() != shape.get(depth)) {
      throw new IllegalArgumentException("\"instances\" is ragged: every sample needs the shape "
          + shape.tail());
    }
    for (Object item : list) {
      at = flatten(item, out, at, depth + 1, shape);
    }
    return at;
  }

  private static String abbreviate(Object json) {
    String text = String.valueOf(json);
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  /** A 2-D (or deeper) prediction array as nested lists for JSON. */
  private static Object toLists(FloatNdArray predictions) {
    if (predictions.rank() == 0) {
      return predictions.getFloat();
    }
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < predictions.shape().get(0); i++) {
      out.add(toLists(predictions.get(i)));
    }
    return out;
  }

  private static void reply(HttpExchange exchange, int status, Object json) throws IOException {
    if (exchange.getResponseCode() != -1) {
      return; // the failure came after the headers went out: closing is all that is left
    }
    byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops the server (waiting up to a second for requests in flight) and frees the model. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
    predictor.close();
  }

  /** The example model: the digits MLP, trained for {@code epochs} epochs. */
  public static Model trainDigits(int epochs) {
    RandomSeed.set(42);
    var data = Digits.loadData();
    Sequential model = new Sequential(
        new Dense(64, activation("relu"), inputShape(64)),
        new Dense(10, activation("softmax")));
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
    model.fit(ArrayOps.divide(data.xTrain(), 16.0), data.yTrain(), epochs(epochs), verbose(0));
    return model;
  }

  /** Exports {@code model} to a new SavedModel directory under {@code parent}. */
  public static Path exportTo(Model model, Path parent) throws IOException {
    Path dir = Files.createTempDirectory(parent, "savedmodel");
    model.export(dir);
    return dir;
  }

  /** Serves a trained digits MLP, or the model given as {@code path [name [port]]}. */
  public static void main(String[] args) throws IOException, InterruptedException {
    String name = args.length > 1 ? args[1] : "digits";
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 8501;
    Path work = Files.createTempDirectory("keras4j-serve");
    Path savedModel;
    if (args.length > 0 && Files.isDirectory(Path.of(args[0]))) {
      savedModel = Path.of(args[0]);
    } else {
      try (Model model = args.length > 0 ? Model.load(Path.of(args[0])) : trainDigits(30)) {
        savedModel = exportTo(model, work);
      }
    }
    var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (ServeModel server = start(savedModel, name, address, 4)) {
      System.out.printf("Serving '%s' on http://%s:%d/v1/models/%s:predict (Ctrl-C stops)%n",
          name, address.getHostString(), server.address().getPort(), name);
      Thread.currentThread().join();
    }
  }
}
