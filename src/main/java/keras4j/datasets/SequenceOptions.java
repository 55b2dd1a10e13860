package keras4j.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of Keras's {@code keras.datasets.imdb.load_data} and {@code reuters.load_data},
 * with their defaults: all words kept ({@code num_words=None}), none skipped, no length limit,
 * seed 113, sequences starting with 1, out-of-vocabulary words as 2, words indexed from 3, and
 * for Reuters 20% of the newswires for testing. Immutable: each setter returns a new value.
 *
 * <pre>{@code
 * SequenceDataset imdb = Imdb.loadData(SequenceOptions.defaults().numWords(10_000).maxlen(200));
 * }</pre>
 */
public final class SequenceOptions {
  private Integer numWords;
  private int skipTop;
  private Integer maxlen;
  private long seed = 113;
  private Integer startChar = 1;
  private Integer oovChar = 2;
  private int indexFrom = 3;
  private double testSplit = 0.2;

  private SequenceOptions() {}

  /**
   * Keras's defaults.
   *
   * @return the default options
   */
  public static SequenceOptions defaults() {
    return new SequenceOptions();
  }

  private SequenceOptions copy() {
    SequenceOptions c = new SequenceOptions();
    c.numWords = numWords;
    c.skipTop = skipTop;
    c.maxlen = maxlen;
    c.seed = seed;
    c.startChar = startChar;
    c.oovChar = oovChar;
    c.indexFrom = indexFrom;
    c.testSplit = testSplit;
    return c;
  }

  /**
   * Keeps only the words ranked below {@code numWords} by frequency ({@code num_words}); the others
   * become {@link #oovChar}. Null or 0, as Keras's None, keeps all words but the most frequent
   * index of all, which Keras's own {@code w < max} test excludes too.
   *
   * @param numWords the size of the vocabulary, counting the reserved indices, or null
   * @return the options with it
   * @throws IllegalArgumentException when negative
   */
  public SequenceOptions numWords(Integer numWords) {
    SequenceOptions c = copy();
    c.numWords = nonNegative("numWords", numWords);
    return c;
  }

  /**
   * Treats the {@code skipTop} lowest indices, the most frequent words, as out of vocabulary
   * ({@code skip_top}); the start and reserved indices count among them.
   *
   * @param skipTop how many indices to skip, 0 for none
   * @return the options with it
   * @throws IllegalArgumentException when negative
   */
  public SequenceOptions skipTop(int skipTop) {
    SequenceOptions c = copy();
    c.skipTop = nonNegative("skipTop", skipTop);
    return c;
  }

  /**
   * Drops every sequence of {@code maxlen} words or more, the start index included ({@code
   * maxlen}: as Keras, it filters sequences out rather than truncating them).
   *
   * @param maxlen the length that sequences must stay below, or null (or 0) for no limit
   * @return the options with it
   * @throws IllegalArgumentException when negative
   */
  public SequenceOptions maxlen(Integer maxlen) {
    SequenceOptions c = copy();
    c.maxlen = nonNegative("maxlen", maxlen);
    return c;
  }

  /**
   * The seed of the shuffle ({@code seed}), NumPy's {@code RandomState}, so that a seed orders the
   * samples as in Keras.
   *
   * @param seed the seed, in [0, 2**32)
   * @return the options with it
   * @throws IllegalArgumentException when outside NumPy's range
   */
  public SequenceOptions seed(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (NumPy's range),"
          + " got " + seed);
    }
    SequenceOptions c = copy();
    c.seed = seed;
    return c;
  }

  /**
   * The index that starts every sequence ({@code start_char}).
   *
   * @param startChar the index, or null (Keras's None) for no start mark
   * @return the options with it
   */
  public SequenceOptions startChar(Integer startChar) {
    SequenceOptions c = copy();
    c.startChar = startChar;
    return c;
  }

  /**
   * The index that replaces words outside {@link #skipTop} and {@link #numWords} ({@code
   * oov_char}).
   *
   * @param oovChar the index, or null (Keras's None) to drop such words instead
   * @return the options with it
   */
  public SequenceOptions oovChar(Integer oovChar) {
    SequenceOptions c = copy();
    c.oovChar = oovChar;
    return c;
  }

  /**
   * The offset added to every word index of the file ({@code index_from}), which keeps the indices
   * below it free for padding, start and out-of-vocabulary.
   *
   * @param indexFrom the offset
   * @return the options with it
   */
  public SequenceOptions indexFrom(int indexFrom) {
    SequenceOptions c = copy();
    c.indexFrom = indexFrom;
    return c;
  }

  /**
   * The fraction of Reuters's newswires for testing ({@code test_split}); IMDB has fixed parts and
   * ignores it, as Keras's {@code imdb.load_data(**kwargs)} does.
   *
   * @param testSplit the fraction, in [0, 1)
   * @return the options with it
   * @throws IllegalArgumentException when outside [0, 1)
   */
  public SequenceOptions testSplit(double testSplit) {
    if (!(testSplit >= 0 && testSplit < 1)) {
      throw new IllegalArgumentException("testSplit must be in [0, 1), got " + testSplit);
    }
    SequenceOptions c = copy();
    c.testSplit = testSplit;
    return c;
  }

  long seed() {
    return seed;
  }

  double testSplit() {
    return testSplit;
  }

  boolean hasNumWords() {
    return numWords != null && numWords != 0;
  }

  /** Adds {@code index_from} to each word, after {@code start_char}, as Keras does first. */
  int[][] offset(int[][] sequences) {
    int start = startChar == null ? 0 : 1;
    int[][] out = new int[sequences.length][];
    for (int i = 0; i < sequences.length; i++) {
      out[i] = new int[start + sequences[i].length];
      if (startChar != null) {
        out[i][0] = startChar;
      }
      for (int j = 0; j < sequences[i].length; j++) {
        out[i][start + j] = sequences[i][j] + indexFrom;
      }
    }
    return out;
  }

  /**
   * Keeps the samples shorter than {@code maxlen}, as Keras's {@code remove_long_seq}.
   *
   * @param sequences the sequences
   * @return the positions kept (all of them without a maxlen), for the labels too
   */
  int[] shorterThanMaxlen(int[][] sequences) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < sequences.length; i++) {
      if (maxlen == null || maxlen == 0 || sequences[i].length < maxlen) {
        kept.add(i);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Keras's message when {@code maxlen} leaves no sequence. */
  String maxlenMessage() {
    return "After filtering for sequences shorter than maxlen=" + maxlen
        + ", no sequence was kept. Increase maxlen.";
  }

  /**
   * Replaces (or drops) the words outside [{@code skip_top}, {@code num_words}), {@code num_words}
   * defaulting to the largest index of all the sequences.
   *
   * @param sequences all the sequences, training and test, as Keras limits them together
   * @return the limited sequences
   */
  int[][] limitVocabulary(int[][] sequences) {
    int limit;
    if (hasNumWords()) {
      limit = numWords;
    } else {
      limit = Integer.MIN_VALUE;
      for (int[] sequence : sequences) {
        for (int word : sequence) {
          limit = Math.max(limit, word);
        }
      }
    }
    int[][] out = new int[sequences.length][];
    for (int i = 0; i < sequences.length; i++) {
      final int max = limit;
      out[i] = oovChar != null
          ? Arrays.stream(sequences[i])
              .map(w -> skipTop <= w && w < max ? w : oovChar).toArray()
          : Arrays.stream(sequences[i]).filter(w -> skipTop <= w && w < max).toArray();
    }
    return out;
  }

  private static Integer nonNegative(String name, Integer value) {
    if (value != null && value < 0) {
      throw new IllegalArgumentException(name + " must be at least 0 (or null for Keras's None),"
          + " got " + value);
    }
    return value;
  }
}
