package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import keras4j.callbacks.History;
import keras4j.data.Folder;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** {@code fit} on {@code imageDatasetFromDirectory}: the losses of two epochs worked by hand. */
class FolderTrainingTest {
  @TempDir
  Path dir;

  private void writeFlat(String name, int level) throws IOException {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < 4; i++) {
      image.getRaster().setSample(i % 2, i / 2, 0, level);
    }
    Files.createDirectories(dir.resolve(name).getParent());
    ImageIO.write(image, "png", dir.resolve(name).toFile());
  }

  @Test
  void fitReadsTheFolderImagesAndTheirClassLabels() throws IOException {
    // Class a (label 0): two images of level 10; class b (label 1): two of level 20.
    writeFlat("a/1.png", 10);
    writeFlat("a/2.bmp", 10);
    writeFlat("b/1.gif", 20);
    writeFlat("b/2.png", 20);
    var data = imageDatasetFromDirectory(dir, Folder.defaults().colorMode("grayscale")
        .imageSize(2, 2).batchSize(4).seed(5).verbose(false));
    try (Sequential model = new Sequential(new Flatten(inputShape(2, 2, 1)), new Dense(1))) {
      model.setWeights(List.of(NdArrays.ofFloats(Shape.of(4, 1)), NdArrays.ofFloats(Shape.of(1))));
      model.compile(optimizer(new SGD(0.001)), loss("mse"));
      History h = model.fit(data, epochs(2), verbose(0));
      // Epoch 1, zero weights: mean(y^2) = 0.5; dw_j = -2 mean(x_j y) = -20, db = -2 mean(y) = -1,
      // so w_j = 0.02, b = 0.001 and the predictions are 0.801 (a) and 1.601 (b).
      assertEquals(0.5, h.history().get("loss").get(0), 1e-6);
      assertEquals((0.801 * 0.801 + 0.601 * 0.601) / 2, h.history().get("loss").get(1), 1e-5);
    }
  }
}
