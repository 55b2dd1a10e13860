package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import keras4j.layers.Layer;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Keras files of models built under {@code mixed_bfloat16} and {@code mixed_float16} (written by
 * mixed_precision/make_mixed_precision_fixtures.py): an MLP, a CNN (its BatchNormalization in
 * float32, its last Dense of dtype float32) and an RNN (Embedding, LSTM, LayerNormalization).
 * They load with the policy honoured and predict Keras's numbers within the precision's
 * tolerance, and keras4j's saves of them keep the policy as Keras writes it. Set {@code -Dkeras4j.mixedPrecisionSaves=DIR} to keep those saves for
 * mixed_precision/check_keras4j_saves.py, which loads them in Python Keras.
 */
class MixedPrecisionFilesTest {
  // bfloat16 keeps 8 significant bits (steps of 2^-8 below 1), float16 11: a softmax output of the
  // low-precision computation may sit a step or two from Keras's.
  private static final double BFLOAT16_TOLERANCE = 1e-2;
  private static final double FLOAT16_TOLERANCE = 2e-3;

  private static FloatNdArray inputs(String name) {
    String file = "mixed_precision/" + name + "_x.csv";
    return name.startsWith("cnn") ? Fixtures.images(file, 8, 8, 1)
        : StdArrays.ndCopyOf(Fixtures.csv(file));
  }

  private static double tolerance(String name) {
    return name.endsWith("bfloat16") ? BFLOAT16_TOLERANCE : FLOAT16_TOLERANCE;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp_mixed_bfloat16", "mlp_mixed_float16", "cnn_mixed_bfloat16",
      "cnn_mixed_float16", "rnn_mixed_bfloat16", "rnn_mixed_float16"})
  void kerasFilesLoadWithTheirPolicyAndPredictKeras(String name) {
    String policy = name.substring(4);
    try (Model model = Model.load(Fixtures.path("mixed_precision/" + name + ".keras"))) {
      for (Layer layer : model.layers().subList(1, model.layers().size())) {
        String expected = name.startsWith("cnn") && layer.name().equals("probs") ? "float32"
            : policy;
        assertEquals(expected, layer.dtypePolicy().name(), layer.name());
      }
      FloatNdArray predicted = model.predict(inputs(name));
      Fixtures.assertClose(Fixtures.csv("mixed_precision/" + name + "_y.csv"), predicted,
          tolerance(name));
    }
  }

  @Test
  void aBfloat16OutputIsRoundedToBfloat16() {
    // Keras's mixed_bfloat16 MLP outputs bfloat16: every value has 8 significant bits, which a
    // float32 computation would not give (its predictions differ from the float32 ones).
    try (Model model = Model.load(Fixtures.path("mixed_precision/mlp_mixed_bfloat16.keras"))) {
      float[][] predicted = StdArrays.array2dCopyOf(model.predict(inputs("mlp_mixed_bfloat16")));
      float[][] plain = Fixtures.csv("mixed_precision/mlp_mixed_bfloat16_y_float32.csv");
      double differs = 0;
      for (int i = 0; i < predicted.length; i++) {
        for (int j = 0; j < predicted[i].length; j++) {
          assertEquals(0, Float.floatToIntBits(predicted[i][j]) & 0xFFFF,
              "not a bfloat16 value: " + predicted[i][j]);
          differs = Math.max(differs, Math.abs(predicted[i][j] - plain[i][j]));
        }
      }
      assertTrue(differs > 1e-4, "bfloat16 predictions equal the float32 ones: " + differs);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp_mixed_bfloat16", "mlp_mixed_float16", "cnn_mixed_bfloat16",
      "cnn_mixed_float16", "rnn_mixed_bfloat16", "rnn_mixed_float16"})
  void savedAgainTheFileKeepsThePolicyAsKerasWritesIt(String name, @TempDir Path temp)
      throws IOException {
    String keep = System.getProperty("keras4j.mixedPrecisionSaves");
    Path dir = keep == null ? temp : Files.createDirectories(Path.of(keep));
    Path copy = dir.resolve(name + ".keras");
    try (Model model = Model.load(Fixtures.path("mixed_precision/" + name + ".keras"))) {
      model.save(copy);
    }
    String config = entry(copy, "config.json");
    String policy = name.substring(4);
    assertTrue(config.contains("\"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\","
        + " \"config\": {\"name\": \"" + policy + "\"}, \"registered_name\": null}")
        || config.contains("\"dtype\":{\"module\":\"keras\",\"class_name\":\"DTypePolicy\","
        + "\"config\":{\"name\":\"" + policy + "\"},\"registered_name\":null}"), config);
    try (Model again = Model.load(copy)) {
      Fixtures.assertClose(Fixtures.csv("mixed_precision/" + name + "_y.csv"),
          again.predict(inputs(name)), tolerance(name));
    }
  }

  private static String entry(Path zip, String name) {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      return new String(file.getInputStream(file.getEntry(name)).readAllBytes(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
