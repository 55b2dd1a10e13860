package keras4j.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.saving.Json;
import org.tensorflow.ndarray.IntNdArray;

/** What IMDB and Reuters share: their word index files, and reordering samples by position. */
final class SequenceFiles {

  private SequenceFiles() {}

  /**
   * Reads a word index, Keras's JSON object of words and their frequency ranks.
   *
   * @param file the JSON file
   * @return the ranks by word, in the file's order
   * @throws IOException when the file is not such an object
   */
  static Map<String, Integer> readWordIndex(Path file) throws IOException {
    Map<String, Object> json;
    try {
      json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : json.entrySet()) {
      if (!(entry.getValue() instanceof Long rank) || rank != rank.intValue()) {
        throw new IOException("the word '" + entry.getKey() + "' has the index "
            + entry.getValue() + ", not an int");
      }
      index.put(entry.getKey(), rank.intValue());
    }
    return index;
  }

  /**
   * The sequences at {@code positions}, in that order.
   *
   * @param sequences the sequences
   * @param positions the positions to take
   * @return the sequences taken (shared, not copied)
   */
  static int[][] take(int[][] sequences, int[] positions) {
    int[][] out = new int[positions.length][];
    for (int i = 0; i < positions.length; i++) {
      out[i] = sequences[positions[i]];
    }
    return out;
  }

  /**
   * The labels at {@code positions}, in that order.
   *
   * @param labels the labels
   * @param positions the positions to take
   * @return the labels taken
   */
  static int[] take(int[] labels, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = labels[positions[i]];
    }
    return out;
  }

  /**
   * The values of a vector of labels, checked to count one per sequence.
   *
   * @param sequences the sequences
   * @param labels their labels
   * @param part the part's name in messages, e.g. "x_train"
   * @return the labels
   * @throws IOException when the counts differ
   */
  static int[] labelsOf(int[][] sequences, IntNdArray labels, String part) throws IOException {
    if (labels.rank() != 1 || labels.shape().get(0) != sequences.length) {
      throw new IOException(part + " holds " + sequences.length + " sequences but its labels have"
          + " shape " + labels.shape());
    }
    int[] values = new int[sequences.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels.getInt(i);
    }
    return values;
  }
}
