package keras4j.datasets;

import static keras4j.datasets.MnistTest.OFFLINE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.utils.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.StdArrays;

/**
 * IMDB and Reuters from small files in Keras's layouts, against what Keras's own load_data
 * returns on them (make_sequence_fixtures.py wrote both); never touches the network.
 */
class SequenceDatasetsTest {

  @TempDir Path dir;

  /** One call of Keras's load_data on a fixture and what it returned. */
  record Case(String dataset, String args, List<int[]> train, List<Integer> trainLabels,
      List<int[]> test, List<Integer> testLabels) {
    @Override
    public String toString() {
      return dataset + "(" + args + ")";
    }
  }

  static Stream<Case> kerasCases() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = SequenceDatasetsTest.class.getResourceAsStream("sequence-cases.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] words = line.split(" ");
        if (words[0].equals("case")) {
          cases.add(new Case(words[1], String.join(" ", Arrays.copyOfRange(words, 2,
              words.length)), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
              new ArrayList<>()));
          continue;
        }
        Case last = cases.get(cases.size() - 1);
        boolean train = words[0].equals("train");
        (train ? last.trainLabels() : last.testLabels()).add(Integer.parseInt(words[1]));
        (train ? last.train() : last.test()).add(Arrays.stream(words, 3, words.length)
            .mapToInt(Integer::parseInt).toArray());
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kerasCases")
  void loadsWhatKerasLoads(Case c) throws IOException {
    SequenceDataset data = c.dataset().equals("imdb")
        ? Imdb.loadData(files("imdb"), options(c.args()))
        : Reuters.loadData(files("reuters"), options(c.args()));
    assertSequences(c.train(), data.xTrain());
    assertSequences(c.test(), data.xTest());
    assertArrayEquals(ints(c.trainLabels()), StdArrays.array1dCopyOf(data.yTrain()));
    assertArrayEquals(ints(c.testLabels()), StdArrays.array1dCopyOf(data.yTest()));
  }

  @Test
  void theCasesCoverBothDatasetsAndKerasQuirks() throws IOException {
    List<Case> cases = kerasCases().toList();
    assertEquals(4, cases.stream().filter(c -> c.dataset().equals("imdb")).count());
    assertEquals(3, cases.stream().filter(c -> c.dataset().equals("reuters")).count());
    // With numWords unset, the largest index of all (word 70000 + 3) is out of vocabulary too.
    assertTrue(cases.get(0).test().stream().anyMatch(s -> Arrays.equals(s, new int[] {1, 33, 2})));
  }

  @Test
  void aPickleThatCallsAFunctionIsRefusedWithoutRunningIt() throws IOException {
    // evil-imdb.npz's x_train.npy pickles os.system("touch /tmp/keras4j-evil-pickle-ran").
    Path marker = Path.of("/tmp/keras4j-evil-pickle-ran");
    Files.deleteIfExists(marker);
    copy("evil-imdb.npz", Imdb.FILE_NAME);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Imdb.loadData(files(), SequenceOptions.defaults()));
    String message = e.getMessage();
    assertTrue(message.contains("names the global posix.system"), message);
    assertTrue(message.contains("made to run code"), message);
    assertTrue(message.contains(dir.resolve(Imdb.FILE_NAME).toString()), message);
    assertFalse(Files.exists(marker));
  }

  @Test
  void aGivenPathIsReadInsteadOfTheCache() throws IOException {
    Case first = kerasCases().findFirst().orElseThrow();
    copy("tiny-imdb.npz", "my-imdb.npz");
    SequenceDataset data = Imdb.loadData(dir.resolve("my-imdb.npz"), SequenceOptions.defaults());
    assertSequences(first.train(), data.xTrain());
    assertSequences(first.test(), data.xTest());
    Path missing = dir.resolve("nowhere/reuters.npz");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Reuters.loadData(missing, SequenceOptions.defaults()));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz"), e.getMessage());
  }

  @Test
  void maxlenThatKeepsNothingSaysSoAsKeras() throws IOException {
    copy("tiny-imdb.npz", Imdb.FILE_NAME);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Imdb.loadData(files(), SequenceOptions.defaults().maxlen(2)));
    assertEquals("After filtering for sequences shorter than maxlen=2, no sequence was kept."
        + " Increase maxlen.", e.getMessage());
    copy("tiny-reuters.npz", Reuters.FILE_NAME);
    assertThrows(IllegalArgumentException.class,
        () -> Reuters.loadData(files(), SequenceOptions.defaults().maxlen(1)));
    SequenceDataset none = Reuters.loadData(files(),
        SequenceOptions.defaults().maxlen(1).numWords(10));
    assertEquals(0, none.xTrain().length + none.xTest().length);
  }

  @Test
  void badArgumentsAreRefusedWhenSet() {
    SequenceOptions defaults = SequenceOptions.defaults();
    assertThrows(IllegalArgumentException.class, () -> defaults.testSplit(1.0));
    assertThrows(IllegalArgumentException.class, () -> defaults.testSplit(-0.1));
    assertThrows(IllegalArgumentException.class, () -> defaults.seed(-1));
    assertThrows(IllegalArgumentException.class, () -> defaults.seed(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> defaults.numWords(-1));
    assertThrows(IllegalArgumentException.class, () -> defaults.maxlen(-5));
    assertThrows(IllegalArgumentException.class, () -> defaults.skipTop(-1));
  }

  @Test
  void offlineAndMissingSaysWhereToPutTheFile() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Reuters.loadData(files(), SequenceOptions.defaults()));
    assertTrue(e.getMessage().contains(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters.npz"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    UncheckedIOException index = assertThrows(UncheckedIOException.class,
        () -> Imdb.getWordIndex(files()));
    assertTrue(index.getMessage().contains(
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json"),
        index.getMessage());
  }

  @Test
  void wordIndexesAreKerasJsonObjects() throws IOException {
    Files.writeString(dir.resolve(Imdb.WORD_INDEX_FILE_NAME), "{\"the\": 1, \"and\": 2, \"a\": 3}");
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("the", 1);
    expected.put("and", 2);
    expected.put("a", 3);
    assertEquals(expected, Imdb.getWordIndex(files()));
    Files.writeString(dir.resolve(Reuters.WORD_INDEX_FILE_NAME), "{\"the\": \"first\"}");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Reuters.getWordIndex(files()));
    assertTrue(e.getMessage().contains("'the'"), e.getMessage());
    assertEquals(46, Reuters.getLabelNames().size());
    assertEquals("earn", Reuters.getLabelNames().get(3));
  }

  @Test
  void aDownloadIsKeptOnlyWithKerasChecksum() {
    FileUtils.Transfer wrongFile =
        (source, target) -> target.write("{}".getBytes(StandardCharsets.US_ASCII));
    DatasetFiles files = new DatasetFiles("IMDB", List.of(dir), wrongFile, "");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> Imdb.getWordIndex(files));
    assertTrue(e.getMessage().contains("MD5 is 99914b932bd37a50b983c5e7c90ae93b, expected "
        + Imdb.WORD_INDEX_MD5), e.getMessage());
  }

  private DatasetFiles files(String dataset) throws IOException {
    if (dataset.equals("imdb")) {
      copy("tiny-imdb.npz", Imdb.FILE_NAME);
    } else {
      copy("tiny-reuters.npz", Reuters.FILE_NAME);
    }
    return files();
  }

  private DatasetFiles files() {
    return new DatasetFiles("test", List.of(dir), OFFLINE, "");
  }

  private void copy(String resource, String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  // Keras's keyword arguments as the cases file writes them, e.g. "num_words=20 start_char=None".
  private static SequenceOptions options(String args) {
    SequenceOptions options = SequenceOptions.defaults();
    for (String arg : args.isEmpty() ? new String[0] : args.split(" ")) {
      String[] kv = arg.split("=");
      Integer value = kv[1].equals("None") || kv[1].contains(".") ? null
          : (int) Long.parseLong(kv[1]);
      options = switch (kv[0]) {
        case "num_words" -> options.numWords(value);
        case "skip_top" -> options.skipTop(value);
        case "maxlen" -> options.maxlen(value);
        case "seed" -> options.seed(Long.parseLong(kv[1]));
        case "start_char" -> options.startChar(value);
        case "oov_char" -> options.oovChar(value);
        case "index_from" -> options.indexFrom(value);
        case "test_split" -> options.testSplit(Double.parseDouble(kv[1]));
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      };
    }
    return options;
  }

  private static void assertSequences(List<int[]> expected, int[][] actual) {
    assertEquals(expected.size(), actual.length);
    for (int i = 0; i < actual.length; i++) {
      assertArrayEquals(expected.get(i), actual[i], "sequence " + i);
    }
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
