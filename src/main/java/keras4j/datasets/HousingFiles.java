package keras4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import keras4j.backend.NumpyShuffle;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * What Boston Housing and California Housing share: an .npz of features {@code x} (samples,
 * features) and targets {@code y} (samples), shuffled by NumPy's {@code RandomState(seed)} and split
 * as Keras splits them.
 */
final class HousingFiles {

  private HousingFiles() {}

  /**
   * Loads the file's {@code x} and {@code y} as Keras's housing loaders do.
   *
   * @param file finds the file (in the cache, downloading it, or as given), after the arguments
   *     are checked
   * @param rows how many of the first rows to keep before shuffling, or -1 for all
   * @param testSplit the fraction for testing, checked in [0, 1)
   * @param seed NumPy's seed
   * @return the training and test features and targets
   * @throws IllegalArgumentException when {@code testSplit} or {@code seed} is out of range
   */
  static Dataset<DoubleNdArray, DoubleNdArray> load(
      Supplier<Path> file, int rows, double testSplit, long seed) {
    if (!(testSplit >= 0 && testSplit < 1)) {
      throw new IllegalArgumentException("Invalid testSplit " + testSplit
          + ": it must be between 0 and 1 (exclusive of 1)");
    }
    NumpyShuffle rng = NumpyShuffle.randomState(seed);
    DoubleNdArray[] xy = DatasetFiles.parse(file.get(), HousingFiles::readNpz);
    int n = rows < 0 ? (int) xy[0].shape().get(0) : Math.min(rows, (int) xy[0].shape().get(0));
    int[] order = rng.shuffle(n);
    int train = (int) (n * (1 - testSplit));
    return new Dataset<>(rows(xy[0], order, 0, train), rows(xy[1], order, 0, train),
        rows(xy[0], order, train, n), rows(xy[1], order, train, n));
  }

  private static DoubleNdArray[] readNpz(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      DoubleNdArray x = Npy.doubles(zip, "x");
      DoubleNdArray y = Npy.doubles(zip, "y");
      if (x.rank() != 2 || y.rank() != 1 || x.shape().get(0) != y.shape().get(0)) {
        throw new IOException("its features have shape " + x.shape() + " and its targets "
            + y.shape() + ", expected (n, features) and (n)");
      }
      return new DoubleNdArray[] {x, y};
    }
  }

  // The rows order[from..to) of an array whose first dimension counts the samples.
  private static DoubleNdArray rows(DoubleNdArray array, int[] order, int from, int to) {
    int width = (int) (array.size() / Math.max(1, array.shape().get(0)));
    double[] all = new double[(int) array.size()];
    array.copyTo(DataBuffers.of(all, false, false));
    double[] picked = new double[(to - from) * width];
    for (int i = from; i < to; i++) {
      System.arraycopy(all, order[i] * width, picked, (i - from) * width, width);
    }
    long[] dims = array.shape().asArray();
    dims[0] = to - from;
    return NdArrays.wrap(Shape.of(dims), DataBuffers.of(picked, false, false));
  }
}
