package keras4j.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A small classification data set shipped in the jar as a CSV resource next to this class: one
 * sample a line, its features then its integer class, optionally after scikit-learn's header line
 * {@code n_samples,n_features,class names...}. A {@code .rst} resource describes it.
 */
final class BundledCsv {

  /** The test fraction of {@code loadData()}, Keras's default for its own small data sets. */
  static final double DEFAULT_TEST_SPLIT = 0.2;
  /** The shuffling seed of {@code loadData()}, Keras's default for its own small data sets. */
  static final long DEFAULT_SEED = 113;

  private final String csvName;
  private final String descriptionName;
  private final int samples;
  private final int features;
  private final boolean hasHeader;

  /**
   * Describes a bundled data set.
   *
   * @param csvName the CSV resource, gzipped when it ends with ".gz"
   * @param descriptionName the description resource
   * @param samples how many samples the CSV must hold
   * @param features how many features each sample must have
   * @param hasHeader whether the CSV starts with scikit-learn's header line
   */
  BundledCsv(String csvName, String descriptionName, int samples, int features, boolean hasHeader) {
    this.csvName = csvName;
    this.descriptionName = descriptionName;
    this.samples = samples;
    this.features = features;
    this.hasHeader = hasHeader;
  }

  /**
   * Loads the data and splits it: the samples are shuffled by a Fisher-Yates shuffle driven by
   * {@code new Random(seed)}, and the last {@code Math.round(n * testSplit)} of them form the test
   * set, so the same arguments always give the same split.
   *
   * @param testSplit the fraction of samples for testing, in [0, 1)
   * @param seed the seed of the shuffle
   * @return features of shape (samples, features) and labels of shape (samples), for each part
   * @throws IllegalArgumentException when {@code testSplit} is outside [0, 1)
   */
  Dataset<FloatNdArray, IntNdArray> loadData(double testSplit, long seed) {
    if (!(testSplit >= 0 && testSplit < 1)) {
      throw new IllegalArgumentException("testSplit must be in [0, 1), got " + testSplit);
    }
    float[][] x = new float[samples][];
    int[] y = new int[samples];
    read(x, y);
    int[] order = shuffledIndices(seed);
    int trainSize = samples - (int) Math.round(samples * testSplit);
    return new Dataset<>(
        features(x, order, 0, trainSize), labels(y, order, 0, trainSize),
        features(x, order, trainSize, samples), labels(y, order, trainSize, samples));
  }

  /**
   * Returns the description of the data set, with its creators, sources and references.
   *
   * @return the text of the {@code .rst} resource
   */
  String description() {
    return resourceText(descriptionName);
  }

  /**
   * Reads a text resource shipped next to this class.
   *
   * @param resource its name, e.g. "digits.rst"
   * @return its text, read as UTF-8
   */
  static String resourceText(String resource) {
    try (InputStream in = open(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the resource " + resource, e);
    }
  }

  private void read(float[][] x, int[] y) {
    try (InputStream resource = open(csvName);
        BufferedReader reader = new BufferedReader(new InputStreamReader(
            csvName.endsWith(".gz") ? new GZIPInputStream(resource) : resource,
            StandardCharsets.US_ASCII))) {
      if (hasHeader) {
        checkHeader(reader.readLine());
      }
      int row = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (row == samples) {
          throw corrupt("more than " + samples + " samples");
        }
        parseRow(line, row, x, y);
        row++;
      }
      if (row != samples) {
        throw corrupt(row + " samples instead of " + samples);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the resource " + csvName, e);
    }
  }

  private void checkHeader(String line) {
    String expected = samples + "," + features + ",";
    if (line == null || !line.startsWith(expected)) {
      throw corrupt("header line '" + line + "' instead of one starting with '" + expected + "'");
    }
  }

  private void parseRow(String line, int row, float[][] x, int[] y) {
    String[] fields = line.split(",");
    if (fields.length != features + 1) {
      throw corrupt("sample " + row + " has " + fields.length + " fields instead of "
          + (features + 1));
    }
    try {
      x[row] = new float[features];
      for (int j = 0; j < features; j++) {
        x[row][j] = Float.parseFloat(fields[j]);
      }
      y[row] = Integer.parseInt(fields[features].trim());
    } catch (NumberFormatException e) {
      throw corrupt("sample " + row + " is not numeric: " + line);
    }
  }

  private int[] shuffledIndices(long seed) {
    int[] order = IntStream.range(0, samples).toArray();
    Random random = new Random(seed);
    for (int i = samples - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swapped = order[i];
      order[i] = order[j];
      order[j] = swapped;
    }
    return order;
  }

  private FloatNdArray features(float[][] x, int[] order, int from, int to) {
    float[] values = new float[(to - from) * features];
    for (int i = from; i < to; i++) {
      System.arraycopy(x[order[i]], 0, values, (i - from) * features, features);
    }
    return NdArrays.wrap(Shape.of(to - from, features), DataBuffers.of(values, false, false));
  }

  private static IntNdArray labels(int[] y, int[] order, int from, int to) {
    int[] values = IntStream.range(from, to).map(i -> y[order[i]]).toArray();
    return NdArrays.wrap(Shape.of(to - from), DataBuffers.of(values, false, false));
  }

  /**
   * Opens a resource shipped next to this class.
   *
   * @param resource its name, e.g. "digits.csv.gz"
   * @return its bytes, as stored (still gzipped)
   * @throws IllegalStateException when the jar lacks it
   */
  static InputStream open(String resource) {
    InputStream in = BundledCsv.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "The resource keras4j/datasets/" + resource + " is missing from the keras4j jar");
    }
    return in;
  }

  // The resource ships with keras4j, so a bad one is a broken build, not a user error.
  private IllegalStateException corrupt(String problem) {
    return new IllegalStateException("The bundled resource " + csvName + " is corrupt: " + problem);
  }
}
