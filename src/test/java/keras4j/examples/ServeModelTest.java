package keras4j.examples;

import static keras4j.Keras.inputShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import keras4j.datasets.Digits;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.saving.Json;
import keras4j.utils.ArrayOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/** The HTTP example answers concurrent clients on 127.0.0.1 with the model's own predictions. */
class ServeModelTest {
  private static final int CLIENTS = 6;
  private static final int REQUESTS_PER_CLIENT = 8;
  private static final int HOSTILE_CLIENTS = 100;

  @TempDir Path dir;

  @Test
  void concurrentClientsGetTheModelsPredictions() throws Exception {
    float[][] x = StdArrays.array2dCopyOf(ArrayOps.divide(Digits.loadData().xTest(), 16.0));
    float[][] expected;
    Path savedModel;
    try (Model model = ServeModel.trainDigits(5)) {
      expected = StdArrays.array2dCopyOf(model.predict(x));
      savedModel = ServeModel.exportTo(model, dir);
    }
    var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try (ServeModel server = ServeModel.start(savedModel, "digits", loopback, 4)) {
      URI predict = URI.create("http://127.0.0.1:" + server.address().getPort()
          + "/v1/models/digits:predict");
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        results.add(clients.submit(() -> {
          int checked = 0;
          for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
            // Each request asks for a different slice of 1 to 5 test digits.
            int from = (client * REQUESTS_PER_CLIENT + r) * 7 % (x.length - 5);
            int count = 1 + (client + r) % 5;
            float[][] batch = java.util.Arrays.copyOfRange(x, from, from + count);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(predict)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("instances", batch))))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            List<?> predictions = (List<?>) Json.parseObject(response.body(), "reply")
                .get("predictions");
            assertEquals(count, predictions.size());
            for (int i = 0; i < count; i++) {
              List<?> row = (List<?>) predictions.get(i);
              for (int k = 0; k < 10; k++) {
                assertEquals(expected[from + i][k], ((Number) row.get(k)).floatValue(), 1e-5);
              }
              checked++;
            }
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertTrue(total >= CLIENTS * REQUESTS_PER_CLIENT, "answers checked: " + total);

      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(predict)
          .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[1, 2], [3]]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("ragged"), bad.body());
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.address().getPort() + "/v1/models/other:predict"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(404, other.statusCode());
    } finally {
      clients.shutdownNow();
    }
  }

  /** A request body claiming {@code dims} with as few numbers as the JSON syntax allows. */
  private static String claim(int depth, int... dims) {
    if (depth == dims.length) {
      return "0";
    }
    StringBuilder out = new StringBuilder("[").append(claim(depth + 1, dims));
    out.append(",0".repeat(dims[depth] - 1));
    return out.append(']').toString();
  }

  /** A hostile request: method, path, body and the status it must get. */
  private record Hostile(String method, String path, byte[] body, int status) {
    Hostile(String method, String path, String body, int status) {
      this(method, path, body.getBytes(StandardCharsets.UTF_8), status);
    }
  }

  /**
   * 100 keep-alive clients at once send hostile requests (shape bombs, ragged and non-numeric
   * instances, broken and deeply nested JSON, wrong methods and paths, oversized bodies): every
   * one gets its 4xx with a JSON error on the same connection, no worker thread dies, and the
   * server still predicts afterwards.
   */
  @Test
  void hostileRequestsFromManyKeepAliveClientsGetJsonErrors() throws Exception {
    Path savedModel;
    try (Model model = new Sequential(new Dense(2, inputShape(3)))) {
      savedModel = ServeModel.exportTo(model, dir);
    }
    String predict = "/v1/models/m:predict";
    byte[] tooLarge = new byte[ServeModel.MAX_BODY_BYTES + 1000];
    java.util.Arrays.fill(tooLarge, (byte) ' ');
    List<Hostile> hostile = List.of(
        new Hostile("POST", predict, "{\"instances\": " + claim(0, 2, 3000, 3000, 3000) + "}", 400),
        new Hostile("POST", predict, "{\"instances\": " + claim(0, 1, 1000, 1000, 500) + "}", 400),
        new Hostile("POST", predict, "{\"instances\": [[1, 2, 3], [4]]}", 400),
        new Hostile("POST", predict, "{\"instances\": [[\"a\", 2, 3]]}", 400),
        new Hostile("POST", predict, "{\"instances\": [[1, 2, 3, 4]]}", 400),
        new Hostile("POST", predict, "{\"instances\": [[]]}", 400),
        new Hostile("POST", predict, "{\"instances\": 5}", 400),
        new Hostile("POST", predict, "{\"instances\": [[1, 2", 400),
        new Hostile("POST", predict, "[".repeat(100_000), 400),
        new Hostile("POST", predict, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, 400),
        new Hostile("POST", predict, "", 400),
        new Hostile("GET", predict, "", 405),
        new Hostile("DELETE", "/v1/models/m", "", 405),
        new Hostile("POST", "/v1/models/other:predict", "{}", 404),
        new Hostile("GET", "/etc/passwd", "", 404));
    var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    int threads = 4;
    ExecutorService clients = Executors.newFixedThreadPool(HOSTILE_CLIENTS);
    try (ServeModel server = ServeModel.start(savedModel, "m", loopback, threads)) {
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < HOSTILE_CLIENTS; c++) {
        int client = c;
        results.add(clients.submit(() -> {
          int answered = 0;
          try (ServeLatency.Client http = new ServeLatency.Client(server.address(), 30_000)) {
            for (int r = 0; r < hostile.size(); r++) {
              Hostile h = hostile.get((client + r) % hostile.size());
              answered += check(http.send(h.method(), h.path(), h.body()), h.status(), h.path());
            }
            if (client % 25 == 0) { // a few oversized bodies, read to the end before their 413
              answered += check(http.send("POST", predict, tooLarge), 413, "10 MB");
            }
            // The connection survived it all and still predicts.
            answered += check(http.send("POST", predict,
                "{\"instances\": [[1, 2, 3]]}".getBytes(StandardCharsets.UTF_8)), 200, "good");
          }
          return answered;
        }));
      }
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertEquals(HOSTILE_CLIENTS * (hostile.size() + 1) + 4, total);
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith(ServeModel.WORKER_PREFIX)) {
          int number = Integer.parseInt(t.getName().substring(ServeModel.WORKER_PREFIX.length()));
          assertTrue(number <= threads, "a worker died and was replaced: " + t.getName());
        }
      }
      try (ServeLatency.Client http = new ServeLatency.Client(server.address(), 30_000)) {
        ServeLatency.Client.Reply health = http.send("GET", "/v1/models/m", new byte[0]);
        assertEquals(200, health.status());
        assertTrue(health.body().contains("AVAILABLE"), health.body());
        assertEquals(200, http.send("GET", "/healthz", new byte[0]).status());
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Asserts {@code reply} has {@code status} and a JSON body (an error for 4xx); returns 1. */
  private static int check(ServeLatency.Client.Reply reply, int status, String what) {
    assertEquals(status, reply.status(), what + ": " + reply.body());
    assertEquals("application/json", reply.contentType(), what);
    Map<String, Object> json = Json.parseObject(reply.body(), what + " reply");
    if (status >= 400) {
      assertTrue(json.get("error") instanceof String, what + ": " + reply.body());
    }
    return 1;
  }
}
