package keras4j.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation indices, as scikit-learn's {@code KFold}: the samples split into
 * {@code nSplits} consecutive folds (the first {@code n % nSplits} one sample larger), each the
 * test set once while the others train. With {@code shuffle}, the samples are permuted first;
 * the permutation is keras4j's own (the same for a seed, not numpy's).
 *
 * <pre>{@code
 * for (Fold fold : new KFold(5).split(x.length)) {
 *   model.fit(Fold.take(x, fold.train()), Fold.take(y, fold.train()), epochs(10));
 * }
 * }</pre>
 */
public final class KFold {
  private final int nSplits;
  private final boolean shuffle;
  private final long seed;

  /**
   * Folds of consecutive samples, not shuffled.
   *
   * @param nSplits the number of folds, at least 2
   * @throws IllegalArgumentException if {@code nSplits} is below 2
   */
  public KFold(int nSplits) {
    this(nSplits, false, 0);
  }

  /**
   * Folds of samples shuffled with {@code seed} if {@code shuffle}.
   *
   * @param nSplits the number of folds, at least 2
   * @param shuffle whether to permute the samples before folding
   * @param seed the permutation's seed (scikit-learn's {@code random_state})
   * @throws IllegalArgumentException if {@code nSplits} is below 2
   */
  public KFold(int nSplits, boolean shuffle, long seed) {
    if (nSplits < 2) {
      throw new IllegalArgumentException("k-fold cross-validation requires at least one"
          + " train/test split by setting nSplits=2 or more, got nSplits=" + nSplits);
    }
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.seed = seed;
  }

  /**
   * The folds of {@code samples} samples.
   *
   * @param samples the number of samples, at least {@code nSplits}
   * @return {@code nSplits} folds, each its train and test indices in ascending order
   * @throws IllegalArgumentException if there are fewer samples than folds
   */
  public List<Fold> split(int samples) {
    if (samples < nSplits) {
      throw new IllegalArgumentException("Cannot have number of splits nSplits=" + nSplits
          + " greater than the number of samples: n_samples=" + samples);
    }
    int[] order = permutation(samples, shuffle, seed);
    int[] fold = new int[samples];
    int at = 0;
    for (int k = 0; k < nSplits; k++) {
      int size = samples / nSplits + (k < samples % nSplits ? 1 : 0);
      for (int i = 0; i < size; i++) {
        fold[order[at++]] = k;
      }
    }
    return Fold.of(fold, nSplits);
  }

  /** 0..n-1, permuted with {@code seed} if {@code shuffle}. */
  static int[] permutation(int n, boolean shuffle, long seed) {
    int[] order = new int[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int j = shuffle ? random.nextInt(i + 1) : i; // Fisher-Yates, inside out
      order[i] = order[j];
      order[j] = i;
    }
    return order;
  }

  @Override
  public String toString() {
    return "KFold(n_splits=" + nSplits + ", random_state=" + (shuffle ? seed : "None")
        + ", shuffle=" + (shuffle ? "True" : "False") + ")";
  }
}
