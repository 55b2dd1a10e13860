package keras4j.bench;

import java.util.SplittableRandom;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The LSTM's generated task, IMDB-sized: sequences of {@link #STEPS} word ids drawn uniformly
 * from 1 to {@link #VOCABULARY} - 1, labelled 1 when more than half of the words are in the
 * lower half of the vocabulary (a count an LSTM learns), else 0. The same arrays go to keras4j
 * (wrapped as NdArrays) and to the hand-written loop.
 *
 * @param tokens {@code n * STEPS} word ids, sequence after sequence
 * @param labels {@code n} class ids
 */
record SequenceData(int[] tokens, int[] labels) {
  static final int STEPS = 80;
  static final int VOCABULARY = 1000;

  /** {@code n} sequences drawn from {@code seed}. */
  static SequenceData generate(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] tokens = new int[n * STEPS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int low = 0;
      for (int t = 0; t < STEPS; t++) {
        int word = 1 + random.nextInt(VOCABULARY - 1);
        tokens[i * STEPS + t] = word;
        low += word < VOCABULARY / 2 ? 1 : 0;
      }
      labels[i] = low > STEPS / 2 ? 1 : 0;
    }
    return new SequenceData(tokens, labels);
  }

  /** The number of sequences. */
  int size() {
    return labels.length;
  }

  /** The word ids as an (n, STEPS) NdArray over the same memory. */
  IntNdArray sequences() {
    return NdArrays.wrap(Shape.of(size(), STEPS), DataBuffers.of(tokens, true, false));
  }

  /** The labels as an (n) NdArray over the same memory. */
  IntNdArray classes() {
    return NdArrays.wrap(Shape.of(size()), DataBuffers.of(labels, true, false));
  }
}
