package keras4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import keras4j.backend.NumpyShuffle;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.NdArrays;

/**
 * The IMDB movie review sentiment data set, as Keras's {@code keras.datasets.imdb}: 25,000
 * training and 25,000 test reviews labelled positive (1) or negative (0), each a sequence of word
 * indices, words ranked by frequency (index 1 is the most frequent word of the file, offset by
 * {@link SequenceOptions#indexFrom}).
 *
 * <p>The data is Keras's own file {@code imdb.npz}, looked for in {@code $KERAS_HOME/datasets/}
 * (when {@code KERAS_HOME} is set), then in {@code ~/.keras/datasets/}, where Python Keras keeps
 * it too; when neither has it, it is downloaded into the first of them and its SHA-256 checked.
 * Its sequences are pickled NumPy object arrays, read by a reader that runs nothing from the file.
 * The reviews come from Andrew Maas et al., "Learning Word Vectors for Sentiment Analysis" (ACL
 * 2011), <a href="https://ai.stanford.edu/~amaas/data/sentiment/">ai.stanford.edu</a>.
 */
public final class Imdb {

  /** Keras's file name for IMDB. */
  static final String FILE_NAME = "imdb.npz";
  /** The SHA-256 that Keras checks a download of imdb.npz against. */
  static final String SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f";
  /** Keras's file name for IMDB's word index. */
  static final String WORD_INDEX_FILE_NAME = "imdb_word_index.json";
  /** The MD5 that Keras checks a download of imdb_word_index.json against. */
  static final String WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f";

  private Imdb() {}

  /**
   * Loads IMDB with Keras's defaults, downloading it on first use.
   *
   * @return the training and test reviews and labels
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), is unreadable, or is not a Keras data set file
   */
  public static SequenceDataset loadData() {
    return loadData(SequenceOptions.defaults());
  }

  /**
   * Loads IMDB as {@code keras.datasets.imdb.load_data(...)} with these arguments: the training
   * part shuffled, then the test part, by one NumPy {@code RandomState(seed)}; each sequence
   * prefixed with {@code startChar} and its words offset by {@code indexFrom}; sequences of
   * {@code maxlen} or more dropped; words outside [{@code skipTop}, {@code numWords}) replaced by
   * {@code oovChar}. The same arguments give the same sequences in the same order as Keras.
   *
   * @param options Keras's arguments ({@code testSplit} is ignored, as IMDB's parts are fixed)
   * @return the training and test reviews and labels
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), is unreadable, or is not a Keras data set file
   * @throws IllegalArgumentException when {@code maxlen} leaves no training or no test review
   */
  public static SequenceDataset loadData(SequenceOptions options) {
    return loadData(files(), options);
  }

  /**
   * Loads IMDB from {@code file} instead of Keras's cache, as {@code load_data(path=...)} with an
   * absolute path; nothing is downloaded or checked against Keras's SHA-256.
   *
   * @param file a copy of Keras's imdb.npz
   * @param options Keras's arguments
   * @return the training and test reviews and labels
   * @throws java.io.UncheckedIOException when the file does not exist, is unreadable, or is not a
   *     Keras data set file
   * @throws IllegalArgumentException when {@code maxlen} leaves no training or no test review
   */
  public static SequenceDataset loadData(Path file, SequenceOptions options) {
    return load(DatasetFiles.given(file, "IMDB", FILE_NAME), options);
  }

  /**
   * Loads IMDB from the places {@code files} describes; tests point it at temporary ones.
   *
   * @param files where to look for imdb.npz, and how to download it
   * @param options Keras's arguments
   * @return the training and test reviews and labels
   */
  static SequenceDataset loadData(DatasetFiles files, SequenceOptions options) {
    return load(files.locate(List.of(FILE_NAME), DatasetFiles.sha256(SHA256)).get(0), options);
  }

  private static SequenceDataset load(Path file, SequenceOptions options) {
    Parts raw = DatasetFiles.parse(file, Imdb::readNpz);
    NumpyShuffle rng = NumpyShuffle.randomState(options.seed());
    int[] trainOrder = rng.shuffle(raw.xTrain().length);
    int[] testOrder = rng.shuffle(raw.xTest().length);
    int[][] xTrain = options.offset(SequenceFiles.take(raw.xTrain(), trainOrder));
    int[][] xTest = options.offset(SequenceFiles.take(raw.xTest(), testOrder));
    int[] yTrain = SequenceFiles.take(raw.yTrain(), trainOrder);
    int[] yTest = SequenceFiles.take(raw.yTest(), testOrder);

    int[] keptTrain = options.shorterThanMaxlen(xTrain);
    int[] keptTest = options.shorterThanMaxlen(xTest);
    if (keptTrain.length == 0 || keptTest.length == 0) {
      throw new IllegalArgumentException(options.maxlenMessage());
    }
    xTrain = SequenceFiles.take(xTrain, keptTrain);
    xTest = SequenceFiles.take(xTest, keptTest);
    // Keras limits the vocabulary of both parts together: numWords defaults to their largest index.
    int[][] all = new int[xTrain.length + xTest.length][];
    System.arraycopy(xTrain, 0, all, 0, xTrain.length);
    System.arraycopy(xTest, 0, all, xTrain.length, xTest.length);
    int[][] limited = options.limitVocabulary(all);
    return new SequenceDataset(
        Arrays.copyOf(limited, xTrain.length),
        NdArrays.vectorOf(SequenceFiles.take(yTrain, keptTrain)),
        Arrays.copyOfRange(limited, xTrain.length, limited.length),
        NdArrays.vectorOf(SequenceFiles.take(yTest, keptTest)));
  }

  /**
   * Returns IMDB's word index, as {@code keras.datasets.imdb.get_word_index()}: each word's
   * frequency rank, 1 for the most frequent. A review's index {@code i} (with Keras's defaults)
   * is the word ranked {@code i - indexFrom}; indices below {@code indexFrom} are padding (0),
   * start (1) and out-of-vocabulary (2).
   *
   * @return the ranks by word
   * @throws java.io.UncheckedIOException when imdb_word_index.json is neither on disk nor
   *     downloadable (the message says where to put it), or is not a JSON object of ints
   */
  public static Map<String, Integer> getWordIndex() {
    return getWordIndex(files());
  }

  /**
   * Reads IMDB's word index from the places {@code files} describes.
   *
   * @param files where to look for imdb_word_index.json
   * @return the ranks by word
   */
  static Map<String, Integer> getWordIndex(DatasetFiles files) {
    Path file = files.locate(List.of(WORD_INDEX_FILE_NAME), DatasetFiles.md5(WORD_INDEX_MD5))
        .get(0);
    return DatasetFiles.parse(file, SequenceFiles::readWordIndex);
  }

  private static DatasetFiles files() {
    return new DatasetFiles("IMDB", DatasetFiles.kerasDirs(""), FileUtils::fetch, "");
  }

  /** The arrays of imdb.npz as the file holds them. */
  private record Parts(int[][] xTrain, int[] yTrain, int[][] xTest, int[] yTest) {}

  /** Reads the four arrays of Keras's imdb.npz, in the file's order. */
  private static Parts readNpz(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      int[][] xTrain = Npy.sequences(zip, "x_train");
      int[][] xTest = Npy.sequences(zip, "x_test");
      return new Parts(xTrain, SequenceFiles.labelsOf(xTrain, Npy.ints(zip, "y_train"), "x_train"),
          xTest, SequenceFiles.labelsOf(xTest, Npy.ints(zip, "y_test"), "x_test"));
    }
  }
}
