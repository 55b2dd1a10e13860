package keras4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.utils.RandomSeed;
import keras4j.utils.Threading;

/**
 * One fresh-JVM run for {@link Benchmark}: 784-128-10 on Fashion-MNIST, batch 128, seed 42.
 *
 * <p>{@code Startup SPEC first} stops after the first batch and prints {@code RESULT first=<ms
 * from JVM start to the first finished batch>}; {@code Startup SPEC epochs} trains 20 epochs and
 * prints {@code RESULT rss2=<MB after epoch 2> rss20=<MB after epoch 20> hwm=<peak MB>
 * acc=<test accuracy>}, the RSS read after a full GC so that it counts live Java memory and
 * native memory, not garbage waiting for collection; {@code Startup SPEC epoch} trains one epoch
 * and prints {@code RESULT hwm=<peak MB>}.
 */
public final class Startup {
  private static final int EPOCHS = 20;
  private static final int BATCH = 128;
  private static final int[] WIDTHS = {784, 128, 10};

  private Startup() {}

  /**
   * {@code args[0]}: an engine spec as {@link Benchmark} takes; {@code args[1]}: first, epochs or
   * epoch.
   */
  public static void main(String[] args) {
    String[] spec = args[0].split(":");
    int intra = spec.length > (spec[0].equals("raw") ? 2 : 3)
        ? Integer.parseInt(spec[spec.length - 1]) : 0;
    Threading.setIntraOpParallelismThreads(intra);
    boolean firstOnly = args[1].equals("first");
    int epochs = args[1].equals("epochs") ? EPOCHS : 1;
    FashionData[] data = FashionData.load();
    RandomSeed.set(42);
    double[] rss = new double[EPOCHS];
    long[] first = {-1};
    Engine engine;
    if (spec[0].equals("raw")) {
      RawMlp raw = new RawMlp(WIDTHS, 42, intra, Integer.parseInt(spec[1]));
      engine = raw;
      raw.trainBatches(data[0], BATCH, 1);
      first[0] = sinceJvmStart();
      for (int epoch = 0; epoch < epochs && !firstOnly; epoch++) {
        raw.epoch(data[0], BATCH);
        rss[epoch] = rssAfterGc();
      }
    } else {
      KerasMlp keras =
          new KerasMlp(WIDTHS, Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), false);
      engine = keras;
      keras.fit(data[0], BATCH, epochs, new Callback() {
        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
          if (first[0] < 0) {
            first[0] = sinceJvmStart();
            model().setStopTraining(firstOnly);
          }
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          rss[epoch] = rssAfterGc();
        }
      });
    }
    if (firstOnly) {
      System.out.println("RESULT first=" + first[0]);
    } else if (epochs == 1) {
      System.out.println(Table.format("RESULT hwm=%.0f", megabytes("VmHWM")));
    } else {
      System.out.println(Table.format("RESULT rss2=%.1f rss20=%.1f hwm=%.0f acc=%.4f", rss[1],
          rss[EPOCHS - 1], megabytes("VmHWM"), engine.accuracy(data[1])));
    }
    engine.close();
  }

  private static long sinceJvmStart() {
    long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    return System.currentTimeMillis() - start;
  }

  /** The resident set after a full GC, in MB. */
  static double rssAfterGc() {
    System.gc();
    return megabytes("VmRSS");
  }

  /** A size line of /proc/self/status ("VmRSS", "VmHWM"), in MB. */
  static double megabytes(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("/proc/self/status has no " + key);
  }
}
