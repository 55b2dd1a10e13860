package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.core.SeedArg;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's {@code Orthogonal(gain, seed)}, the recurrent kernels' default: a weight flattened to
 * {@code (prod(shape[:-1]), shape[-1])} gets orthonormal columns (or rows, when it is wider than
 * tall) times {@code gain}. As Keras: the Q of the QR decomposition of a standard normal {@code
 * (max, min)} matrix, with the signs of R's diagonal folded in; that Q is the one Gram-Schmidt
 * gives (R's diagonal positive), computed here on the heap (weights are small).
 */
public final class Orthogonal extends RandomInitializer {
  private final double gain;

  /**
   * Keras's {@code Orthogonal(gain, seed)}.
   *
   * @param gain the factor of the orthogonal matrix (Keras's default 1)
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public Orthogonal(double gain, SeedArg... seed) {
    super(seed);
    this.gain = gain;
  }

  /**
   * Keras's default, {@code Orthogonal(1.0)}.
   *
   * @param seed {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  public Orthogonal(SeedArg... seed) {
    this(1.0, seed);
  }

  @Override
  public FloatNdArray create(Shape shape) {
    if (shape.numDimensions() < 2) {
      throw new IllegalArgumentException("The Orthogonal initializer needs a shape of rank 2 or"
          + " more, got " + shape);
    }
    int cols = Math.toIntExact(shape.get(shape.numDimensions() - 1));
    int rows = Math.toIntExact(shape.size() / cols);
    // Orthonormalize the k columns of the tall (n x k) normal matrix; a wide weight is Q^T.
    int n = Math.max(rows, cols);
    int k = Math.min(rows, cols);
    FloatNdArray a = now(() -> normal(Shape.of(n, k), 0, 1));
    double[][] q = new double[k][n];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        q[j][i] = a.getFloat(i, j);
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
        out[r * cols + c] = (float) (gain * (rows >= cols ? q[c][r] : q[r][c]));
      }
    }
    return NdArrays.wrap(shape, DataBuffers.of(out, false, false));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("gain", gain);
    return serialized("Orthogonal", config);
  }
}
