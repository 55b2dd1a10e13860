package keras4j.bench;

import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.utils.RandomSeed;

/**
 * One fresh-JVM run for {@link Benchmark}'s lstm-memory section: the LSTM of {@link KerasLstm}
 * (or its hand-written twin, {@link RawLstm}) trained for {@value #STEPS} steps of batch 128, a
 * first call of 100 steps (one epoch) then one of 900 (nine epochs), so that both a new {@code
 * fit} and a long one would show growth. Prints {@code RESULT ops100=<graph operations after
 * step 100> ops1000=<after step 1000> rss100=<MB> rss1000=<MB> hwm=<peak MB>}, the RSS read
 * after a full GC.
 */
public final class LstmMemory {
  private static final int STEPS = 1000;
  private static final int PER_EPOCH = 100;
  private static final int BATCH = 128;

  private LstmMemory() {}

  /** {@code args[0]}: an engine spec, {@code raw:INTER} or {@code keras:STEPS:INTER}. */
  public static void main(String[] args) {
    String[] spec = args[0].split(":");
    SequenceData data = SequenceData.generate(PER_EPOCH * BATCH, 42);
    RandomSeed.set(42);
    double[] rss = new double[2];
    int[] ops = new int[2];
    if (spec[0].equals("raw")) {
      try (RawLstm raw = new RawLstm(data, 42, Integer.parseInt(spec[1]))) {
        for (int epoch = 0; epoch < STEPS / PER_EPOCH; epoch++) {
          raw.epoch(BATCH);
          if (epoch == 0 || epoch == STEPS / PER_EPOCH - 1) {
            ops[epoch == 0 ? 0 : 1] = raw.graphSize();
            rss[epoch == 0 ? 0 : 1] = Startup.rssAfterGc();
          }
        }
      }
    } else {
      try (KerasLstm keras =
          new KerasLstm(data, Integer.parseInt(spec[1]), Integer.parseInt(spec[2]))) {
        Callback probe = new Callback() {
          private int calls;

          @Override
          public void onTrainEnd(Map<String, Double> logs) {
            int at = calls++;
            ops[at] = keras.graphSize();
            rss[at] = Startup.rssAfterGc();
          }
        };
        keras.fit(BATCH, 1, probe);
        keras.fit(BATCH, STEPS / PER_EPOCH - 1, probe);
      }
    }
    System.out.println(Table.format("RESULT ops100=%d ops1000=%d rss100=%.1f rss1000=%.1f"
        + " hwm=%.0f", ops[0], ops[1], rss[0], rss[1], Startup.megabytes("VmHWM")));
  }
}
