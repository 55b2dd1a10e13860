package keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * CIFAR-10 and CIFAR-100 from miniature archives with the real ones' layout and cPickle batches
 * (tiny-cifar10.tar.gz, tiny-cifar100.tar.gz, written by make_cifar_fixtures.py), fetched from
 * {@code file:} origins into a temporary cache as Keras fetches them, against what Keras 3.15.1's
 * {@code load_batch} and {@code load_data} assembly give for them (cifar-expected.json: labels,
 * shapes, first values and the SHA-256 of the channels-last bytes).
 */
class CifarTest {
  private static final String TINY10_SHA256 =
      "e689ba2c363ae3e6c7138f994641e27c445b09cc54729b3c11506f2995980d14";
  private static final String TINY100_SHA256 =
      "41cbbdd5576482015b81898a5801fc7f7ccdc9a39b409a2423dc15fb9a48a0d6";

  @TempDir Path home;

  private static String origin(String resource) {
    try {
      return CifarTest.class.getResource(resource).toURI().toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> expected(String name) throws IOException {
    try (InputStream in = CifarTest.class.getResourceAsStream("cifar-expected.json")) {
      return (Map<String, Object>) ((Map<String, Object>) Json.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8))).get(name);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertImages(Object expected, ByteNdArray x) throws NoSuchAlgorithmException {
    Map<String, Object> e = (Map<String, Object>) expected;
    assertEquals(Shape.of(((List<Number>) e.get("shape")).stream().mapToLong(Number::longValue)
        .toArray()), x.shape());
    byte[] bytes = new byte[Math.toIntExact(x.size())];
    x.copyTo(DataBuffers.of(bytes, false, false));
    List<Number> first = (List<Number>) e.get("first");
    for (int i = 0; i < first.size(); i++) {
      assertEquals(first.get(i).intValue(), Byte.toUnsignedInt(bytes[i]));
    }
    assertEquals(e.get("sha256"),
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  @SuppressWarnings("unchecked")
  private static void assertLabels(Object expected, IntNdArray y) {
    int[] want = ((List<Number>) expected).stream().mapToInt(Number::intValue).toArray();
    assertEquals(Shape.of(want.length, 1), y.shape());
    int[] got = new int[want.length];
    y.copyTo(DataBuffers.of(got, false, false));
    assertArrayEquals(want, got);
  }

  private void assertKeras(String name, Dataset<ByteNdArray, IntNdArray> data) throws Exception {
    Map<String, Object> e = expected(name);
    assertImages(e.get("x_train"), data.xTrain());
    assertLabels(e.get("y_train"), data.yTrain());
    assertImages(e.get("x_test"), data.xTest());
    assertLabels(e.get("y_test"), data.yTest());
  }

  private List<Path> datasets() {
    return List.of(home.resolve("keras/datasets"), home.resolve("other/datasets"));
  }

  @Test
  void cifar10IsFetchedExtractedAndReadAsKeras() throws Exception {
    Path folder = CifarFiles.folder(datasets(), Cifar10.TARGET, Cifar10.INNER,
        List.of("data_batch_1", "test_batch"), origin("tiny-cifar10.tar.gz"), TINY10_SHA256);
    // Keras 3.15.1's layout: the archive beside the folder it was extracted into.
    assertEquals(home.resolve("keras/datasets/cifar-10-batches-py-target/cifar-10-batches-py"),
        folder);
    assertTrue(Files.isRegularFile(
        home.resolve("keras/datasets/cifar-10-batches-py-target_archive")));
    assertKeras("cifar10", Cifar10.load(folder));
    // Found again without a download (an origin that does not exist).
    assertEquals(folder, CifarFiles.folder(datasets(), Cifar10.TARGET, Cifar10.INNER,
        List.of("data_batch_1", "test_batch"), "file:/nonexistent.tar.gz", TINY10_SHA256));
  }

  @Test
  void cifar100FineAndCoarseLabelsAsKeras() throws Exception {
    Path folder = CifarFiles.folder(datasets(), Cifar100.TARGET, Cifar100.INNER,
        List.of("train", "test"), origin("tiny-cifar100.tar.gz"), TINY100_SHA256);
    assertKeras("cifar100 fine", Cifar100.load(folder, "fine"));
    assertKeras("cifar100 coarse", Cifar100.load(folder, "coarse"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Cifar100.load(folder, "medium"));
    assertTrue(e.getMessage().contains("`label_mode` must be one of"), e.getMessage());
  }

  @Test
  void tfKerasExtractedFolderIsFoundToo() throws Exception {
    Path legacy = home.resolve("other/datasets");
    CifarFiles.folder(List.of(legacy), "unused-target", Cifar100.INNER, List.of("train", "test"),
        origin("tiny-cifar100.tar.gz"), TINY100_SHA256);
    Files.move(legacy.resolve("unused-target/cifar-100-python"),
        legacy.resolve("cifar-100-python"));
    assertEquals(legacy.resolve("cifar-100-python"), CifarFiles.folder(datasets(),
        Cifar100.TARGET, Cifar100.INNER, List.of("train", "test"), "file:/nonexistent",
        TINY100_SHA256));
  }

  @Test
  void offlineTheMessageNamesTheArchiveToPut() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> CifarFiles.folder(datasets(), Cifar10.TARGET, Cifar10.INNER, List.of("test_batch"),
            "file:/nonexistent/cifar-10-python.tar.gz", Cifar10.SHA256));
    assertTrue(e.getMessage().contains(
        home.resolve("keras/datasets/cifar-10-batches-py-target_archive").toString())
        && e.getMessage().contains(Cifar10.SHA256), e.getMessage());
  }

  @Test
  void aBatchThatIsNotCifarIsRefusedNamingIt() throws IOException {
    Path dir = Files.createDirectories(home.resolve("bad"));
    // {'data': [1, 2]} as Python 2's cPickle writes it at protocol 2: data is not an array.
    Files.write(dir.resolve("train"), HexFormat.of().parseHex(
        "80027d710055046461746171015d7102284b014b0265732e"));
    Files.write(dir.resolve("test"), new byte[0]);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Cifar100.load(dir, "fine"));
    assertTrue(e.getMessage().contains("train") && e.getMessage().contains("'data' is not a uint8"
        + " array"), e.getMessage());
    // A batch naming a function: refused before anything is called.
    Files.write(dir.resolve("train"), ("\u0080\u0002}q\u0000U\u0004datacos\nsystem\nq\u0001s.")
        .getBytes(StandardCharsets.ISO_8859_1));
    e = assertThrows(UncheckedIOException.class, () -> Cifar100.load(dir, "fine"));
    assertTrue(e.getMessage().contains("names the global os.system"), e.getMessage());
  }
}
