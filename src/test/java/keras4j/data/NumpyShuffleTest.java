package keras4j.data;

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
}
