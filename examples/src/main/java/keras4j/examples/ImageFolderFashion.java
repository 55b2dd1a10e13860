package keras4j.examples;

import static keras4j.Keras.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import keras4j.data.Folder;
import keras4j.data.FolderDataset;
import keras4j.datasets.FashionMnist;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Rescaling;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * A folder of images, the usual way images reach a model: writes 2,000 Fashion-MNIST training
 * images as PNG files into {@code target/fashion-folder/<class name>/}, reads them back with
 * {@code imageDatasetFromDirectory} (grey, 28 × 28, an 80/20 training/validation split with a
 * seed, as Keras's image-classification tutorial), and trains a small MLP on them.
 */
public final class ImageFolderFashion {
  private static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat",
      "sandal", "shirt", "sneaker", "bag", "ankle-boot"};

  public static void main(String[] args) throws IOException {
    RandomSeed.set(42);
    Path folder = Path.of("target", "fashion-folder");
    writeImages(folder, 2_000);

    List<FolderDataset> split = imageDatasetsFromDirectory(folder, Folder.defaults()
        .colorMode("grayscale").imageSize(28, 28).batchSize(32).validationSplit(0.2)
        .seed(1337));
    FolderDataset train = split.get(0);
    System.out.println("classes " + train.classNames());
    try (var model = new Sequential(new Rescaling(1 / 255.0, inputShape(28, 28, 1)),
        new Flatten(), new Dense(128, activation("relu")), new Dense(10, activation("softmax")))) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      model.fit(train, epochs(5), validationData(split.get(1)), verbose(2));
      System.out.printf("validation accuracy %.3f%n", model.evaluate(split.get(1), verbose(0))
          .get("accuracy"));
    }
  }

  /** The first {@code n} training images, one PNG per image in its class's sub-folder. */
  private static void writeImages(Path folder, int n) throws IOException {
    var data = FashionMnist.loadData();
    ByteNdArray x = data.xTrain();
    IntNdArray y = data.yTrain();
    for (int i = 0; i < n; i++) {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
          image.getRaster().setSample(c, r, 0, Byte.toUnsignedInt(x.getByte(i, r, c)));
        }
      }
      Path dir = Files.createDirectories(folder.resolve(CLASSES[y.getInt(i)]));
      ImageIO.write(image, "png", dir.resolve(String.format("%05d.png", i)).toFile());
    }
  }
}
