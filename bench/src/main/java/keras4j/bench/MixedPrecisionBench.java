package keras4j.bench;

import static keras4j.Keras.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import keras4j.layers.Dense;
import keras4j.mixed_precision.MixedPrecision;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;

/**
 * The precision section's models: keras4j's {@code fit} (Adam, batch 128 and batch 1024, 3 epochs
 * after a warm-up epoch) and {@code predict} (batch 1024) of the 784-512-512-10 MLP on 8192 random
 * samples under each dtype policy, the softmax layer float32 as Keras's guide advises; policies
 * in turns, the median of {@code rounds}.
 */
final class MixedPrecisionBench {
  private static final List<String> POLICIES =
      List.of("float32", "mixed_bfloat16", "mixed_float16");
  private static final int SAMPLES = 8192;
  /**
   * The fit batch sizes: the casts that float32 variables need every step weigh less the more
   * rows a step computes, so bfloat16's gain grows with the batch (README, "Speed").
   */
  private static final List<Integer> FIT_BATCHES = List.of(128, 1024);

  private MixedPrecisionBench() {}

  static void run(int rounds) {
    float[][] x = new float[SAMPLES][784];
    int[] y = new int[SAMPLES];
    Random random = new Random(1);
    for (int i = 0; i < SAMPLES; i++) {
      for (int j = 0; j < 784; j++) {
        x[i][j] = random.nextFloat();
      }
      y[i] = random.nextInt(10);
    }
    Map<String, List<Double>> fits = new LinkedHashMap<>();
    Map<String, List<Double>> predicts = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (String policy : POLICIES) {
        MixedPrecision.setGlobalPolicy(policy);
        RandomSeed.set(1);
        try (var model = new Sequential(new Dense(512, activation("relu"), inputShape(784)),
            new Dense(512, activation("relu")),
            new Dense(10, activation("softmax"), dtype("float32")))) {
          model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
          for (int batch : FIT_BATCHES) {
            model.fit(x, y, epochs(1), batchSize(batch), verbose(0));
            long start = System.nanoTime();
            model.fit(x, y, epochs(3), batchSize(batch), verbose(0));
            fits.computeIfAbsent(policy + "@" + batch, p -> new ArrayList<>())
                .add(3.0 * SAMPLES / ((System.nanoTime() - start) / 1e9));
          }
          model.predict(x, batchSize(1024));
          long start = System.nanoTime();
          model.predict(x, batchSize(1024));
          predicts.computeIfAbsent(policy, p -> new ArrayList<>())
              .add(SAMPLES / ((System.nanoTime() - start) / 1e9));
        } finally {
          MixedPrecision.setGlobalPolicy("float32");
        }
      }
    }
    List<String> columns = new ArrayList<>(List.of("policy"));
    for (int batch : FIT_BATCHES) {
      columns.addAll(List.of("fit samples/s, batch " + batch, "vs float32"));
    }
    columns.addAll(List.of("predict samples/s", "vs float32"));
    Table table = new Table(columns.toArray(String[]::new));
    double predict32 = Table.median(predicts.get("float32"));
    for (String policy : POLICIES) {
      List<String> cells = new ArrayList<>(List.of(policy));
      for (int batch : FIT_BATCHES) {
        double fit = Table.median(fits.get(policy + "@" + batch));
        cells.add(Table.format("%,.0f", fit));
        cells.add(Table.format("%.2f", fit / Table.median(fits.get("float32@" + batch))));
      }
      double predict = Table.median(predicts.get(policy));
      cells.add(Table.format("%,.0f", predict));
      cells.add(Table.format("%.2f", predict / predict32));
      table.row(cells.toArray());
    }
    table.print("Precision: keras4j's 784-512-512-10 MLP by dtype policy (median of " + rounds
        + " rounds in turns)");
  }
}
