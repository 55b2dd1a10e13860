package keras4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keras4j.backend.HostArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Stratified k-fold cross-validation indices, as scikit-learn's {@code StratifiedKFold}: each
 * fold keeps the classes' proportions. The allocation is scikit-learn's: the samples sorted by
 * class are dealt to the folds in turn ({@code y_order[i::n_splits]}), and each class's samples
 * go to its folds in order of appearance (shuffled with {@code shuffle}, by keras4j's own
 * generator).
 */
public final class StratifiedKFold {
  private final int nSplits;
  private final boolean shuffle;
  private final long seed;

  /**
   * Stratified folds, not shuffled.
   *
   * @param nSplits the number of folds, at least 2
   * @throws IllegalArgumentException if {@code nSplits} is below 2
   */
  public StratifiedKFold(int nSplits) {
    this(nSplits, false, 0);
  }

  /**
   * Stratified folds, each class's samples shuffled with {@code seed} if {@code shuffle}.
   *
   * @param nSplits the number of folds, at least 2
   * @param shuffle whether to shuffle each class's samples before folding
   * @param seed the shuffle's seed (scikit-learn's {@code random_state})
   * @throws IllegalArgumentException if {@code nSplits} is below 2
   */
  public StratifiedKFold(int nSplits, boolean shuffle, long seed) {
    new KFold(nSplits); // the same check and message
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  /**
   * The folds of the samples whose classes are {@code y}.
   *
   * @param y the class of each sample: {@code int[]} or any array of one label per sample
   * @return {@code nSplits} folds, each its train and test indices in ascending order
   * @throws IllegalArgumentException if no class has {@code nSplits} members
   */
  public List<Fold> split(Object y) {
    FloatNdArray labels = HostArray.of(y, "y").toNdArray();
    int n = (int) labels.shape().get(0);
    if (labels.shape().size() != n) {
      throw new IllegalArgumentException("StratifiedKFold needs one class per sample, got labels"
          + " of shape " + labels.shape());
    }
    float[] values = new float[n];
    labels.copyTo(DataBuffers.of(values, false, false));
    // Classes numbered by first appearance, as scikit-learn's y_encoded.
    Map<Float, Integer> classes = new LinkedHashMap<>();
    int[] encoded = new int[n];
    for (int i = 0; i < n; i++) {
      encoded[i] = classes.computeIfAbsent(values[i], v -> classes.size());
    }
    int[] counts = new int[classes.size()];
    for (int c : encoded) {
      counts[c]++;
    }
    if (Arrays.stream(counts).max().orElse(0) < nSplits) {
      throw new IllegalArgumentException("n_splits=" + nSplits + " cannot be greater than the"
          + " number of members in each class");
    }
    int[] sorted = encoded.clone();
    Arrays.sort(sorted);
    int[][] allocation = new int[nSplits][counts.length];
    for (int i = 0; i < n; i++) {
      allocation[i % nSplits][sorted[i]]++;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] foldOf = new int[n];
    for (int c = 0; c < counts.length; c++) {
      List<Integer> folds = new ArrayList<>();
      for (int k = 0; k < nSplits; k++) {
        for (int r = 0; r < allocation[k][c]; r++) {
          folds.add(k);
        }
      }
      if (shuffle) {
        for (int i = folds.size() - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          folds.set(i, folds.set(j, folds.get(i)));
        }
      }
      int next = 0;
      for (int i = 0; i < n; i++) {
        if (encoded[i] == c) {
          foldOf[i] = folds.get(next++);
        }
      }
    }
    return Fold.of(foldOf, nSplits);
  }
}
