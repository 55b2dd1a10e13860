package keras4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.utils.RandomSeed;

/**
 * One fresh-JVM run for {@link Benchmark}'s startup section: trains 784-128-10 on Fashion-MNIST
 * for 20 epochs and prints {@code RESULT first=<ms from JVM start to the first finished batch>
 * rss2=<MB after epoch 2> rss20=<MB after epoch 20> hwm=<peak MB> acc=<test accuracy>}.
 */
public final class Startup {
  private static final int EPOCHS = 20;
  private static final int BATCH = 128;
  private static final int[] WIDTHS = {784, 128, 10};

  private Startup() {}

  /** {@code args[0]}: "raw:INTER" or "keras:STEPS:INTER". */
  public static void main(String[] args) throws IOException {
    String[] spec = args[0].split(":");
    FashionData[] data = FashionData.load();
    RandomSeed.set(42);
    double[] rss = new double[EPOCHS];
    long first;
    Engine engine;
    if (spec[0].equals("raw")) {
      RawMlp raw = new RawMlp(WIDTHS, 42, Integer.parseInt(spec[1]));
      engine = raw;
      raw.trainBatches(data[0], BATCH, 1);
      first = sinceJvmStart();
      for (int epoch = 0; epoch < EPOCHS; epoch++) {
        raw.epoch(data[0], BATCH);
        rss[epoch] = megabytes("VmRSS");
      }
    } else {
      KerasMlp keras =
          new KerasMlp(WIDTHS, Integer.parseInt(spec[1]), Integer.parseInt(spec[2]));
      engine = keras;
      long[] firstBatch = {-1};
      keras.fit(data[0], BATCH, EPOCHS, new Callback() {
        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
          if (firstBatch[0] < 0) {
            firstBatch[0] = sinceJvmStart();
          }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          rss[epoch] = megabytes("VmRSS");
        }
      });
      first = firstBatch[0];
    }
    double accuracy = engine.accuracy(data[1]);
    engine.close();
    System.out.println(Table.format("RESULT first=%d rss2=%.1f rss20=%.1f hwm=%.0f acc=%.4f",
        first, rss[1], rss[EPOCHS - 1], megabytes("VmHWM"), accuracy));
  }

  private static long sinceJvmStart() {
    long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    return System.currentTimeMillis() - start;
  }

  /** A size line of /proc/self/status ("VmRSS", "VmHWM"), in MB. */
  private static double megabytes(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("/proc/self/status has no " + key);
  }
}
