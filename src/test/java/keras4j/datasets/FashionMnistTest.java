package keras4j.datasets;

import static keras4j.datasets.MnistTest.OFFLINE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import keras4j.utils.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Loads Fashion-MNIST from IDX files the tests write, and from Debian's package when it is
 * installed; never touches the network.
 */
class FashionMnistTest {

  // A tiny Fashion-MNIST: 3 training and 2 test images of 2x2 pixels, in Keras's file order.
  private static final Map<String, byte[]> TINY = Map.of(
      "train-images-idx3-ubyte.gz", idx(0x803, new int[] {3, 2, 2},
          0, 1, 2, 3, 4, 5, 6, 7, 252, 253, 254, 255),
      "train-labels-idx1-ubyte.gz", idx(0x801, new int[] {3}, 9, 0, 3),
      "t10k-images-idx3-ubyte.gz", idx(0x803, new int[] {2, 2, 2}, 8, 8, 8, 8, 128, 1, 2, 3),
      "t10k-labels-idx1-ubyte.gz", idx(0x801, new int[] {2}, 1, 6));

  @TempDir Path dir;

  @Test
  void readsGzippedAndPlainIdxFiles() throws IOException {
    for (String name : FashionMnist.FILE_NAMES) {
      // Training files gzipped, test files plain, under the name without .gz.
      if (name.startsWith("train")) {
        Files.write(dir.resolve(name), gzip(TINY.get(name)));
      } else {
        Files.write(dir.resolve(name.replace(".gz", "")), TINY.get(name));
      }
    }
    Dataset<ByteNdArray, IntNdArray> data = FashionMnist.loadData(files(OFFLINE));
    assertEquals(Shape.of(3, 2, 2), data.xTrain().shape());
    assertEquals(Shape.of(2, 2, 2), data.xTest().shape());
    assertArrayEquals(new int[] {9, 0, 3}, StdArrays.array1dCopyOf(data.yTrain()));
    assertArrayEquals(new int[] {1, 6}, StdArrays.array1dCopyOf(data.yTest()));
    assertEquals(255, Byte.toUnsignedInt(data.xTrain().getByte(2, 1, 1)));
    assertEquals(128, Byte.toUnsignedInt(data.xTest().getByte(1, 0, 0)));
  }

  @Test
  void truncatedFileNamesItAndSaysToDeleteIt() throws IOException {
    writeTiny(dir);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] whole = TINY.get("train-images-idx3-ubyte.gz");
    Files.write(images, gzip(Arrays.copyOf(whole, whole.length - 1)));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> FashionMnist.loadData(files(OFFLINE)));
    assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("ends before the 12 values of its shape [3, 2, 2]"),
        e.getMessage());
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
  }

  @Test
  void rejectsAnotherMagicNumber() throws IOException {
    writeTiny(dir);
    Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), idx(0xd01, new int[] {1}, 0, 0, 0, 0));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> FashionMnist.loadData(files(OFFLINE)));
    assertTrue(e.getMessage().contains("magic number 0x00000d01"), e.getMessage());
  }

  @Test
  void rejectsImagesAndLabelsThatDoNotMatch() throws IOException {
    writeTiny(dir);
    Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(0x801, new int[] {3}, 1, 2, 3));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FashionMnist.loadData(files(OFFLINE)));
    assertTrue(e.getMessage().contains("test images have shape [2, 2, 2] and the labels [3]"),
        e.getMessage());
  }

  @Test
  void offlineAndMissingSaysWhereToPutTheFiles() {
    List<Path> dirs = List.of(dir.resolve("keras-home"), dir.resolve("user-cache"));
    DatasetFiles files = new DatasetFiles("Fashion-MNIST", dirs, OFFLINE,
        "install Debian's package: apt-get install dataset-fashion-mnist");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> FashionMnist.loadData(files));
    String message = e.getMessage();
    dirs.forEach(d -> assertTrue(message.contains(d.toString()), message));
    for (String name : FashionMnist.FILE_NAMES) {
      assertTrue(message.contains(
          "https://storage.googleapis.com/tensorflow/tf-keras-datasets/" + name), message);
    }
    assertTrue(message.contains("apt-get install dataset-fashion-mnist"), message);
    assertTrue(message.contains("offline in tests"), message);
  }

  @Test
  void downloadsMissingFilesOnceIntoTheFirstDirectory() throws IOException {
    List<String> fetched = new ArrayList<>();
    FileUtils.Transfer fake = (source, target) -> {
      String name = source.getPath().substring(source.getPath().lastIndexOf('/') + 1);
      fetched.add(name);
      target.write(gzip(TINY.get(name)));
    };
    Path downloads = dir.resolve("downloads");
    DatasetFiles files =
        new DatasetFiles("Fashion-MNIST", List.of(downloads, dir.resolve("other")), fake, "");

    FashionMnist.loadData(files);
    assertEquals(FashionMnist.FILE_NAMES, fetched);
    try (var saved = Files.list(downloads)) {
      assertEquals(FashionMnist.FILE_NAMES.stream().sorted().toList(),
          saved.map(p -> p.getFileName().toString()).sorted().toList(), "no partial download");
    }
    assertArrayEquals(new int[] {1, 6}, StdArrays.array1dCopyOf(
        FashionMnist.loadData(files).yTest()));
    assertEquals(4, fetched.size(), "the second load finds the files");
  }

  @Test
  void loadsDebiansPackage() {
    assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "apt-get install dataset-fashion-mnist");
    Dataset<ByteNdArray, IntNdArray> data = FashionMnist.loadData(
        new DatasetFiles("Fashion-MNIST", List.of(FashionMnist.DEBIAN_DIR), OFFLINE, ""));
    assertEquals(Shape.of(60000, 28, 28), data.xTrain().shape());
    assertEquals(Shape.of(10000, 28, 28), data.xTest().shape());
    // NumPy on the same files: np.bincount(labels), labels[:5], x_train[0].astype(int).sum().
    int[] tenTimes6000 = new int[10];
    Arrays.fill(tenTimes6000, 6000);
    int[] tenTimes1000 = new int[10];
    Arrays.fill(tenTimes1000, 1000);
    int[] yTrain = StdArrays.array1dCopyOf(data.yTrain());
    int[] yTest = StdArrays.array1dCopyOf(data.yTest());
    assertArrayEquals(tenTimes6000, counts(yTrain));
    assertArrayEquals(tenTimes1000, counts(yTest));
    assertArrayEquals(new int[] {9, 0, 0, 3, 0}, Arrays.copyOf(yTrain, 5));
    assertArrayEquals(new int[] {9, 2, 1, 1, 6}, Arrays.copyOf(yTest, 5));
    int firstImageSum = 0;
    for (byte[] row : StdArrays.array2dCopyOf(data.xTrain().get(0))) {
      for (byte pixel : row) {
        firstImageSum += Byte.toUnsignedInt(pixel);
      }
    }
    assertEquals(76247, firstImageSum);
  }

  private DatasetFiles files(FileUtils.Transfer fetcher) {
    return new DatasetFiles("Fashion-MNIST", List.of(dir), fetcher, "");
  }

  private static void writeTiny(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> file : TINY.entrySet()) {
      Files.write(dir.resolve(file.getKey()), gzip(file.getValue()));
    }
  }

  private static int[] counts(int[] labels) {
    int[] counts = new int[10];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  // An IDX file: big-endian magic number, dimensions, then the bytes.
  private static byte[] idx(int magic, int[] dims, int... values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int dim : dims) {
        out.writeInt(dim);
      }
      for (int value : values) {
        out.writeByte(value);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
