package keras4j.datasets;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The optical recognition of handwritten digits data set (E. Alpaydin, UCI, 1998), as
 * scikit-learn's {@code load_digits}: 1797 images of 8x8 pixels, flattened to 64 features that
 * each count 0..16, labelled with the digit 0..9 they show.
 *
 * <p>It ships inside the keras4j jar, so it loads without a network; {@link #description()} gives
 * its creators and sources.
 */
public final class Digits {

  private static final BundledCsv DATA =
      new BundledCsv("digits.csv.gz", "digits.rst", 1797, 64, false);

  private Digits() {}

  /**
   * Loads the data with 20% of it, shuffled with seed 113, for testing: {@code loadData(0.2, 113)}.
   *
   * @return features of shape (n, 64), unscaled (0..16), and labels 0..9 of shape (n)
   */
  public static Dataset<FloatNdArray, IntNdArray> loadData() {
    return loadData(BundledCsv.DEFAULT_TEST_SPLIT, BundledCsv.DEFAULT_SEED);
  }

  /**
   * Loads the data, split at random but reproducibly: the 1797 samples are shuffled by a
   * Fisher-Yates shuffle driven by {@code new java.util.Random(seed)}, and the last {@code
   * Math.round(1797 * testSplit)} of them form the test set.
   *
   * @param testSplit the fraction of samples for testing, in [0, 1)
   * @param seed the seed of the shuffle
   * @return features of shape (n, 64), unscaled (0..16), and labels 0..9 of shape (n)
   * @throws IllegalArgumentException when {@code testSplit} is outside [0, 1)
   */
  public static Dataset<FloatNdArray, IntNdArray> loadData(double testSplit, long seed) {
    return DATA.loadData(testSplit, seed);
  }

  /**
   * Describes the data set: its origin, creators and references.
   *
   * @return scikit-learn's description, in reStructuredText
   */
  public static String description() {
    return DATA.description();
  }
}
