package keras4j.data;

import static keras4j.data.DatasetTest.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FolderDataset} on folders of PNG, BMP, GIF and JPEG files the test writes: pixels against
 * the values written, labels and Keras's file order and split (printed by
 * src/test/resources/keras4j/data/make_folder_fixtures.py), resizing against tf.image.resize.
 */
class FolderDatasetTest {
  /** Keras's example pixels, rows of (r, g, b). */
  private static final int[][][] RGB = {
      {{200, 10, 30}, {0, 255, 128}, {1, 2, 3}},
      {{17, 99, 250}, {255, 255, 255}, {64, 0, 64}}};

  @TempDir
  Path dir;

  private static BufferedImage rgbImage() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        int[] p = RGB[y][x];
        image.setRGB(x, y, p[0] << 16 | p[1] << 8 | p[2]);
      }
    }
    return image;
  }

  /**
   * An 8 × 8 GIF-style image: a palette of the six colours of {@link #RGB} and pixel (x, y)
   * coloured (x + 2 y) mod 6. (The JDK's GIF reader misreads the interlaced GIFs its writer makes
   * below 8 × 8 pixels, which TensorFlow decodes correctly, so the image is not smaller.)
   */
  private static BufferedImage indexedImage() {
    byte[][] palette = new byte[3][6];
    for (int i = 0; i < 6; i++) {
      for (int c = 0; c < 3; c++) {
        palette[c][i] = (byte) RGB[i / 3][i % 3][c];
      }
    }
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED,
        new IndexColorModel(8, 6, palette[0], palette[1], palette[2]));
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        image.getRaster().setSample(x, y, 0, (x + 2 * y) % 6);
      }
    }
    return image;
  }

  /** A grey image whose level at (x, y) is 40 y + 10 x + 5. */
  private static BufferedImage grayImage() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        image.getRaster().setSample(x, y, 0, 40 * y + 10 * x + 5);
      }
    }
    return image;
  }

  private static Path write(BufferedImage image, Path file, String format) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, format, file.toFile()), "no writer for " + format);
    return file;
  }

  private static Folder exact(String colorMode) {
    return Folder.defaults().imageSize(2, 3).colorMode(colorMode).shuffle(false).batchSize(null)
        .verbose(false);
  }

  /** Every element of one pass: its x values and its label. */
  private static List<float[]> xs(Dataset data) {
    List<float[]> out = new ArrayList<>();
    try (DatasetIterator pass = data.iterator()) {
      pass.forEachRemaining(b -> out.add(flat(b.x())));
    }
    return out;
  }

  private static float[] rgbFlat(boolean alpha) {
    List<Float> out = new ArrayList<>();
    for (int[][] row : RGB) {
      for (int[] p : row) {
        for (int v : p) {
          out.add((float) v);
        }
        if (alpha) {
          out.add(255f);
        }
      }
    }
    float[] a = new float[out.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = out.get(i);
    }
    return a;
  }

  @Test
  void sameSizeImagesKeepTheirExactPixelsInEveryLosslessFormat() throws IOException {
    write(rgbImage(), dir.resolve("c/a.png"), "png");
    write(rgbImage(), dir.resolve("c/b.BMP"), "bmp");
    FolderDataset data = FolderDataset.images(dir, exact("rgb"));
    assertEquals(List.of("c"), data.classNames());
    List<float[]> images = xs(data);
    assertEquals(2, images.size());
    for (float[] image : images) {
      assertArrayEquals(rgbFlat(false), image);
    }
    try (DatasetIterator pass = data.iterator()) {
      Batch first = pass.next();
      assertEquals("Batch(x=(2, 3, 3), y=())", first.toString());
      assertEquals(0f, flat(first.y())[0]);
    }
    assertArrayEquals(rgbFlat(true), xs(FolderDataset.images(dir, exact("rgba"))).get(0));
  }

  @Test
  void gifImagesKeepTheirPaletteColours() throws IOException {
    write(indexedImage(), dir.resolve("c/c.gif"), "gif");
    float[] image = xs(FolderDataset.images(dir, exact("rgb").imageSize(8, 8))).get(0);
    float[] colours = rgbFlat(false);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        int at = (y * 8 + x) * 3;
        int colour = (x + 2 * y) % 6 * 3;
        assertArrayEquals(new float[] {colours[colour], colours[colour + 1], colours[colour + 2]},
            new float[] {image[at], image[at + 1], image[at + 2]}, "pixel " + x + ", " + y);
      }
    }
  }

  @Test
  void colourImagesReadAsGreyUseLibpngsWeightsAsTensorFlow() throws IOException {
    write(rgbImage(), dir.resolve("c/a.png"), "png");
    // tf.image.decode_png(png, channels=1) of these pixels (make_folder_fixtures.py's check):
    // (9797 r + 19234 g + 3737 b) >> 15.
    float[] expected = {69, 164, 1, 91, 255, 26};
    assertArrayEquals(expected, xs(FolderDataset.images(dir, exact("grayscale"))).get(0));
  }

  @Test
  void greyImagesAreReadFromTheirLevelsAndCopiedToEachColourChannel() throws IOException {
    write(grayImage(), dir.resolve("g/a.png"), "png");
    float[] gray = {5, 15, 25, 45, 55, 65};
    assertArrayEquals(gray, xs(FolderDataset.images(dir, exact("grayscale"))).get(0));
    float[] rgb = xs(FolderDataset.images(dir, exact("rgb"))).get(0);
    for (int i = 0; i < gray.length; i++) {
      assertArrayEquals(new float[] {gray[i], gray[i], gray[i]},
          new float[] {rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]});
    }
  }

  @Test
  void jpegImagesDecodeCloseToTheirPixels() throws IOException {
    BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        flat.setRGB(x, y, 120 << 16 | 60 << 8 | 200);
      }
    }
    write(flat, dir.resolve("j/a.jpg"), "jpeg");
    float[] image = xs(FolderDataset.images(dir, exact("rgb").imageSize(8, 8))).get(0);
    assertEquals(8 * 8 * 3, image.length);
    // A flat colour survives JPEG up to the rounding of its YCbCr conversion.
    for (int i = 0; i < image.length; i += 3) {
      assertEquals(120, image[i], 3);
      assertEquals(60, image[i + 1], 3);
      assertEquals(200, image[i + 2], 3);
    }
  }

  @Test
  void resizingIsTensorFlowsBilinearWithHalfPixelCentres() {
    // tf.image.resize([[0, 10], [20, 40]], (4, 4)) and resize(arange(12).reshape(3, 4), (2, 3)).
    assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10, 5, 8.125f, 14.375f, 17.5f, 15, 19.375f,
        28.125f, 32.5f, 20, 25, 35, 40},
        ImageFile.resize(new float[] {0, 10, 20, 40}, 2, 2, 1, 4, 4), 1e-5f);
    float[] arange = new float[12];
    for (int i = 0; i < 12; i++) {
      arange[i] = i;
    }
    assertArrayEquals(new float[] {1.1666666f, 2.5f, 3.8333335f, 7.166667f, 8.5f, 9.833334f},
        ImageFile.resize(arange, 3, 4, 1, 2, 3), 1e-5f);
  }

  /** Classes b (4 + 1 nested files), a (5 + 1), c (3 + 1), as make_folder_fixtures.py. */
  private void writeClasses() throws IOException {
    String[] classes = {"b", "a", "c"};
    int[] counts = {4, 5, 3};
    for (int c = 0; c < 3; c++) {
      String name = classes[c];
      BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
      // Each file's pixels hold its class (a 1, b 2, c 3) so the labels can be checked.
      for (int i = 0; i < 4; i++) {
        image.getRaster().setSample(i % 2, i / 2, 0, name.charAt(0) - 'a' + 1);
      }
      for (int i = 0; i < counts[c]; i++) {
        write(image, dir.resolve(name + "/" + name + i + ".png"), "png");
      }
      write(image, dir.resolve(name + "/sub/" + name + "s.png"), "png");
    }
    Files.writeString(dir.resolve("a/notes.txt"), "not an image");
  }

  private List<String> relative(FolderDataset data) {
    return data.filePaths().stream().map(p -> dir.relativize(p).toString()).toList();
  }

  @Test
  void splitsTheSameFilesAsKerasForTheSameSeed() throws IOException {
    writeClasses();
    Folder folder = Folder.defaults().imageSize(2, 2).colorMode("grayscale").verbose(false)
        .validationSplit(0.25).seed(1337).batchSize(5);
    List<FolderDataset> split = FolderDataset.imagesSplit(dir, folder);
    assertEquals(List.of("a", "b", "c"), split.get(0).classNames());
    assertEquals(List.of("a/sub/as.png", "a/a3.png", "a/a1.png", "a/a0.png", "a/a4.png",
        "b/b0.png", "c/c0.png", "a/a2.png", "b/sub/bs.png", "b/b3.png", "c/sub/cs.png",
        "b/b2.png"), relative(split.get(0)));
    assertEquals(List.of("c/c1.png", "c/c2.png", "b/b1.png"), relative(split.get(1)));
    assertEquals(relative(split.get(1)),
        relative(FolderDataset.images(dir, folder.subset("validation"))));
    assertEquals(3, split.get(0).cardinality());

    // The validation set keeps its order, its labels follow its files (pixel value = class + 1).
    try (DatasetIterator pass = split.get(1).iterator()) {
      Batch batch = pass.next();
      assertArrayEquals(new float[] {2, 2, 1}, flat(batch.y()));
      float[] x = flat(batch.x());
      assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2}, x);
    }
    // The training set is reshuffled each pass, and its labels still follow the images.
    List<Float> first = new ArrayList<>();
    List<Float> second = new ArrayList<>();
    for (List<Float> labels : List.of(first, second)) {
      try (DatasetIterator pass = split.get(0).iterator()) {
        while (pass.hasNext()) {
          Batch batch = pass.next();
          float[] y = flat(batch.y());
          float[] x = flat(batch.x());
          for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] + 1, x[4 * i]);
            labels.add(y[i]);
          }
        }
      }
    }
    assertEquals(12, first.size());
    assertNotEquals(first, second);
  }

  @Test
  void labelModesAndClassNamesAsKeras() throws IOException {
    writeClasses();
    Folder folder = Folder.defaults().imageSize(2, 2).shuffle(false).verbose(false).batchSize(50);
    FolderDataset categorical = FolderDataset.images(dir, folder.labelMode("categorical")
        .classNames("c", "a"));
    assertEquals(List.of("c", "a"), categorical.classNames());
    try (DatasetIterator pass = categorical.iterator()) {
      Batch batch = pass.next();
      assertEquals("Batch(x=(10, 2, 2, 3), y=(10, 2))", batch.toString());
      // c's 4 files first (class 0), then a's 6.
      float[] y = flat(batch.y());
      assertArrayEquals(new float[] {1, 0}, new float[] {y[0], y[1]});
      assertArrayEquals(new float[] {0, 1}, new float[] {y[8], y[9]});
    }
    FolderDataset binary = FolderDataset.images(dir, folder.labelMode("binary").classNames("a",
        "b"));
    try (DatasetIterator pass = binary.iterator()) {
      assertEquals("Batch(x=(11, 2, 2, 3), y=(11, 1))", pass.next().toString());
    }
    FolderDataset none = FolderDataset.images(dir, folder.noLabels());
    assertEquals(null, none.classNames());
    try (DatasetIterator pass = none.iterator()) {
      Batch batch = pass.next();
      assertEquals(15, batch.size());
      assertEquals(false, batch.hasLabels());
    }
  }

  @Test
  void argumentsKerasRefusesAreRefusedWithItsReasons() throws IOException {
    writeClasses();
    Folder folder = Folder.defaults().verbose(false);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(dir,
        folder.validationSplit(0.2).subset("training"))).getMessage().contains("seed"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(dir,
        folder.validationSplit(0.2))).getMessage().contains("subset"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(dir,
        folder.labelMode("binary"))).getMessage().contains("exactly 2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(dir,
        folder.classNames("a", "zebra"))).getMessage().contains("zebra"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(dir,
        folder.labels(1, 2))).getMessage().contains("len(labels) is 2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FolderDataset.images(
        dir.resolve("missing"), folder)).getMessage().contains("does not exist"));
    assertThrows(IllegalArgumentException.class, () -> folder.colorMode("cmyk"));
    assertThrows(IllegalArgumentException.class, () -> folder.labelMode("sparse"));
  }

  @Test
  void aCorruptImageFailsItsPassNamingTheFile() throws IOException {
    write(rgbImage(), dir.resolve("c/good.png"), "png");
    Path bad = dir.resolve("c/bad.png");
    Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I'});
    Path text = dir.resolve("c/text.jpg");
    Files.writeString(text, "this is not a JPEG");
    FolderDataset data = FolderDataset.images(dir, exact("rgb"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> xs(data));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    FolderDataset onlyText = FolderDataset.images(dir, exact("rgb").labels(0, 0, 0).shuffle(true)
        .seed(3));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> xs(onlyText)).getMessage()
        .contains("Cannot decode the image file"));
  }
}
