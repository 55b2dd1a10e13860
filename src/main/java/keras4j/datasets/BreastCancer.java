package keras4j.datasets;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The Breast Cancer Wisconsin (Diagnostic) data set (W. H. Wolberg, W. N. Street, O. L.
 * Mangasarian, UCI, 1995), as scikit-learn's {@code load_breast_cancer}: 569 samples of 30
 * features computed from images of cell nuclei, labelled 0 (malignant) or 1 (benign).
 *
 * <p>It ships inside the keras4j jar, so it loads without a network; {@link #description()} gives
 * its creators, sources and the meaning of each feature.
 */
public final class BreastCancer {

  private static final BundledCsv DATA =
      new BundledCsv("breast_cancer.csv", "breast_cancer.rst", 569, 30, true);

  private BreastCancer() {}

  /**
   * Loads the data with 20% of it, shuffled with seed 113, for testing: {@code loadData(0.2, 113)}.
   *
   * @return features of shape (n, 30), unscaled, and labels 0 or 1 of shape (n)
   */
  public static Dataset<FloatNdArray, IntNdArray> loadData() {
    return loadData(BundledCsv.DEFAULT_TEST_SPLIT, BundledCsv.DEFAULT_SEED);
  }

  /**
   * Loads the data, split at random but reproducibly: the 569 samples are shuffled by a
   * Fisher-Yates shuffle driven by {@code new java.util.Random(seed)}, and the last {@code
   * Math.round(569 * testSplit)} of them form the test set.
   *
   * @param testSplit the fraction of samples for testing, in [0, 1)
   * @param seed the seed of the shuffle
   * @return features of shape (n, 30), unscaled (their ranges differ a lot: standardize them), and
   *     labels 0 (malignant) or 1 (benign) of shape (n)
   * @throws IllegalArgumentException when {@code testSplit} is outside [0, 1)
   */
  public static Dataset<FloatNdArray, IntNdArray> loadData(double testSplit, long seed) {
    return DATA.loadData(testSplit, seed);
  }

  /**
   * Describes the data set: its origin, creators, features and references.
   *
   * @return scikit-learn's description, in reStructuredText
   */
  public static String description() {
    return DATA.description();
  }
}
