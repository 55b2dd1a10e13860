package keras4j.datasets;

import java.nio.file.Path;
import java.util.List;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.DoubleNdArray;

/**
 * The Boston Housing prices, as Keras's {@code keras.datasets.boston_housing}: 506 suburbs of
 * Boston in the late 1970s, 13 attributes each, and the median house value in k$ as target.
 *
 * <p>As Keras warns, the data has an ethical problem: its attribute "B" assumes that racial
 * self-segregation influences house prices; use it only to illustrate such issues, and prefer
 * {@link CaliforniaHousing} ({@code version "small"}) otherwise. The data is Keras's file {@code
 * boston_housing.npz}, looked for in {@code $KERAS_HOME/datasets/} (when {@code KERAS_HOME} is
 * set), then in {@code ~/.keras/datasets/}; when neither has it, it is downloaded into the first
 * and its SHA-256 checked. It comes from the StatLib library of Carnegie Mellon University.
 */
public final class BostonHousing {

  /** Keras's file name for Boston Housing. */
  static final String FILE_NAME = "boston_housing.npz";
  /** The SHA-256 that Keras checks a download of boston_housing.npz against. */
  static final String SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5";

  private BostonHousing() {}

  /**
   * Loads Boston Housing with Keras's defaults: 20% for testing, seed 113.
   *
   * @return the training and test features (n, 13) and targets (n), as the file's float64s
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData() {
    return loadData(0.2, 113);
  }

  /**
   * Loads Boston Housing as {@code boston_housing.load_data(test_split=..., seed=...)}: the
   * samples shuffled by NumPy's {@code RandomState(seed)}, the first {@code (int) (506 * (1 -
   * testSplit))} for training; the same seed gives the same parts as Keras.
   *
   * @param testSplit the fraction for testing, in [0, 1)
   * @param seed the shuffle's seed, in [0, 2**32)
   * @return the training and test features (n, 13) and targets (n), as the file's float64s
   * @throws IllegalArgumentException when {@code testSplit} or {@code seed} is out of range
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData(double testSplit, long seed) {
    return loadData(files(), testSplit, seed);
  }

  /**
   * Loads Boston Housing from {@code file} instead of Keras's cache, as {@code
   * load_data(path=...)} with an absolute path; nothing is downloaded or checked against Keras's
   * SHA-256.
   *
   * @param file a copy of Keras's boston_housing.npz
   * @param testSplit the fraction for testing, in [0, 1)
   * @param seed the shuffle's seed, in [0, 2**32)
   * @return the training and test features (n, 13) and targets (n), as the file's float64s
   * @throws IllegalArgumentException when {@code testSplit} or {@code seed} is out of range
   * @throws java.io.UncheckedIOException when the file does not exist or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData(
      Path file, double testSplit, long seed) {
    return HousingFiles.load(
        () -> DatasetFiles.given(file, "Boston Housing", FILE_NAME), -1, testSplit, seed);
  }

  /**
   * Loads Boston Housing from the places {@code files} describes; tests point it elsewhere.
   *
   * @param files where to look for boston_housing.npz, and how to download it
   * @param testSplit the fraction for testing
   * @param seed the shuffle's seed
   * @return the training and test features and targets
   */
  static Dataset<DoubleNdArray, DoubleNdArray> loadData(
      DatasetFiles files, double testSplit, long seed) {
    return HousingFiles.load(
        () -> files.locate(List.of(FILE_NAME), DatasetFiles.sha256(SHA256)).get(0), -1,
        testSplit, seed);
  }

  private static DatasetFiles files() {
    return new DatasetFiles(
        "Boston Housing", DatasetFiles.kerasDirs(""), FileUtils::fetch, "");
  }
}
