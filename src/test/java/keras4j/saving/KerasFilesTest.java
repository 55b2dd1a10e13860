package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import keras4j.logging.LogCapture;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Models written by Python Keras load and predict as Keras does. The expected outputs were
 * computed independently of Keras with numpy (see keras-models/README.md and
 * make_keras_fixtures.py, which also checks them against Keras's own predict).
 */
class KerasFilesTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // folder or file, model file, input csv, expected csv, input dims
      "keras3_sequential_mlp_flownet, model.keras, input.csv, expected_output.csv, 4",
      "keras3_sequential_dropout_leakyrelu_flownet, model.keras, input.csv, expected_output.csv, 2",
      "keras3_sequential_cnn_mnist, model.keras, input.csv, expected_output.csv, 28x28x1",
      "h5_tfkeras2.11_sequential_mlp_hls4ml, model.h5, input.csv, expected_output.csv, 8",
      "h5_keras2.3.1_sequential_softmax_dl4j, model.h5, input.csv, expected_output.csv, 4",
      "h5_keras2.3.1_sequential_softmax_dl4j, model.h5, keras_reference_input.csv,"
          + " keras_reference_output.csv, 4",
      "h5_tfkeras2.10_functional_cnn_bn_keras2circom, model.h5, input.csv, expected_output.csv,"
          + " 28x28x1",
  })
  void sharedKerasModelsPredictTheirExpectedOutputs(
      String folder, String file, String input, String expected, String dims) {
    String dir = "keras-models/" + folder + "/";
    predictsAsExpected(Fixtures.path(dir + file), dir + input, dir + expected, dims);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "keras3_functional_mlp.keras, functional_mlp_input.csv, functional_mlp_expected.csv, 3",
      "keras3_functional_mlp_legacy.h5, functional_mlp_input.csv, functional_mlp_expected.csv, 3",
      "keras3_small_cnn.keras, small_cnn_input.csv, small_cnn_expected.csv, 6x6x2",
  })
  void pythonKeras315FixturesPredictTheirExpectedOutputs(
      String file, String input, String expected, String dims) {
    predictsAsExpected(Fixtures.path(file), input, expected, dims);
  }

  @Test
  void aFileCompiledWithoutOptimizerLoadsUncompiledAndWarnsSo() {
    Path file = Fixtures.path("keras-models/keras3_sequential_cnn_mnist/model.keras");
    List<String> logged = LogCapture.during("keras4j.models.CompileConfig", () ->
        keras4j.models.Models.loadModel(file).close());
    assertEquals(1, logged.size(), logged.toString());
    assertTrue(logged.get(0).matches("WARNING: Model '\\w+' was loaded uncompiled: its compile"
        + " settings could not be restored \\(.*optimizer.*\\)\\. Call compile\\(\\.\\.\\.\\)"
        + " before fit"), logged.get(0));
  }

  private static void predictsAsExpected(Path file, String input, String expected, String dims) {
    long[] sample = java.util.Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
    try (Model model = keras4j.models.Models.loadModel(file)) {
      FloatNdArray x = Fixtures.images(input, sample);
      float[][] want = Fixtures.csv(expected);
      Fixtures.assertClose(want, model.predict(x), 1e-5);
      assertEquals(want.length, model.predict(x).shape().get(0));
    }
  }
}
