package keras4j.datasets;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * Fisher's iris data set (R. A. Fisher, 1936), as scikit-learn's {@code load_iris}: 150 flowers
 * described by 4 features (sepal length, sepal width, petal length, petal width, in cm),
 * labelled with their species: 0 setosa, 1 versicolor, 2 virginica.
 *
 * <p>It ships inside the keras4j jar, so it loads without a network; {@link #description()} gives
 * its creators and references.
 */
public final class Iris {

  private static final BundledCsv DATA = new BundledCsv("iris.csv", "iris.rst", 150, 4, true);

  private Iris() {}

  /**
   * Loads the data with 20% of it, shuffled with seed 113, for testing: {@code loadData(0.2, 113)}.
   *
   * @return features of shape (n, 4), in cm, and labels 0..2 of shape (n)
   */
  public static Dataset<FloatNdArray, IntNdArray> loadData() {
    return loadData(BundledCsv.DEFAULT_TEST_SPLIT, BundledCsv.DEFAULT_SEED);
  }

  /**
   * Loads the data, split at random but reproducibly: the 150 samples are shuffled by a
   * Fisher-Yates shuffle driven by {@code new java.util.Random(seed)}, and the last {@code
   * Math.round(150 * testSplit)} of them form the test set.
   *
   * @param testSplit the fraction of samples for testing, in [0, 1)
   * @param seed the seed of the shuffle
   * @return features of shape (n, 4), in cm, and labels 0..2 of shape (n)
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
