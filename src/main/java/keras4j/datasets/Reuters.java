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
 * The Reuters newswire topic data set, as Keras's {@code keras.datasets.reuters}: 11,228
 * newswires labelled with one of 46 topics ({@link #getLabelNames()}), each a sequence of word
 * indices, words ranked by frequency, split into training and test parts by {@link
 * SequenceOptions#testSplit}.
 *
 * <p>The data is Keras's own file {@code reuters.npz}, looked for in {@code
 * $KERAS_HOME/datasets/} (when {@code KERAS_HOME} is set), then in {@code ~/.keras/datasets/},
 * where Python Keras keeps it too; when neither has it, it is downloaded into the first of them and
 * its SHA-256 checked. Its sequences are pickled NumPy object arrays, read by a reader that runs
 * nothing from the file. The newswires come from the Reuters-21578 collection (Distribution 1.0),
 * which Reuters and Carnegie Group make freely available for research.
 */
public final class Reuters {

  /** Keras's file name for Reuters. */
  static final String FILE_NAME = "reuters.npz";
  /** The SHA-256 that Keras checks a download of reuters.npz against. */
  static final String SHA256 = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916";
  /** Keras's file name for Reuters's word index. */
  static final String WORD_INDEX_FILE_NAME = "reuters_word_index.json";
  /** The MD5 that Keras checks a download of reuters_word_index.json against. */
  static final String WORD_INDEX_MD5 = "4d44cc38712099c9e383dc6e5f11a921";

  private static final List<String> LABEL_NAMES = List.of(
      "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply",
      "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas",
      "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
      "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs",
      "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead");

  private Reuters() {}

  /**
   * Loads Reuters with Keras's defaults, downloading it on first use.
   *
   * @return the training and test newswires and topics
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), is unreadable, or is not a Keras data set file
   */
  public static SequenceDataset loadData() {
    return loadData(SequenceOptions.defaults());
  }

  /**
   * Loads Reuters as {@code keras.datasets.reuters.load_data(...)} with these arguments: the
   * newswires shuffled by NumPy's {@code RandomState(seed)}; each sequence prefixed with {@code
   * startChar} and its words offset by {@code indexFrom}; sequences of {@code maxlen} or more
   * dropped; words outside [{@code skipTop}, {@code numWords}) replaced by {@code oovChar}; the
   * first {@code (int) (n * (1 - testSplit))} for training. The same arguments give the same
   * sequences in the same order as Keras.
   *
   * @param options Keras's arguments
   * @return the training and test newswires and topics
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), is unreadable, or is not a Keras data set file
   * @throws IllegalArgumentException when {@code maxlen} leaves no newswire and {@code numWords}
   *     is not set (Keras fails there too)
   */
  public static SequenceDataset loadData(SequenceOptions options) {
    return loadData(files(), options);
  }

  /**
   * Loads Reuters from {@code file} instead of Keras's cache, as {@code load_data(path=...)} with
   * an absolute path; nothing is downloaded or checked against Keras's SHA-256.
   *
   * @param file a copy of Keras's reuters.npz
   * @param options Keras's arguments
   * @return the training and test newswires and topics
   * @throws java.io.UncheckedIOException when the file does not exist, is unreadable, or is not a
   *     Keras data set file
   * @throws IllegalArgumentException when {@code maxlen} leaves no newswire and {@code numWords}
   *     is not set
   */
  public static SequenceDataset loadData(Path file, SequenceOptions options) {
    return load(DatasetFiles.given(file, "Reuters", FILE_NAME), options);
  }

  /**
   * Loads Reuters from the places {@code files} describes; tests point it at temporary ones.
   *
   * @param files where to look for reuters.npz, and how to download it
   * @param options Keras's arguments
   * @return the training and test newswires and topics
   */
  static SequenceDataset loadData(DatasetFiles files, SequenceOptions options) {
    return load(files.locate(List.of(FILE_NAME), DatasetFiles.sha256(SHA256)).get(0), options);
  }

  private static SequenceDataset load(Path file, SequenceOptions options) {
    Parts raw = DatasetFiles.parse(file, Reuters::readNpz);
    int[] order = NumpyShuffle.randomState(options.seed()).shuffle(raw.x().length);
    int[][] xs = options.offset(SequenceFiles.take(raw.x(), order));
    int[] labels = SequenceFiles.take(raw.y(), order);
    int[] kept = options.shorterThanMaxlen(xs);
    if (kept.length == 0 && !options.hasNumWords()) {
      throw new IllegalArgumentException(options.maxlenMessage());
    }
    xs = options.limitVocabulary(SequenceFiles.take(xs, kept));
    labels = SequenceFiles.take(labels, kept);
    int train = (int) (xs.length * (1 - options.testSplit()));
    return new SequenceDataset(
        Arrays.copyOf(xs, train), NdArrays.vectorOf(Arrays.copyOf(labels, train)),
        Arrays.copyOfRange(xs, train, xs.length),
        NdArrays.vectorOf(Arrays.copyOfRange(labels, train, labels.length)));
  }

  /**
   * Returns Reuters's word index, as {@code keras.datasets.reuters.get_word_index()}: each word's
   * frequency rank, 1 for the most frequent. A newswire's index {@code i} (with Keras's defaults)
   * is the word ranked {@code i - indexFrom}; indices below {@code indexFrom} are padding (0),
   * start (1) and out-of-vocabulary (2).
   *
   * @return the ranks by word
   * @throws java.io.UncheckedIOException when reuters_word_index.json is neither on disk nor
   *     downloadable (the message says where to put it), or is not a JSON object of ints
   */
  public static Map<String, Integer> getWordIndex() {
    return getWordIndex(files());
  }

  /**
   * Reads Reuters's word index from the places {@code files} describes.
   *
   * @param files where to look for reuters_word_index.json
   * @return the ranks by word
   */
  static Map<String, Integer> getWordIndex(DatasetFiles files) {
    Path file = files.locate(List.of(WORD_INDEX_FILE_NAME), DatasetFiles.md5(WORD_INDEX_MD5))
        .get(0);
    return DatasetFiles.parse(file, SequenceFiles::readWordIndex);
  }

  /**
   * Returns the names of the 46 topics, as {@code keras.datasets.reuters.get_label_names()}: label
   * {@code i} is {@code getLabelNames().get(i)}.
   *
   * @return the topic names, in label order
   */
  public static List<String> getLabelNames() {
    return LABEL_NAMES;
  }

  private static DatasetFiles files() {
    return new DatasetFiles("Reuters", DatasetFiles.kerasDirs(""), FileUtils::fetch, "");
  }

  /** The arrays of reuters.npz as the file holds them. */
  private record Parts(int[][] x, int[] y) {}

  private static Parts readNpz(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      int[][] x = Npy.sequences(zip, "x");
      return new Parts(x, SequenceFiles.labelsOf(x, Npy.ints(zip, "y"), "x"));
    }
  }
}
