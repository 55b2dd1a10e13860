package keras4j.saving;

import static keras4j.Keras.activation;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.lossWeights;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static keras4j.Keras.weightedMetrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.layers.Dense;
import keras4j.metrics.AUC;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;

/**
 * keras4j's legacy {@code .h5} saves carry Keras 3's {@code training_config}: the attribute
 * equals what Keras writes for the same compile, and the save loads compiled (with a fresh
 * optimizer: no {@code optimizer_weights} are written, see {@code LegacyH5.write}). A model Keras
 * trained and saved (training_config/resume.h5, make_training_config_fixtures.py) loads compiled
 * with its optimizer state and resumes with Keras's next losses. The saves in
 * target/keras4j-legacy/ are the input of check_keras4j_saves.py there: Keras loads them
 * compiled and trains on.
 */
class LegacyTrainingConfigTest {
  private static final Path OUT = Path.of("target", "keras4j-legacy");

  private static Map<String, Object> json(String name) throws IOException {
    return Json.parseObject(Files.readString(Fixtures.path("training_config/" + name)), name);
  }

  private static String trainingConfig(Path file) {
    try (HdfFile h5 = H5Reader.open(file)) {
      return H5Reader.string(h5, "training_config");
    }
  }

  @Test
  void theTrainingConfigIsKerasOwnForTheSameCompile() throws IOException {
    Files.createDirectories(OUT);
    Path file = OUT.resolve("compiled.h5");
    try (Sequential model = new Sequential(new Dense(4, activation("tanh"), inputShape(3)),
        new Dense(1))) {
      model.compile(optimizer(new Adam(0.01)), loss("mean_squared_error"),
          metrics("mae", new AUC("auc")), weightedMetrics("mse"), lossWeights(0.5));
      model.save(file);
    }
    Map<String, Object> written = Json.parseObject(trainingConfig(file), "training_config");
    // Optimizers are named per JVM as Keras names them per process: adam, adam_1, ...
    @SuppressWarnings("unchecked")
    Map<String, Object> optimizer = (Map<String, Object>)
        ((Map<?, ?>) written.get("optimizer_config")).get("config");
    assertTrue(((String) optimizer.get("name")).matches("adam(_\\d+)?"), optimizer.toString());
    optimizer.put("name", "adam");
    assertEquals(json("training_config.json"), written);
  }

  @Test
  void anUncompiledModelHasNone() throws IOException {
    Files.createDirectories(OUT);
    Path file = OUT.resolve("uncompiled.h5");
    try (Sequential model = new Sequential(new Dense(1, inputShape(3)))) {
      model.save(file);
    }
    assertNull(trainingConfig(file));
    try (HdfFile h5 = H5Reader.open(file)) {
      assertNull(H5Reader.childGroup(h5, "optimizer_weights"));
    }
  }

  @Test
  void aKerasTrainedFileResumesWithKerasLosses() throws IOException {
    try (Model model = Model.load(Fixtures.path("training_config/resume.h5"))) {
      assertCompiledAsKeras(model, 4); // 2 epochs of 2 batches
      Map<String, Object> fixture = json("resume.json");
      List<Double> losses = model.fit(floats(fixture.get("x")), floats(fixture.get("y")),
          epochs(2), batchSize(4), shuffle(false), verbose(0)).history().get("loss");
      List<?> kerasLosses = (List<?>) fixture.get("losses");
      assertFalse(kerasLosses.isEmpty());
      for (int i = 0; i < kerasLosses.size(); i++) {
        double expected = ((Number) kerasLosses.get(i)).doubleValue();
        assertEquals(expected, losses.get(i), 1e-5 * expected, "loss " + i);
      }
    }
  }

  @Test
  void keras4jSavesLoadCompiledWithAFreshOptimizer() throws IOException {
    Files.createDirectories(OUT);
    Path resaved = OUT.resolve("resaved.h5");
    try (Model model = Model.load(Fixtures.path("training_config/resume.h5"))) {
      model.save(resaved);
    }
    try (HdfFile h5 = H5Reader.open(resaved)) {
      assertNull(H5Reader.childGroup(h5, "optimizer_weights"));
    }
    try (Model model = Model.load(resaved)) {
      assertCompiledAsKeras(model, 0);
    }
  }

  /** Compiled as the fixture's compile() says, its optimizer at {@code iterations}. */
  private static void assertCompiledAsKeras(Model model, long iterations) {
    assertInstanceOf(Adam.class, model.optimizer());
    assertEquals(0.01, model.optimizer().getLearningRate(), 1e-9);
    assertEquals(iterations, model.optimizer().iterations());
    assertEquals("mean_squared_error", model.compiledLoss().name());
    assertEquals(List.of("mae", "auc"), model.compiledMetrics().stream()
        .map(m -> m.name()).toList());
  }

  private static float[][] floats(Object rows) {
    List<?> list = (List<?>) rows;
    float[][] out = new float[list.size()][];
    for (int i = 0; i < out.length; i++) {
      List<?> row = (List<?>) list.get(i);
      out[i] = new float[row.size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = ((Number) row.get(j)).floatValue();
      }
    }
    return out;
  }
}
