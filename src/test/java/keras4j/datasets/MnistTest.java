package keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import keras4j.utils.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/** Loads MNIST from small files in a temporary directory; never touches the network. */
class MnistTest {

  static final FileUtils.Transfer OFFLINE = (source, target) -> {
    throw new IOException("offline in tests");
  };

  @TempDir Path dir;

  @Test
  void readsAnNpzWrittenByNumpy() throws IOException {
    // tiny-mnist.npz was written by np.savez with uint8 arrays x_train (3, 2, 2), y_train [5, 0,
    // 200], x_test (2, 2, 2) and y_test [7, 9]; x_train.astype(int).sum() is 1404.
    try (InputStream in = getClass().getResourceAsStream("tiny-mnist.npz")) {
      Files.copy(in, dir.resolve(Mnist.FILE_NAME));
    }
    Dataset<ByteNdArray, IntNdArray> data = Mnist.loadData(files(OFFLINE));
    assertEquals(Shape.of(3, 2, 2), data.xTrain().shape());
    assertEquals(Shape.of(2, 2, 2), data.xTest().shape());
    assertArrayEquals(new int[] {5, 0, 200}, StdArrays.array1dCopyOf(data.yTrain()));
    assertArrayEquals(new int[] {7, 9}, StdArrays.array1dCopyOf(data.yTest()));
    assertEquals(128, Byte.toUnsignedInt(data.xTrain().getByte(0, 1, 0)));
    assertEquals(255, Byte.toUnsignedInt(data.xTrain().getByte(0, 1, 1)));
    int sum = 0;
    for (byte[][] image : StdArrays.array3dCopyOf(data.xTrain())) {
      for (byte[] row : image) {
        for (byte pixel : row) {
          sum += Byte.toUnsignedInt(pixel);
        }
      }
    }
    assertEquals(1404, sum);
  }

  @Test
  void rejectsWhatIsNotAnUnsignedByteArrayInCOrder() throws IOException {
    assertUnreadable(npz("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4),
        "'<f4'");
    assertUnreadable(npz("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 2), }", 4),
        "Fortran order");
    assertUnreadable(npz("{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }", 3),
        "ends before");
  }

  @Test
  void truncatedFileNamesItAndSaysToDeleteIt() throws IOException {
    byte[] whole;
    try (InputStream in = getClass().getResourceAsStream("tiny-mnist.npz")) {
      whole = in.readAllBytes();
    }
    Path file = dir.resolve(Mnist.FILE_NAME);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    assertUnreadable(file, "");
  }

  @Test
  void offlineAndMissingSaysWhereToPutTheFile() {
    Path kerasHome = dir.resolve("keras-home");
    Path userCache = dir.resolve("user-cache");
    DatasetFiles files = new DatasetFiles("MNIST", List.of(kerasHome, userCache), OFFLINE, "");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Mnist.loadData(files));
    String message = e.getMessage();
    assertTrue(message.contains(kerasHome.toString()), message);
    assertTrue(message.contains(userCache.toString()), message);
    assertTrue(message.contains("offline in tests"), message);
    assertTrue(message.contains(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"), message);
  }

  @Test
  void looksInKerasHomeThenInTheUsersKerasCache() {
    List<Path> dirs = DatasetFiles.kerasDirs("fashion-mnist");
    assertEquals(Path.of(System.getProperty("user.home"), ".keras", "datasets", "fashion-mnist")
        .toAbsolutePath(), dirs.get(dirs.size() - 1));
    String kerasHome = System.getenv("KERAS_HOME");
    if (kerasHome != null && !kerasHome.isBlank()) {
      assertEquals(Path.of(kerasHome, "datasets", "fashion-mnist").toAbsolutePath(), dirs.get(0));
    }
  }

  @Test
  void downloadWithTheWrongChecksumLeavesNoFile() throws IOException {
    FileUtils.Transfer wrongFile =
        (source, target) -> target.write("not MNIST".getBytes(StandardCharsets.US_ASCII));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Mnist.loadData(files(wrongFile)));
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList(), "neither the file nor a partial download");
    }
  }

  private DatasetFiles files(FileUtils.Transfer fetcher) {
    return new DatasetFiles("MNIST", List.of(dir), fetcher, "");
  }

  private void assertUnreadable(Path file, String detail) {
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> Mnist.loadData(files(OFFLINE)));
    String message = e.getMessage();
    assertTrue(message.contains(file.toString()), message);
    assertTrue(message.contains(detail), message);
    assertTrue(message.contains("delete it"), message);
  }

  // An mnist.npz whose x_train has this .npy header and dataLength bytes, as NumPy lays it out.
  private Path npz(String header, int dataLength) throws IOException {
    ByteArrayOutputStream npy = new ByteArrayOutputStream();
    npy.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    byte[] headerBytes = (header + "\n").getBytes(StandardCharsets.US_ASCII);
    npy.write(headerBytes.length & 0xff);
    npy.write(headerBytes.length >> 8);
    npy.write(headerBytes);
    npy.write(new byte[dataLength]);
    Path file = dir.resolve(Mnist.FILE_NAME);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("x_train.npy"));
      npy.writeTo(zip);
      zip.closeEntry();
    }
    return file;
  }
}
