package keras4j.initializers;

import java.util.Random;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's {@code Orthogonal} initializer (gain 1), the recurrent kernels' default: a weight
 * flattened to {@code (prod(shape[:-1]), shape[-1])} gets orthonormal columns (or rows, when it
 * is wider than tall), the Q of the QR decomposition of a standard normal matrix with the signs
 * of R's diagonal folded in, as Keras computes it. The QR is Gram-Schmidt on the heap (weights
 * are small), which gives the same distribution of matrices.
 */
final class Orthogonal {
  private Orthogonal() {}

  /** An orthogonal value of {@code shape} (rank 2 or more), drawn from {@code seed}. */
  static FloatNdArray create(Shape shape, long seed) {
    if (shape.numDimensions() < 2) {
      throw new IllegalArgumentException("The Orthogonal initializer needs a shape of rank 2 or"
          + " more, got " + shape);
    }
    int cols = Math.toIntExact(shape.get(shape.numDimensions() - 1));
    int rows = Math.toIntExact(shape.size() / cols);
    // Orthonormalize the columns of a tall (n x k) matrix, n >= k; a wide weight is its transpose.
    int n = Math.max(rows, cols);
    int k = Math.min(rows, cols);
    Random random = new Random(seed);
    double[][] q = new double[k][n];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        q[j][i] = random.nextGaussian();
      }
      for (int p = 0; p < j; p++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[p][i] * q[j][i];
        }
        for (int i = 0; i < n; i++) {
          q[j][i] -= dot * q[p][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r * cols + c] = (float) (rows >= cols ? q[c][r] : q[r][c]);
      }
    }
    return NdArrays.wrap(shape, DataBuffers.of(out, false, false));
  }
}
