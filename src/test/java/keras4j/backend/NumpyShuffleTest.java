package keras4j.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link NumpyShuffle} against {@code l = list(range(n)); np.random.RandomState(s).shuffle(l)}. */
class NumpyShuffleTest {
  @Test
  void permutationsAreNumpysRandomStateShuffles() {
    assertArrayEquals(new int[] {6, 3, 0, 4, 5, 2, 1, 9, 8, 7}, NumpyShuffle.permutation(10,
        1337));
    assertArrayEquals(new int[] {6, 2, 1, 3, 0, 5, 4}, NumpyShuffle.permutation(7, 0));
    assertArrayEquals(new int[] {9, 5, 2, 4, 7, 1, 0, 8, 6, 3}, NumpyShuffle.permutation(10, 5));
    // 1000 positions: past one twist of the generator's 624 words.
    assertArrayEquals(new int[] {131, 203, 50, 585, 138, 632, 328, 461, 924, 479, 195, 221},
        Arrays.copyOf(NumpyShuffle.permutation(1000, 123), 12));
    assertArrayEquals(new int[0], NumpyShuffle.permutation(0, 1));
    assertThrows(IllegalArgumentException.class, () -> NumpyShuffle.permutation(3, -1));
  }

  @Test
  void shufflesOfOneRandomStateContinueItsStream() {
    // rng = np.random.RandomState(113); a = np.arange(7); rng.shuffle(a); b = np.arange(5);
    // rng.shuffle(b), as keras.datasets.imdb shuffles its training and then its test part.
    NumpyShuffle rng = NumpyShuffle.randomState(113);
    assertArrayEquals(new int[] {1, 3, 0, 6, 2, 4, 5}, rng.shuffle(7));
    assertArrayEquals(new int[] {2, 3, 4, 1, 0}, rng.shuffle(5));
    // The second shuffle starting past a twist of the 624 words: 700 then 400 positions.
    NumpyShuffle twisted = NumpyShuffle.randomState(113);
    twisted.shuffle(700);
    assertArrayEquals(new int[] {152, 213, 2, 22, 95, 261, 195, 342},
        Arrays.copyOf(twisted.shuffle(400), 8));
  }
}
