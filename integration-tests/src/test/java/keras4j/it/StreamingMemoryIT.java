package keras4j.it;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import keras4j.callbacks.Callback;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/**
 * Streaming within bounded memory: a child JVM with a 256 MB heap trains one epoch from a
 * generator that makes 4 GiB of batches (1,000 batches of 1,024 x 1,024 float32), far more than
 * its heap; its resident set is sampled along the epoch and must stay flat.
 */
class StreamingMemoryIT {
  private static final int BATCHES = 1000;
  private static final int ROWS = 1024;
  private static final int FEATURES = 1024;

  @Test
  void oneEpochFromAGeneratorOfSixteenTimesTheHeapKeepsTheResidentSetFlat() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), StreamingMemoryIT.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, String> result = new LinkedHashMap<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.out.println("[child] " + line);
        if (line.startsWith("RESULT ")) {
          for (String kv : line.substring(7).split(" ")) {
            String[] p = kv.split("=", 2);
            result.put(p[0], p[1]);
          }
        }
      }
    }
    assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the child finished");
    assertEquals(0, child.exitValue(), "the child trained without an error");
    long streamed = Long.parseLong(result.get("bytes"));
    long heap = Long.parseLong(result.get("heap"));
    double rssEarly = Double.parseDouble(result.get("rss100"));
    double rssEnd = Double.parseDouble(result.get("rssEnd"));
    assertEquals(BATCHES, Integer.parseInt(result.get("steps")));
    assertTrue(streamed > 15L * heap, "streamed " + streamed + " bytes through a heap of " + heap);
    // Flat: what the run holds after 100 batches is what it holds after 1,000.
    assertTrue(rssEnd - rssEarly < 64, "RSS grew from " + rssEarly + " MB after batch 100 to "
        + rssEnd + " MB at the end");
    assertTrue(Double.parseDouble(result.get("hwm")) < 1024, "peak RSS " + result.get("hwm"));
  }

  /** The child: trains and prints {@code RESULT key=value ...}. */
  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(1);
    long[] bytes = {0};
    Dataset endless = Dataset.fromSupplier(() -> {
      float[][] x = new float[ROWS][FEATURES];
      float[] y = new float[ROWS];
      for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < FEATURES; j++) {
          x[i][j] = (float) random.nextDouble();
        }
        y[i] = x[i][0] - x[i][1];
      }
      bytes[0] += 4L * ROWS * (FEATURES + 1);
      return Batch.of(x, y);
    }).prefetch(2);
    double[] rss100 = {0};
    int[] steps = {0};
    try (Sequential model = new Sequential(new Dense(1, inputShape(FEATURES)))) {
      model.compile(optimizer("adam"), loss("mse"));
      model.fit(endless, epochs(1), stepsPerEpoch(BATCHES), verbose(0), callbacks(new Callback() {
        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
          steps[0] = batch + 1;
          if (batch == 99) {
            rss100[0] = status("VmRSS");
          }
        }
      }));
    }
    System.gc();
    System.out.printf("RESULT steps=%d bytes=%d heap=%d rss100=%.0f rssEnd=%.0f hwm=%.0f%n",
        steps[0], bytes[0], Runtime.getRuntime().maxMemory(), rss100[0], status("VmRSS"),
        status("VmHWM"));
  }

  /** A /proc/self/status figure in MB. */
  private static double status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read /proc/self/status", e);
    }
    throw new IllegalStateException("No " + key + " in /proc/self/status");
  }
}
