package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {
  @TempDir Path dir;

  @Test
  void formatsPlaceholdersAsPython() {
    Map<String, Double> logs = Map.of("val_loss", 0.123456, "accuracy", 0.5);
    // Python: "m_{epoch:02d}_{val_loss:.2f}.keras".format(epoch=3, val_loss=0.123456)
    assertEquals("m_03_0.12.keras",
        ModelCheckpoint.format("m_{epoch:02d}_{val_loss:.2f}.keras", 3, logs));
    assertEquals("m_7_0.5.keras", ModelCheckpoint.format("m_{epoch}_{accuracy}.keras", 7, logs));
    // Python: "{:.4e}".format(0.123456) == "1.2346e-01"
    assertEquals("m_1.2346e-01.keras", ModelCheckpoint.format("m_{val_loss:.4e}.keras", 1, logs));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCheckpoint.format("m_{val_acc}.keras", 1, logs));
    assertTrue(e.getMessage().contains("val_acc"), e.getMessage());
  }

  @Test
  void rejectsAPathKerasCouldNotRead() {
    assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("model.h5"));
    assertThrows(IllegalArgumentException.class,
        () -> new ModelCheckpoint("model.weights.h5").onTrainBegin(Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new ModelCheckpoint("model.keras").saveWeightsOnly(true));
  }

  private static float[][] x() {
    float[][] x = new float[16][2];
    for (int i = 0; i < 16; i++) {
      x[i][0] = i / 16f;
      x[i][1] = (i % 4) / 4f;
    }
    return x;
  }

  private static float[][] y(float[][] x) {
    float[][] y = new float[x.length][1];
    for (int i = 0; i < x.length; i++) {
      y[i][0] = x[i][0] - 2 * x[i][1];
    }
    return y;
  }

  @Test
  void savesEveryEpochUnderItsFormattedName() throws IOException {
    RandomSeed.set(1);
    try (Sequential model = new Sequential(new Dense(1, inputShape(2)))) {
      model.compile(optimizer("sgd"), loss("mse"));
      String pattern = dir.resolve("ckpt_{epoch:02d}_{loss:.3f}.keras").toString();
      var history = model.fit(x(), y(x()), epochs(3), batchSize(16), shuffle(false), verbose(0),
          callbacks(new ModelCheckpoint(pattern)));
      List<Double> losses = history.history().get("loss");
      for (int epoch = 1; epoch <= 3; epoch++) {
        Path file = Path.of(ModelCheckpoint.format(pattern, epoch,
            Map.of("loss", losses.get(epoch - 1))));
        assertTrue(Files.exists(file), file + " in " + list(dir));
      }
      assertEquals(3, list(dir).size());
    }
  }

  @Test
  void theReadmeSnippetSavesEachImprovingEpochUnderItsValidationLoss() throws IOException {
    RandomSeed.set(3);
    float[][] x = x();
    try (Sequential model = new Sequential(new Dense(1, inputShape(2)))) {
      model.compile(optimizer("sgd"), loss("mse"));
      String pattern = dir.resolve("m_{epoch:02d}_{val_loss:.3f}.keras").toString();
      var history = model.fit(x, y(x), epochs(4), verbose(0), validationSplit(0.2),
          callbacks(new ModelCheckpoint(pattern).saveBestOnly(true)));
      List<String> expected = new ArrayList<>();
      double best = Double.POSITIVE_INFINITY;
      List<Double> val = history.history().get("val_loss");
      for (int epoch = 0; epoch < val.size(); epoch++) {
        if (val.get(epoch) < best) {
          best = val.get(epoch);
          expected.add(String.format(Locale.ROOT, "m_%02d_%.3f.keras", epoch + 1, best));
        }
      }
      try (var files = Files.list(dir)) {
        assertEquals(expected, files.map(f -> f.getFileName().toString()).sorted().toList());
      }
    }
  }

  @Test
  void saveBestOnlyKeepsTheBestEpoch() {
    RandomSeed.set(2);
    Path file = dir.resolve("best.weights.h5");
    float[][] x = x();
    try (Sequential model = new Sequential(new Dense(1, inputShape(2)))) {
      model.compile(optimizer("sgd"), loss("mse"));
      // A learning rate this large diverges: later epochs are worse, so an early one stays best.
      model.optimizer().setLearningRate(3.0);
      var history = model.fit(x, y(x), epochs(4), batchSize(16), shuffle(false), verbose(0),
          validationData(x, y(x)), callbacks(new ModelCheckpoint(file.toString())
              .saveBestOnly(true).saveWeightsOnly(true).monitor("val_loss").mode("min")));
      List<Double> val = history.history().get("val_loss");
      double best = val.stream().min(Double::compare).orElseThrow();
      assertTrue(best < val.get(val.size() - 1), "the last epoch must not be the best: " + val);
      try (Sequential reloaded = new Sequential(new Dense(1, inputShape(2)))) {
        reloaded.loadWeights(file);
        reloaded.compile(optimizer("sgd"), loss("mse"));
        assertEquals(best, reloaded.evaluate(x, y(x), verbose(0)).get("loss"), 1e-6 * best);
      }
    }
  }

  @Test
  void aBaselineIsTheValueTheFirstBestSaveMustBeat() throws IOException {
    // Keras's initial_value_threshold: with 0.5, a val_loss of 0.6 is not saved, 0.4 is, and
    // then 0.45 is not (the best is 0.4 now), in a second fit too.
    try (Sequential model = TinyRegression.model(0.1)) {
      ModelCheckpoint checkpoint = new ModelCheckpoint(dir.resolve("{epoch}.keras").toString())
          .saveBestOnly(true).baseline(0.5);
      checkpoint.setModel(model);
      checkpoint.onTrainBegin(Map.of());
      double[] valLosses = {0.6, 0.4, 0.45};
      for (int epoch = 0; epoch < valLosses.length; epoch++) {
        checkpoint.onEpochEnd(epoch, Map.of("val_loss", valLosses[epoch]));
      }
      checkpoint.onTrainBegin(Map.of());
      checkpoint.onEpochEnd(3, Map.of("val_loss", 0.42));
      assertEquals(List.of(dir.resolve("2.keras")), list(dir));
    }
  }

  @Test
  void anInterruptedSaveLeavesThePreviousCheckpointIntact() throws Exception {
    RandomSeed.set(3);
    Path file = dir.resolve("model.keras");
    try (Sequential first = new Sequential(new Dense(1, inputShape(2)))) {
      first.save(file);
    }
    byte[] previous = Files.readAllBytes(file);
    try (Sequential big = new Sequential(new Dense(256, inputShape(2)), new Dense(256),
        new Dense(1))) {
      big.predict(x());
      java.util.Random random = new java.util.Random(4);
      int interrupted = 0;
      for (int round = 0; round < 12; round++) {
        Thread writer = new Thread(() -> big.save(file));
        writer.setUncaughtExceptionHandler((t, e) -> { });
        writer.start();
        Thread.sleep(round == 0 ? 0 : random.nextInt(6));
        writer.interrupt();
        writer.join(30_000);
        // Whatever the moment of the interrupt, the file is a whole model, the old or the new.
        try (Model loaded = Model.load(file)) {
          int layers = loaded.layers().size();
          assertTrue(layers == 1 || layers == 3, "layers: " + layers);
          if (layers == 1) {
            interrupted++;
            assertArrayEquals(previous, Files.readAllBytes(file));
          }
        }
        assertEquals(List.of(file), list(dir), "no temporary file is left behind");
      }
      assertTrue(interrupted > 0, "no save was interrupted; the test proves nothing");
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
