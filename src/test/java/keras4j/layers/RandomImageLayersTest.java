package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.core.KerasTensor;
import keras4j.tf.TF;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The random image layers while training: properties and statistics of their draws, checked on
 * the outputs (keras4j's random numbers are not Keras's, so no values are compared). Their
 * inference path, the identity, is checked exactly against Keras in LayerFixturesTest.
 */
class RandomImageLayersTest {
  private static final int N = 400;

  /** {@code N} images of 3 x 4 x 1 holding {@code 100 * image + 10 * row + column}. */
  private static FloatNdArray images() {
    FloatNdArray x = NdArrays.ofFloats(Shape.of(N, 3, 4, 1));
    for (int n = 0; n < N; n++) {
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          x.setFloat(100f * n + 10 * r + c, n, r, c, 0);
        }
      }
    }
    return x;
  }

  private static FloatNdArray training(Layer layer, FloatNdArray x) {
    try (var f = TF.function(in -> layer.apply(in, true))) {
      return f.call(KerasTensor.constant(x)).numpy();
    }
  }

  @Test
  void randomFlipMirrorsAboutHalfTheImagesAndNothingElse() {
    FloatNdArray x = images();
    FloatNdArray y = training(new RandomFlip(mode("horizontal"), seed(5)), x);
    int flipped = 0;
    for (int n = 0; n < N; n++) {
      boolean mirror = y.getFloat(n, 0, 0, 0) != x.getFloat(n, 0, 0, 0);
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++) {
          assertEquals(x.getFloat(n, r, mirror ? 3 - c : c, 0), y.getFloat(n, r, c, 0));
        }
      }
      flipped += mirror ? 1 : 0;
    }
    // Binomial(400, 1/2): standard deviation 10; 5 of them is a 1-in-a-million miss.
    assertEquals(N / 2.0, flipped, 50);
  }

  @Test
  void randomContrastScalesAboutEachImagesMeanWithinTheFactor() {
    FloatNdArray x = images();
    FloatNdArray y = training(new RandomContrast(0.5, valueRange(-1e6, 1e6), seed(3)), x);
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    for (int n = 0; n < N; n++) {
      double mean = 100.0 * n + 10 + 1.5;
      // (x - mean) * c + mean: c from the corner pixel, the same for every pixel of the image.
      double c = (y.getFloat(n, 0, 0, 0) - mean) / (x.getFloat(n, 0, 0, 0) - mean);
      assertEquals(mean + (x.getFloat(n, 2, 3, 0) - mean) * c, y.getFloat(n, 2, 3, 0), 1e-2);
      lowest = Math.min(lowest, c);
      highest = Math.max(highest, c);
    }
    // Keras 3.15: factor 0.5 means c uniform in [1, 1.5].
    assertTrue(lowest >= 1 - 1e-4 && lowest < 1.02, "lowest " + lowest);
    assertTrue(highest <= 1.5 + 1e-4 && highest > 1.48, "highest " + highest);
  }

  @Test
  void randomCropTakesOneWindowThatFitsAndAllOffsetsOccur() {
    FloatNdArray x = images();
    boolean[][] seen = new boolean[2][3];
    var crop = new RandomCrop(2, 2, seed(9));
    // One traced function called 40 times, as fit runs its step: a new draw on every call.
    try (var f = TF.function(in -> crop.apply(in, true))) {
      for (int run = 0; run < 40; run++) {
        FloatNdArray y = f.call(KerasTensor.constant(x)).numpy();
      assertEquals(Shape.of(N, 2, 2, 1), y.shape());
      int top = (int) (y.getFloat(0, 0, 0, 0) % 100) / 10;
      int left = (int) (y.getFloat(0, 0, 0, 0) % 10);
      seen[top][left] = true;
        for (int n = 0; n < N; n++) {
          assertEquals(x.getFloat(n, top + 1, left + 1, 0), y.getFloat(n, 1, 1, 0));
        }
      }
    }
    for (boolean[] row : seen) {
      for (boolean s : row) {
        assertTrue(s, "every offset of a 2 x 2 window in 3 x 4 occurs in 40 draws");
      }
    }
  }

  @Test
  void randomRotationKeepsTheCenterOfAnOddImageAndChangesTheRest() {
    FloatNdArray x = NdArrays.ofFloats(Shape.of(64, 5, 5, 1));
    x.scalars().forEachIndexed((i, s) -> s.setFloat(i[1] * 5 + i[2]));
    FloatNdArray y = training(new RandomRotation(0.25, seed(4)), x);
    int changed = 0;
    for (int n = 0; n < 64; n++) {
      // The center pixel is the rotation's fixed point; pixel values stay in the input's range.
      assertEquals(12f, y.getFloat(n, 2, 2, 0), 1e-4);
      changed += y.getFloat(n, 0, 0, 0) != 0f ? 1 : 0;
      for (int r = 0; r < 5; r++) {
        for (int c = 0; c < 5; c++) {
          assertTrue(y.getFloat(n, r, c, 0) >= -1e-4 && y.getFloat(n, r, c, 0) <= 24 + 1e-4);
        }
      }
    }
    assertTrue(changed > 48, "rotations up to a quarter turn move the corner of most images: "
        + changed + " of 64");
  }

  @Test
  void randomZoomAndTranslationAreTheIdentityAtInferenceAndNotInTraining() {
    FloatNdArray x = images();
    for (Layer layer : new Layer[] {new RandomZoom(0.5, seed(1)),
        new RandomTranslation(0.5, 0.5, seed(2))}) {
      FloatNdArray y = training(layer, x);
      int moved = 0;
      for (int n = 0; n < N; n++) {
        boolean differs = false;
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 4; c++) {
            differs |= Math.abs(y.getFloat(n, r, c, 0) - x.getFloat(n, r, c, 0)) > 1e-3;
          }
        }
        moved += differs ? 1 : 0;
      }
      assertTrue(moved > N * 0.8, layer + " moved " + moved + " of " + N);
      // "+ 0": a traced function returning its own input fails in TensorFlow ("fed and fetched").
      try (var f = TF.function(in -> keras4j.ops.Ops.add(layer.apply(in, false), 0))) {
        assertEquals(x, f.call(KerasTensor.constant(x)).numpy());
      }
    }
  }
}
