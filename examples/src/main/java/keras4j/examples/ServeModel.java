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
 * {"predictions": [[...], ...]}}; {@code GET /v1/models/{name}} reports the model as available.
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

  private final HttpServer server;
  private final ExecutorService workers;
  private final SavedModelPredictor predictor;
  private final String name;

  private ServeModel(SavedModelPredictor predictor, String name, InetSocketAddress address,
      int threads) throws IOException {
    this.predictor = predictor;
    this.name = name;
    this.workers = Executors.newFixedThreadPool(threads);
    this.server = HttpServer.create(address, 64);
    server.createContext("/v1/models/", this::handle);
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String prefix = "/v1/models/" + name;
      if (path.equals(prefix) && exchange.getRequestMethod().equals("GET")) {
        reply(exchange, 200, Map.of("model_version_status", List.of(Map.of("version", "1",
            "state", "AVAILABLE", "status", Map.of("error_code", "OK", "error_message", "")))));
      } else if (!path.equals(prefix + ":predict")) {
        reply(exchange, 404, Map.of("error", "No model '" + path.substring(11)
            + "'; this server has " + prefix + " and " + prefix + ":predict"));
      } else if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, Map.of("error", "Use POST for :predict"));
      } else {
        predict(exchange);
      }
    }
  }

  private void predict(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      reply(exchange, 413, Map.of("error", "Request larger than " + MAX_BODY_BYTES + " bytes"));
      return;
    }
    FloatNdArray predictions;
    try {
      Map<String, Object> request =
          Json.parseObject(new String(body, StandardCharsets.UTF_8), "The request");
      Object instances = request.containsKey("instances") ? request.get("instances")
          : request.get("inputs");
      predictions = predictor.predict(toArray(instances));
    } catch (IllegalArgumentException e) {
      reply(exchange, 400, Map.of("error", e.getMessage()));
      return;
    }
    reply(exchange, 200, Map.of("predictions", toLists(predictions)));
  }

  /** A JSON array of numbers (any depth, rectangular) as a float NdArray. */
  static FloatNdArray toArray(Object json) {
    if (!(json instanceof List<?> rows) || rows.isEmpty()) {
      throw new IllegalArgumentException(
          "The request needs \"instances\": a non-empty list of inputs, one per sample");
    }
    List<Long> dims = new ArrayList<>();
    for (Object level = json; level instanceof List<?> list; level = list.get(0)) {
      if (list.isEmpty()) {
        throw new IllegalArgumentException("\"instances\" holds an empty list");
      }
      dims.add((long) list.size());
    }
    Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    float[] flat = new float[Math.toIntExact(shape.size())];
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
        throw new IllegalArgumentException("\"instances\" must hold numbers, got " + json);
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
