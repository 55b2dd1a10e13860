package keras4j.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Passages of four Jane Austen novels labelled by novel, a small text classification set: 6364
 * paragraphs of at least 12 words (each cut after its first 60 words) from <i>Sense and
 * Sensibility</i> (label 0), <i>Pride and Prejudice</i> (1), <i>Emma</i> (2) and
 * <i>Persuasion</i> (3), split once at random into 5091 training and 1273 test passages.
 *
 * <p>The texts are in the public domain (Project Gutenberg's editions, as packaged in Julia
 * Silge's janeaustenr); the set ships inside the keras4j jar, so it loads without a network.
 * {@link #description()} tells how it was made. Characters' names are not masked: they are
 * strong clues (Elinor, Darcy, Knightley, Wentworth), so a classifier that learns them does well.
 * The largest class, <i>Emma</i>, is 427 of the 1273 test passages (0.335), the accuracy of
 * always guessing it.
 *
 * <pre>{@code
 * Dataset<NdArray<String>, IntNdArray> data = AustenPassages.loadData();
 * TextVectorization vectorize =
 *     new TextVectorization(maxTokens(10_000), outputSequenceLength(50));
 * vectorize.adapt(data.xTrain());
 * }</pre>
 */
public final class AustenPassages {

  /** How many training passages {@link #loadData()} returns. */
  public static final int TRAIN_SIZE = 5091;
  /** How many test passages {@link #loadData()} returns. */
  public static final int TEST_SIZE = 1273;

  private static final String TSV = "austen_passages.tsv.gz";
  private static final String HEADER = "split\tlabel\ttext";
  private static final List<String> LABEL_NAMES =
      List.of("Sense and Sensibility", "Pride and Prejudice", "Emma", "Persuasion");

  private AustenPassages() {}

  /**
   * Loads the passages, split as shipped: the same training and test sets, in the same order,
   * every time.
   *
   * @return the passages as string arrays of shape (5091) and (1273), and their labels 0..3
   *     (indices into {@link #labelNames()}) of the same shapes
   */
  public static Dataset<NdArray<String>, IntNdArray> loadData() {
    String[] trainTexts = new String[TRAIN_SIZE];
    int[] trainLabels = new int[TRAIN_SIZE];
    String[] testTexts = new String[TEST_SIZE];
    int[] testLabels = new int[TEST_SIZE];
    try (InputStream resource = BundledCsv.open(TSV);
        BufferedReader reader = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (!HEADER.equals(header)) {
        throw corrupt("header line '" + header + "' instead of '" + HEADER + "'");
      }
      int train = 0;
      int test = 0;
      int row = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine(), row++) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
          throw corrupt("passage " + row + " has " + fields.length + " fields instead of 3");
        }
        int label = label(fields[1], row);
        // Training rows come first: a training row after a test row means a reordered file.
        if (fields[0].equals("train") && test == 0 && train < TRAIN_SIZE) {
          trainTexts[train] = fields[2];
          trainLabels[train++] = label;
        } else if (fields[0].equals("test") && train == TRAIN_SIZE && test < TEST_SIZE) {
          testTexts[test] = fields[2];
          testLabels[test++] = label;
        } else {
          throw corrupt("passage " + row + " is a '" + fields[0] + "' row after " + train
              + " training and " + test + " test rows (expected " + TRAIN_SIZE + " then "
              + TEST_SIZE + ")");
        }
      }
      if (train != TRAIN_SIZE || test != TEST_SIZE) {
        throw corrupt(train + " training and " + test + " test passages instead of "
            + TRAIN_SIZE + " and " + TEST_SIZE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the resource " + TSV, e);
    }
    return new Dataset<>(texts(trainTexts), labels(trainLabels), texts(testTexts),
        labels(testLabels));
  }

  /**
   * The novels, in the order of their labels (publication order).
   *
   * @return "Sense and Sensibility", "Pride and Prejudice", "Emma", "Persuasion"
   */
  public static List<String> labelNames() {
    return LABEL_NAMES;
  }

  /**
   * Describes the data set: its source, licence, how the passages were cut and split, and what
   * a majority-class guess scores.
   *
   * @return the description, in reStructuredText
   */
  public static String description() {
    return BundledCsv.resourceText("austen_passages.rst");
  }

  private static int label(String field, int row) {
    try {
      int label = Integer.parseInt(field);
      if (label >= 0 && label < LABEL_NAMES.size()) {
        return label;
      }
    } catch (NumberFormatException e) {
      // Reported below with the row.
    }
    throw corrupt("passage " + row + " has the label '" + field + "', not 0.."
        + (LABEL_NAMES.size() - 1));
  }

  private static NdArray<String> texts(String[] values) {
    return NdArrays.wrap(Shape.of(values.length), DataBuffers.ofObjects(values));
  }

  private static IntNdArray labels(int[] values) {
    return NdArrays.wrap(Shape.of(values.length), DataBuffers.of(values, false, false));
  }

  // The resource ships with keras4j, so a bad one is a broken build, not a user error.
  private static IllegalStateException corrupt(String problem) {
    return new IllegalStateException("The bundled resource " + TSV + " is corrupt: " + problem);
  }
}
