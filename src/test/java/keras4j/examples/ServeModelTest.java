package keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import keras4j.datasets.Digits;
import keras4j.models.Model;
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
}
