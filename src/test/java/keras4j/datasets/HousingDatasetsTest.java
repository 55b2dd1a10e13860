package keras4j.datasets;

import static keras4j.datasets.MnistTest.OFFLINE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Boston and California Housing from small files in Keras's layouts, against what Keras's own
 * load_data returns on them (make_sequence_fixtures.py wrote both); never touches the network.
 */
class HousingDatasetsTest {

  @TempDir Path dir;

  /** One call of Keras's load_data on a fixture and what it returned, exactly. */
  record Case(String dataset, Map<String, String> args, List<double[]> rows, List<Double> targets,
      List<Boolean> train) {
    @Override
    public String toString() {
      return dataset + args;
    }
  }

  static Stream<Case> kerasCases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = HousingDatasetsTest.class.getResourceAsStream("housing-cases.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] words = line.split(" ");
        if (words[0].equals("case")) {
          Map<String, String> args = new HashMap<>();
          for (String arg : Arrays.copyOfRange(words, 2, words.length)) {
            args.put(arg.split("=")[0], arg.split("=")[1]);
          }
          cases.add(new Case(words[1], args, new ArrayList<>(), new ArrayList<>(),
              new ArrayList<>()));
          continue;
        }
        Case last = cases.get(cases.size() - 1);
        last.train().add(words[0].equals("train"));
        last.targets().add(Double.parseDouble(words[1]));
        last.rows().add(Arrays.stream(words, 3, words.length)
            .mapToDouble(Double::parseDouble).toArray());
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kerasCases")
  void loadsWhatKerasLoads(Case c) throws IOException {
    double testSplit = Double.parseDouble(c.args().getOrDefault("test_split", "0.2"));
    long seed = Long.parseLong(c.args().getOrDefault("seed", "113"));
    Dataset<DoubleNdArray, DoubleNdArray> data = c.dataset().equals("boston")
        ? BostonHousing.loadData(files("tiny-boston.npz", BostonHousing.FILE_NAME), testSplit,
            seed)
        : CaliforniaHousing.loadData(files("tiny-california.npz", CaliforniaHousing.FILE_NAME),
            c.args().getOrDefault("version", "large"), testSplit, seed);
    assertPart(c, true, data.xTrain(), data.yTrain());
    assertPart(c, false, data.xTest(), data.yTest());
  }

  @Test
  void theCasesCoverTheSmallVersionAndNoTestPart() throws IOException {
    List<Case> cases = kerasCases().toList();
    assertEquals(600, cases.get(4).rows().size(), "version small keeps the first 600 of 610");
    assertEquals(610, cases.get(3).rows().size());
    assertTrue(cases.get(2).train().stream().allMatch(t -> t), "test_split 0: no test part");
  }

  @Test
  void aGivenPathIsReadInsteadOfTheCache() throws IOException {
    Case defaults = kerasCases().findFirst().orElseThrow();
    files("tiny-boston.npz", "my-boston.npz");
    Dataset<DoubleNdArray, DoubleNdArray> data =
        BostonHousing.loadData(dir.resolve("my-boston.npz"), 0.2, 113);
    assertPart(defaults, true, data.xTrain(), data.yTrain());
    assertPart(defaults, false, data.xTest(), data.yTest());
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> CaliforniaHousing.loadData(dir.resolve("none.npz"), "small", 0.2, 113));
    assertTrue(e.getMessage().contains("california_housing.npz"), e.getMessage());
  }

  @Test
  void badArgumentsSayWhatIsAllowed() throws IOException {
    DatasetFiles files = files("tiny-california.npz", CaliforniaHousing.FILE_NAME);
    IllegalArgumentException version = assertThrows(IllegalArgumentException.class,
        () -> CaliforniaHousing.loadData(files, "medium", 0.2, 113));
    assertEquals("version must be one of 'small', 'large', got 'medium'", version.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> CaliforniaHousing.loadData(files, "large", 1.0, 113));
    assertThrows(IllegalArgumentException.class, () -> BostonHousing.loadData(files, -0.5, 1));
    assertThrows(IllegalArgumentException.class, () -> BostonHousing.loadData(files, 0.2, -1));
  }

  @Test
  void offlineAndMissingSaysWhereToPutTheFile() {
    DatasetFiles files = new DatasetFiles("Boston Housing", List.of(dir), OFFLINE, "");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> BostonHousing.loadData(files, 0.2, 113));
    assertTrue(e.getMessage().contains(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"),
        e.getMessage());
  }

  @Test
  void anObjectArrayWhereNumbersBelongIsRefused() throws IOException {
    // tiny-imdb.npz has no x: its arrays are x_train and the like.
    DatasetFiles files = files("tiny-imdb.npz", BostonHousing.FILE_NAME);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> BostonHousing.loadData(files, 0.2, 113));
    assertTrue(e.getMessage().contains("it has no array x.npy"), e.getMessage());
  }

  private static void assertPart(Case c, boolean train, DoubleNdArray x, DoubleNdArray y) {
    List<double[]> rows = new ArrayList<>();
    List<Double> targets = new ArrayList<>();
    for (int i = 0; i < c.rows().size(); i++) {
      if (c.train().get(i) == train) {
        rows.add(c.rows().get(i));
        targets.add(c.targets().get(i));
      }
    }
    int width = c.rows().get(0).length;
    assertEquals(Shape.of(rows.size(), width), x.shape());
    assertArrayEquals(rows.toArray(new double[0][]), StdArrays.array2dCopyOf(x));
    assertArrayEquals(targets.stream().mapToDouble(Double::doubleValue).toArray(),
        StdArrays.array1dCopyOf(y));
  }

  private DatasetFiles files(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, dir.resolve(name));
    }
    return new DatasetFiles("test", List.of(dir), OFFLINE, "");
  }
}
