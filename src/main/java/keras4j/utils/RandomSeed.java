package keras4j.utils;

import java.util.SplittableRandom;

/**
 * The source of keras4j's random seeds (weight initializers, Dropout, shuffling), like {@code
 * keras.utils.set_random_seed}: after {@code RandomSeed.set(42)} a script builds the same weights
 * and trains on the same batches every run.
 */
public final class RandomSeed {
  private static SplittableRandom random = new SplittableRandom();

  private RandomSeed() {}

  /**
   * Makes every later seed a function of {@code seed}.
   *
   * @param seed the global seed, as Keras's {@code keras.utils.set_random_seed}
   */
  public static synchronized void set(long seed) {
    random = new SplittableRandom(seed);
  }

  /**
   * The next seed.
   *
   * @return the next seed
   */
  public static synchronized long next() {
    return random.nextLong();
  }
}
