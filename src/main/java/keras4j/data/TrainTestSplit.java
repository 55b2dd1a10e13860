package keras4j.data;

import java.util.Arrays;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A random split of arrays into training and test parts, as scikit-learn's {@code
 * train_test_split}: {@code ceil(testSize * n)} samples for the test part, the others for
 * training, both in a random order (keras4j's own generator: the same for a seed, not numpy's).
 *
 * @param xTrain the training samples
 * @param xTest the test samples
 * @param yTrain the training labels
 * @param yTest the test labels
 */
public record TrainTestSplit(FloatNdArray xTrain,
    FloatNdArray xTest, FloatNdArray yTrain,
    FloatNdArray yTest) {
  /**
   * Splits {@code x} and {@code y} alike.
   *
   * @param x the samples (Java arrays or an NdArray, samples first)
   * @param y their labels, one per sample
   * @param testSize the share of samples for the test part, in (0, 1)
   * @param seed the shuffle's seed (scikit-learn's {@code random_state})
   * @return the four parts, in scikit-learn's order
   * @throws IllegalArgumentException if the arrays differ in length or a part would be empty
   */
  public static TrainTestSplit trainTestSplit(Object x, Object y, double testSize, long seed) {
    HostArray xs = HostArray.of(x, "x");
    HostArray ys = HostArray.of(y, "y");
    int n = xs.samples();
    int labels = ys.samples();
    if (labels != n) {
      throw new IllegalArgumentException("Found input variables with inconsistent numbers of"
          + " samples: [" + n + ", " + labels + "]");
    }
    if (!(testSize > 0 && testSize < 1)) {
      throw new IllegalArgumentException("testSize must be in (0, 1), got " + testSize);
    }
    int test = (int) Math.ceil(testSize * n);
    if (test == 0 || test == n) {
      throw new IllegalArgumentException("With n_samples=" + n + ", testSize=" + testSize
          + " the resulting train set would be empty; adjust testSize");
    }
    int[] order = KFold.permutation(n, true, seed);
    int[] testRows = Arrays.copyOfRange(order, 0, test);
    int[] trainRows = Arrays.copyOfRange(order, test, n);
    return new TrainTestSplit(HostRows.of(xs, trainRows).toNdArray(),
        HostRows.of(xs, testRows).toNdArray(), HostRows.of(ys, trainRows).toNdArray(),
        HostRows.of(ys, testRows).toNdArray());
  }
}
