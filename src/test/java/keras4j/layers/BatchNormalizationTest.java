package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.initializers.Constant;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import keras4j.regularizers.L1L2;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

class BatchNormalizationTest {
  /** Written by make_layer_fixtures.py: BN with beta/gamma penalties and Constant initializers. */
  private static final String CASE = "batch_normalization_regularized";

  @Test
  void aTrainingStepMovesTheStatisticsAsKeras() {
    float[][] x = {{1, 2}, {3, -1}, {0.5f, 0}, {2.5f, 4}};
    BatchNormalization bn = new BatchNormalization(inputShape(2));
    try (Sequential model = new Sequential(bn)) {
      model.compile(optimizer("sgd"), loss("mse"));
      model.fit(x, new float[4][2], epochs(1), batchSize(4), verbose(0));
      // numpy: m, v = x.mean(0), x.var(0); 0.99 * 0 + 0.01 * m; 0.99 * 1 + 0.01 * v
      List<float[]> weights = model.getWeights().stream()
          .map(w -> StdArrays.array1dCopyOf(w)).toList();
      assertArrayEquals(new float[] {0.0175f, 0.0125f}, weights.get(2), 1e-7f);
      assertArrayEquals(new float[] {1.000625f, 1.026875f}, weights.get(3), 1e-7f);
    }
  }

  @Test
  void kwargsSetTheStartingValuesAndAddThePenaltyToTheLoss() {
    BatchNormalization bn = new BatchNormalization(inputShape(2),
        gammaInitializer(new Constant(2)), betaInitializer(new Constant(0)),
        movingMeanInitializer(new Constant(0.5)), movingVarianceInitializer(new Constant(3)),
        gammaRegularizer(L1L2.l2(0.5)));
    try (Sequential model = new Sequential(bn)) {
      List<float[]> start = model.getWeights().stream()
          .map(w -> StdArrays.array1dCopyOf(w)).toList();
      assertArrayEquals(new float[] {2, 2}, start.get(0));
      assertArrayEquals(new float[] {0, 0}, start.get(1));
      assertArrayEquals(new float[] {0.5f, 0.5f}, start.get(2));
      assertArrayEquals(new float[] {3, 3}, start.get(3));
      model.compile(optimizer("sgd"), loss("mse"));
      double loss = model.fit(new float[][] {{1, 2}, {3, -1}}, new float[2][2], epochs(1),
          batchSize(2), verbose(0)).history().get("loss").get(0);
      // By hand: columns normalized to +-1/sqrt(1 + 0.001/1) and +-1/sqrt(1 + 0.001/2.25),
      // times gamma 2 against zero targets, plus the penalty 0.5 * (2^2 + 2^2) = 4.
      double mse = 4 * (1 / 1.001 + 2.25 / 2.251) / 2;
      assertEquals(mse + 4, loss, 1e-5);
    }
  }

  @Test
  void kerasFilesWithPenaltiesTrainAsKeras() throws IOException {
    Map<String, Object> c = Json.parseObject(Files.readString(fixture(CASE + ".json")), CASE);
    FloatNdArray x = array(c, "x", "x_shape");
    FloatNdArray target = array(c, "target", "y_shape");
    for (String ext : new String[] {".keras", ".h5"}) {
      try (Model model = Models.loadModel(fixture(CASE + ext))) {
        model.compile(optimizer(new SGD(0.1)), loss("mse"));
        List<Double> losses = model.fit(x, target, epochs(3), batchSize(3), shuffle(false),
            verbose(0)).history().get("loss");
        // Keras's fit from the same weights, its penalties 0.1 * |beta| and 0.5 * gamma^2 in.
        double[] want = ((List<?>) c.get("losses")).stream()
            .mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        assertArrayEquals(want, losses.stream().mapToDouble(Double::doubleValue).toArray(), 1e-5,
            CASE + ext + " losses of 3 SGD steps");
      }
    }
  }

  @Test
  void initializersAndPenaltiesRoundTripThroughKeras4jSaves(@TempDir Path dir) {
    Path saved = dir.resolve("bn.keras");
    try (Model model = Models.loadModel(fixture(CASE + ".keras"))) {
      assertSettingsAsKerasWrote(model.getLayer("batch_normalization").getConfig());
      model.save(saved);
    }
    try (Model loaded = Models.loadModel(saved); Model fresh = Models.cloneModel(loaded)) {
      assertSettingsAsKerasWrote(loaded.getLayer("batch_normalization").getConfig());
      // The clone is built from the config alone: its weights start from the initializers.
      List<float[]> weights = fresh.getLayer("batch_normalization").getWeights().stream()
          .map(w -> StdArrays.array1dCopyOf(w)).toList();
      float[][] constants = {{1.5f, 1.5f, 1.5f}, {-0.2f, -0.2f, -0.2f}, {0.3f, 0.3f, 0.3f},
          {2, 2, 2}};
      for (int i = 0; i < constants.length; i++) {
        assertArrayEquals(constants[i], weights.get(i), 1e-7f, "weight " + i);
      }
    }
  }

  /** The fixture's gamma/beta/moving initializers and beta/gamma regularizers, in the config. */
  @SuppressWarnings("unchecked")
  private static void assertSettingsAsKerasWrote(Map<String, Object> config) {
    String[][] initializers = {{"beta_initializer", "-0.2"}, {"gamma_initializer", "1.5"},
        {"moving_mean_initializer", "0.3"}, {"moving_variance_initializer", "2.0"}};
    for (String[] keyValue : initializers) {
      Map<String, Object> nested = (Map<String, Object>) config.get(keyValue[0]);
      assertEquals("Constant", nested.get("class_name"), keyValue[0]);
      Map<String, Object> settings = (Map<String, Object>) nested.get("config");
      assertEquals(Double.parseDouble(keyValue[1]),
          ((Number) settings.get("value")).doubleValue(), 1e-7, keyValue[0]);
    }
    Map<String, Object> beta = (Map<String, Object>) config.get("beta_regularizer");
    Map<String, Object> gamma = (Map<String, Object>) config.get("gamma_regularizer");
    assertEquals(0.1, ((Number) ((Map<String, Object>) beta.get("config")).get("l1"))
        .doubleValue(), 1e-7);
    assertEquals(0.5, ((Number) ((Map<String, Object>) gamma.get("config")).get("l2"))
        .doubleValue(), 1e-7);
  }

  private static Path fixture(String name) {
    try {
      return Path.of(BatchNormalizationTest.class.getResource("/keras4j/layers/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/layers/" + name, e);
    }
  }

  private static FloatNdArray array(Map<String, Object> c, String key, String shapeKey) {
    long[] dims = ((List<?>) c.get(shapeKey)).stream()
        .mapToLong(d -> ((Number) d).longValue()).toArray();
    float[] values = new float[(int) Shape.of(dims).size()];
    List<?> list = (List<?>) c.get(key);
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) list.get(i)).floatValue();
    }
    FloatNdArray out = NdArrays.ofFloats(Shape.of(dims));
    out.copyFrom(DataBuffers.of(values, false, false));
    return out;
  }
}
