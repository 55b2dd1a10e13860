package keras4j.visualization;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import keras4j.layers.Concatenate;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modelToDot} against the DOT text that Keras 3.15.1's {@code model_to_dot} wrote for the
 * same models (src/test/resources/keras4j/visualization/make_model_dot.py), and {@code plotModel}
 * through Graphviz (the {@code graphviz} package, which .ci/run installs).
 */
class ModelVisualizationTest {
  /** Keras's two inputs a (4) and b (3): a Dense on a, a nested Sequential on b, merged. */
  private static Model twoInputs() {
    var a = Input.named("a", 4);
    var b = Input.named("b", 3);
    var left = new Dense(8, activation("relu"), name("left")).apply(a);
    var tower = new Sequential(List.of(new Dense(5, name("t1"), inputShape(3)),
        new Dense(8, name("t2"))), name("tower"));
    var right = tower.apply(b);
    var merged = new Concatenate(name("merge")).apply(left, right);
    var out = new Dense(1, activation("sigmoid"), name("out")).apply(merged);
    return new Model(List.of(a, b), out, name("two_inputs"));
  }

  private static String keras(String fixture) throws IOException {
    try (InputStream in = ModelVisualizationTest.class.getResourceAsStream(fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void twoInputGraphIsKerasDotWithShapesAndNames() throws IOException {
    try (Model model = twoInputs()) {
      assertEquals(keras("two_inputs_shapes.dot"),
          ModelVisualization.modelToDot(model, true, true));
    }
  }

  @Test
  void twoInputGraphIsKerasDotWithClassNamesOnly() throws IOException {
    try (Model model = twoInputs()) {
      assertEquals(keras("two_inputs_plain.dot"),
          ModelVisualization.modelToDot(model, false, false));
    }
  }

  @Test
  void sequentialIsItsStackWithoutTheInputLayer() throws IOException {
    try (var model = new Sequential(List.of(
        new Dense(4, activation("relu"), name("hidden"), inputShape(6)),
        new Dense(2, name("logits"))), name("stack"))) {
      assertEquals(keras("stack_shapes.dot"), ModelVisualization.modelToDot(model, true, true));
    }
  }

  @Test
  void pngDecodesAndSvgIsSvg(@TempDir Path dir) throws IOException {
    try (Model model = twoInputs()) {
      Path png = dir.resolve("pictures/model.png");
      ModelVisualization.plotModel(model, png, true, true);
      BufferedImage image = ImageIO.read(png.toFile());
      assertTrue(image != null, "not a PNG");
      // Keras's plot_model of this model is 2283x1256 (Graphviz 2.43, 200 dpi): two boxes side
      // by side in four ranks; fonts differ a little between machines.
      assertEquals(2283, image.getWidth(), 2283 * 0.1);
      assertEquals(1256, image.getHeight(), 1256 * 0.1);
      // The boxes' black title rows on a white page.
      int black = 0;
      int white = 0;
      for (int y = 0; y < image.getHeight(); y += 4) {
        for (int x = 0; x < image.getWidth(); x += 4) {
          int rgb = image.getRGB(x, y) & 0xffffff;
          black += rgb == 0 ? 1 : 0;
          white += rgb == 0xffffff ? 1 : 0;
        }
      }
      assertTrue(black > 2000 && white > black, black + " black, " + white + " white");
      Path svg = dir.resolve("model.svg");
      ModelVisualization.plotModel(model, svg);
      String text = Files.readString(svg);
      assertTrue(text.contains("<svg") && text.contains(">Concatenate</text>"), text);
      try (var files = Files.list(dir)) {
        assertEquals(List.of("model.svg", "pictures"),
            files.map(p -> p.getFileName().toString()).sorted().toList(), "temporary files left");
      }
    }
  }

  @Test
  void badInputIsRefusedClearly(@TempDir Path dir) {
    try (Model model = twoInputs()) {
      var format = assertThrows(IllegalArgumentException.class,
          () -> ModelVisualization.plotModel(model, dir.resolve("model.bmp")));
      assertTrue(format.getMessage().contains("'model.bmp'"), format.getMessage());
      String before = System.getProperty(ModelVisualization.DOT_PROPERTY);
      System.setProperty(ModelVisualization.DOT_PROPERTY, dir.resolve("no-dot").toString());
      try {
        var missing = assertThrows(IllegalStateException.class,
            () -> ModelVisualization.plotModel(model, dir.resolve("model.png")));
        assertTrue(missing.getMessage().contains("install the graphviz package"),
            missing.getMessage());
      } finally {
        if (before == null) {
          System.clearProperty(ModelVisualization.DOT_PROPERTY);
        } else {
          System.setProperty(ModelVisualization.DOT_PROPERTY, before);
        }
      }
    }
    var unbuilt = new Sequential(new Dense(2));
    var e = assertThrows(IllegalStateException.class, () -> ModelVisualization.modelToDot(unbuilt));
    assertTrue(e.getMessage().contains("not yet been built"), e.getMessage());
  }
}
