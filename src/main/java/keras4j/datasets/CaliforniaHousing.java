package keras4j.datasets;

import java.nio.file.Path;
import java.util.List;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.DoubleNdArray;

/**
 * The California Housing prices, as Keras's {@code keras.datasets.california_housing}: 20,640
 * block groups of the 1990 U.S. census with 8 features (MedInc, HouseAge, AveRooms, AveBedrms,
 * Population, AveOccup, Latitude, Longitude) and the median house value in dollars as target.
 *
 * <p>The data is Keras's file {@code california_housing.npz}, looked for in {@code
 * $KERAS_HOME/datasets/} (when {@code KERAS_HOME} is set), then in {@code ~/.keras/datasets/};
 * when neither has it, it is downloaded into the first and its SHA-256 checked. It comes from the
 * StatLib repository (Pace and Barry, "Sparse Spatial Autoregressions", 1997).
 */
public final class CaliforniaHousing {

  /** Keras's file name for California Housing. */
  static final String FILE_NAME = "california_housing.npz";
  /** The SHA-256 that Keras checks a download of california_housing.npz against. */
  static final String SHA256 = "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f";
  /** The rows of {@code version "small"}, Keras's stand-in for Boston Housing. */
  private static final int SMALL_ROWS = 600;

  private CaliforniaHousing() {}

  /**
   * Loads California Housing with Keras's defaults: the large version, 20% for testing, seed 113.
   *
   * @return the training and test features (n, 8) and targets (n), exactly as the file's values
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData() {
    return loadData("large", 0.2, 113);
  }

  /**
   * Loads California Housing as {@code california_housing.load_data(version=..., test_split=...,
   * seed=...)}: the first 600 samples for {@code "small"} or all for {@code "large"}, shuffled by
   * NumPy's {@code RandomState(seed)}, the first {@code (int) (n * (1 - testSplit))} for training;
   * the same arguments give the same parts as Keras.
   *
   * @param version {@code "small"} (600 samples) or {@code "large"} (20,640)
   * @param testSplit the fraction for testing, in [0, 1)
   * @param seed the shuffle's seed, in [0, 2**32)
   * @return the training and test features (n, 8) and targets (n), exactly as the file's values
   * @throws IllegalArgumentException when {@code version}, {@code testSplit} or {@code seed} is
   *     out of range
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData(
      String version, double testSplit, long seed) {
    return loadData(files(), version, testSplit, seed);
  }

  /**
   * Loads California Housing from {@code file} instead of Keras's cache, as {@code
   * load_data(path=...)} with an absolute path; nothing is downloaded or checked against Keras's
   * SHA-256.
   *
   * @param file a copy of Keras's california_housing.npz
   * @param version {@code "small"} (600 samples) or {@code "large"} (all)
   * @param testSplit the fraction for testing, in [0, 1)
   * @param seed the shuffle's seed, in [0, 2**32)
   * @return the training and test features (n, 8) and targets (n), exactly as the file's values
   * @throws IllegalArgumentException when {@code version}, {@code testSplit} or {@code seed} is
   *     out of range
   * @throws java.io.UncheckedIOException when the file does not exist or is unreadable
   */
  public static Dataset<DoubleNdArray, DoubleNdArray> loadData(
      Path file, String version, double testSplit, long seed) {
    return HousingFiles.load(() -> DatasetFiles.given(file, "California Housing", FILE_NAME),
        rows(version), testSplit, seed);
  }

  /**
   * Loads California Housing from the places {@code files} describes; tests point it elsewhere.
   *
   * @param files where to look for california_housing.npz, and how to download it
   * @param version {@code "small"} or {@code "large"}
   * @param testSplit the fraction for testing
   * @param seed the shuffle's seed
   * @return the training and test features and targets
   */
  static Dataset<DoubleNdArray, DoubleNdArray> loadData(
      DatasetFiles files, String version, double testSplit, long seed) {
    return HousingFiles.load(
        () -> files.locate(List.of(FILE_NAME), DatasetFiles.sha256(SHA256)).get(0),
        rows(version), testSplit, seed);
  }

  // The rows a version keeps, -1 for all.
  private static int rows(String version) {
    return switch (String.valueOf(version)) {
      case "small" -> SMALL_ROWS;
      case "large" -> -1;
      default -> throw new IllegalArgumentException(
          "version must be one of 'small', 'large', got '" + version + "'");
    };
  }

  private static DatasetFiles files() {
    return new DatasetFiles(
        "California Housing", DatasetFiles.kerasDirs(""), FileUtils::fetch, "");
  }
}
