package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.tf.TF;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Dropout's {@code noise_shape} (EfficientNet's stochastic depth): one draw per entry of the
 * noise shape, broadcast over its axes of size 1, written in Keras's config layout.
 */
class DropoutNoiseShapeTest {
  private static final int N = 400;

  @Test
  void noiseShapeDropsWholeSamples() {
    FloatNdArray ones = NdArrays.ofFloats(Shape.of(N, 3, 4, 2));
    ones.scalars().forEach(s -> s.setFloat(1f));
    Dropout dropout = new Dropout(0.5, noiseShape(NONE, 1, 1, 1), seed(5));
    FloatNdArray y;
    try (var f = TF.function(in -> dropout.apply(in, true))) {
      y = f.call(KerasTensor.constant(ones)).numpy();
    }
    int dropped = 0;
    for (int n = 0; n < N; n++) {
      float first = y.getFloat(n, 0, 0, 0);
      assertTrue(first == 0f || first == 2f, "kept values are scaled by 1 / (1 - rate)");
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          for (int ch = 0; ch < 2; ch++) {
            assertEquals(first, y.getFloat(n, r, c, ch), "sample " + n + " dropped as a whole");
          }
        }
      }
      dropped += first == 0f ? 1 : 0;
    }
    // Binomial(400, 1/2): standard deviation 10; 5 of them is a 1-in-a-million miss.
    assertEquals(N / 2.0, dropped, 50);
  }

  @Test
  void noiseShapeIsSavedAsKerasWritesItAndReadBack() {
    Dropout dropout = new Dropout(0.25, noiseShape(NONE, 1, 1, 1), name("drop"));
    Map<String, Object> config = dropout.getConfig();
    assertEquals(Arrays.asList(null, 1L, 1L, 1L), config.get("noise_shape"));
    Dropout back = Dropout.fromConfig(ConfigReader.of(Json.parse(Json.write(config)), "config"));
    assertEquals(Arrays.asList(null, 1L, 1L, 1L), back.getConfig().get("noise_shape"));
    assertEquals(null, new Dropout(0.25).getConfig().get("noise_shape"));
  }

  @Test
  void noiseShapeThatDoesNotBroadcastIsRefused() {
    Dropout dropout = new Dropout(0.5, noiseShape(NONE, 2, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dropout.apply(Input.shape(3, 4)));
    assertTrue(e.getMessage().contains("does not broadcast"), e.getMessage());
  }
}
