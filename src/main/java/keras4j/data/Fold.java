package keras4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * One train/test split of sample indices, as each pair scikit-learn's {@code split} yields.
 *
 * @param train the indices of the training samples, ascending
 * @param test the indices of the test samples, ascending
 */
public record Fold(int[] train, int[] test) {
  /**
   * The samples {@code indices} of {@code array}, as a new array: {@code x[train]} in numpy.
   *
   * @param array Java arrays or an NdArray, samples first (as {@code fit} takes)
   * @param indices the samples to take, in order
   * @return the samples, as float32
   * @throws IllegalArgumentException if the array is invalid or an index out of range
   */
  public static FloatNdArray take(Object array, int[] indices) {
    return HostRows.of(HostArray.of(array, "the array"), indices).toNdArray();
  }

  /** The folds where sample i is in test fold {@code foldOf[i]}. */
  static List<Fold> of(int[] foldOf, int nSplits) {
    List<Fold> out = new ArrayList<>();
    for (int k = 0; k < nSplits; k++) {
      int fold = k;
      out.add(new Fold(IntStream.range(0, foldOf.length).filter(i -> foldOf[i] != fold).toArray(),
          IntStream.range(0, foldOf.length).filter(i -> foldOf[i] == fold).toArray()));
    }
    return out;
  }
}
