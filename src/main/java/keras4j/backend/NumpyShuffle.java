package keras4j.backend;

/**
 * NumPy's {@code np.random.RandomState(seed).shuffle}, bit for bit: the Mersenne Twister
 * (MT19937) seeded as {@code RandomState} seeds it from an int, and its Fisher-Yates shuffle. Keras
 * shuffles the file list of {@code image_dataset_from_directory} and the windows of {@code
 * timeseries_dataset_from_array} with it, and the data sets of {@code keras.datasets} (IMDB, Reuters,
 * Boston Housing) their samples, so the same seed gives the same order here as in Keras.
 */
public final class NumpyShuffle {
  private static final int N = 624;
  private static final int M = 397;

  private final int[] state = new int[N];
  private int position = N;

  private NumpyShuffle(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (NumPy's range),"
          + " got " + seed);
    }
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      state[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
  }

  /**
   * A random order of {@code 0 .. n-1}, as {@code RandomState(seed).shuffle(list(range(n)))}.
   *
   * @param n the number of positions
   * @param seed NumPy's seed, in [0, 2**32)
   * @return the shuffled positions
   * @throws IllegalArgumentException when the seed is outside NumPy's range
   */
  public static int[] permutation(int n, long seed) {
    return randomState(seed).shuffle(n);
  }

  /**
   * NumPy's {@code np.random.RandomState(seed)}, for several shuffles drawn one after the other
   * from the same stream, as Keras shuffles IMDB's training and then its test part.
   *
   * @param seed NumPy's seed, in [0, 2**32)
   * @return the generator
   * @throws IllegalArgumentException when the seed is outside NumPy's range
   */
  public static NumpyShuffle randomState(long seed) {
    return new NumpyShuffle(seed);
  }

  /**
   * The next random order of {@code 0 .. n-1}, as {@code rng.shuffle(np.arange(n))} on this
   * generator.
   *
   * @param n the number of positions
   * @return the shuffled positions
   */
  public int[] shuffle(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = interval(i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** A uniform integer in [0, max], by rejection under the smallest all-ones mask (NumPy's). */
  private int interval(int max) {
    int mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    int value;
    do {
      value = nextInt() & mask;
    } while (Integer.compareUnsigned(value, max) > 0);
    return value;
  }

  private int nextInt() {
    if (position == N) {
      twist();
    }
    int y = state[position++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    return y ^ (y >>> 18);
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
      state[i] = state[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
    }
    position = 0;
  }
}
