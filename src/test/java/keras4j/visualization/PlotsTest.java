package keras4j.visualization;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import keras4j.callbacks.History;
import keras4j.explain.Importances;
import keras4j.explain.Occlusion;
import keras4j.explain.PermutationImportance;
import keras4j.explain.Predictor;
import keras4j.explain.Attributions;
import keras4j.explain.Target;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The pictures are PNG files of the promised size with content: axes, bars, lines and blocks
 * draw many colours, an empty chart few. What they show was checked by eye on the examples'
 * output ({@code mvn -q test-compile exec:java -Dexample=ExplainBreastCancer}).
 */
class PlotsTest {
  private static BufferedImage read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null, png + " is not a PNG");
    return image;
  }

  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }

  private static int count(BufferedImage image, int rgb) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void trainingCurvesHaveOnePanelPerMetricWithItsValidationTwin(@TempDir Path tmp)
      throws IOException {
    // y = 2 x on [0, 1], the validation samples (the last 20 %) at the top of the range.
    float[][] x = new float[10][1];
    float[][] y = new float[10][1];
    for (int i = 0; i < 10; i++) {
      x[i][0] = i / 10f;
      y[i][0] = i / 5f;
    }
    try (Sequential model = new Sequential(new Dense(1, inputShape(1)))) {
      model.compile(optimizer("sgd"), loss("mse"), metrics("mae"));
      History history = model.fit(x, y, epochs(4), validationSplit(0.2), verbose(0));
      Path png = tmp.resolve("sub/curves.png");
      Plots.trainingCurves(history, png);
      BufferedImage image = read(png);
      assertEquals(800, image.getWidth());
      assertEquals(120 + 2 * 260, image.getHeight()); // loss and mae panels
      // Matplotlib's first two colours draw the training and validation lines.
      assertTrue(count(image, 0x1F77B4) > 100, "training lines");
      assertTrue(count(image, 0xFF7F0E) > 100, "validation lines");
    }
    assertThrows(IllegalArgumentException.class,
        () -> Plots.trainingCurves(new History(), tmp.resolve("none.png")));
  }

  @Test
  void importanceBarsAndHeatmapsArePictures(@TempDir Path tmp) throws IOException {
    float[][] x = new float[50][3];
    float[][] y = new float[50][1];
    for (int i = 0; i < 50; i++) {
      x[i][0] = i % 7;
      x[i][1] = i % 3;
      x[i][2] = i % 5;
      y[i][0] = 2 * x[i][0] + x[i][1];
    }
    Predictor model = input -> {
      int n = (int) input.shape().get(0);
      FloatNdArray out = NdArrays.ofFloats(Shape.of(n, 1));
      for (int i = 0; i < n; i++) {
        out.setFloat(2 * input.getFloat(i, 0) + input.getFloat(i, 1), i, 0);
      }
      return out;
    };
    try (var mse = keras4j.explain.Scorer.of("mse")) {
      Importances imp = new PermutationImportance(model, mse).seed(0)
          .featureNames(List.of("a", "b", "c")).compute(x, y);
      Path bars = tmp.resolve("bars.png");
      Plots.importances(imp, 10, bars);
      BufferedImage image = read(bars);
      assertEquals(140 + 28 * 3, image.getHeight());
      assertTrue(count(image, 0x1F77B4) > 1000, "bars");
    }
    // An 8x8 "image" whose occlusion map is its own pixels times 2 (the model sums 2 x).
    float[][][] images = new float[1][8][8];
    for (int p = 0; p < 64; p++) {
      images[0][p / 8][p % 8] = (p % 9) / 8f;
    }
    Predictor sum = input -> {
      FloatNdArray out = NdArrays.ofFloats(Shape.of(input.shape().get(0), 1));
      for (int i = 0; i < input.shape().get(0); i++) {
        float s = 0;
        for (int p = 0; p < 64; p++) {
          s += 2 * input.getFloat(i, p / 8, p % 8);
        }
        out.setFloat(s, i, 0);
      }
      return out;
    };
    Attributions map = new Occlusion(sum).window(2).explain(images, Target.classIndex(0));
    Path heat = tmp.resolve("heat.png");
    Plots.heatmap(map, 0, heat);
    assertTrue(colours(read(heat)) > 20);
    Path over = tmp.resolve("over.png");
    Plots.overlay(images, map, 0, over);
    assertTrue(colours(read(over)) > 20);
    assertThrows(IllegalArgumentException.class,
        () -> Plots.overlay(images, map.reshape(4, 16), 0, tmp.resolve("bad.png")));
  }
}
