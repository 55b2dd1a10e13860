package keras4j.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.TestModels;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/**
 * Regressions and names; every activation's values and gradient are checked against Keras in
 * keras4j.layers.LayerFixturesTest (activations_0..3).
 */
class ActivationsTest {
  @Test
  void hardSigmoidIsKeras3sRelu6OfXPlus3Over6NotKeras2sClip() {
    float[][] x = {{-4f, -2f, 0f, 1f, 2.5f, 4f}};
    // Keras 3: relu6(x + 3) / 6; Keras 2's clip(0.2x + 0.5, 0, 1) gives 0.1 at -2 and 1 at 2.5.
    double[] want = {0, 1 / 6.0, 0.5, 4 / 6.0, 5.5 / 6, 1};
    try (var model = TestModels.identity(6, "hard_sigmoid")) {
      float[] got = StdArrays.array2dCopyOf(model.predict(x))[0];
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-6, "hard_sigmoid(" + x[0][i] + ")");
      }
    }
  }

  @Test
  void aliasesAreSavedUnderKeras3sNames() {
    assertEquals("silu", Activations.get("swish").name());
    assertEquals("hard_silu", Activations.get("hard_swish").name());
    assertEquals("linear", Activations.get(null).name());
  }

  @Test
  void unknownNamesAndThresholdAreRefusedWithTheReason() {
    var unknown = assertThrows(IllegalArgumentException.class, () -> Activations.get("swishy"));
    assertTrue(unknown.getMessage().contains("sparsemax"), unknown.getMessage());
    var threshold = assertThrows(IllegalArgumentException.class,
        () -> Activations.get("threshold"));
    assertTrue(threshold.getMessage().contains("default_value"), threshold.getMessage());
  }
}
