package keras4j.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.sql.catalyst.InternalRow;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A partition's (features, label) rows read into the arrays {@code fit} and {@code evaluate}
 * take: the features in the model input's shape, the labels one float per row. {@link
 * KerasEstimator} caches one per partition for all its rounds (serializable, for a cache that
 * spills to disk), so that rows are converted from a DataFrame's once.
 */
final class LabeledRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ModelInput features;
  private final float[] x;
  private final float[] y;

  private LabeledRows(ModelInput features, float[] x, float[] y) {
    this.features = features;
    this.x = x;
    this.y = y;
  }

  /**
   * Reads every row of (features, label): features through {@code features}, the label second,
   * a float.
   *
   * @throws IllegalArgumentException for invalid features or a null label, naming the column
   */
  static LabeledRows read(Iterator<InternalRow> rows, ModelInput features, String labelColumn) {
    int width = features.width();
    float[] flatX = new float[0];
    float[] flatY = new float[0];
    int count = 0;
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      if (count == flatY.length) {
        // Grows by half: one copy of the partition, not a list of rows beside it.
        int capacity = Math.max(16, count + (count >> 1));
        flatY = Arrays.copyOf(flatY, capacity);
        flatX = Arrays.copyOf(flatX, Math.multiplyExact(capacity, width));
      }
      features.read(row, flatX, count * width);
      if (row.isNullAt(1)) {
        throw new IllegalArgumentException("label column '" + labelColumn + "' is null in a row;"
            + " every training and validation row needs a label");
      }
      flatY[count++] = row.getFloat(1);
    }
    return new LabeledRows(features, Arrays.copyOf(flatX, count * width),
        Arrays.copyOf(flatY, count));
  }

  /** The same rows in an order drawn from {@code random} (Fisher-Yates). */
  LabeledRows shuffled(SplittableRandom random) {
    int width = features.width();
    float[] newX = x.clone();
    float[] newY = y.clone();
    float[] row = new float[width];
    for (int i = count() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float label = newY[i];
      newY[i] = newY[j];
      newY[j] = label;
      System.arraycopy(newX, i * width, row, 0, width);
      System.arraycopy(newX, j * width, newX, i * width, width);
      System.arraycopy(row, 0, newX, j * width, width);
    }
    return new LabeledRows(features, newX, newY);
  }

  /** @return how many rows were read */
  int count() {
    return y.length;
  }

  /** @return the features, batch first, in the model input's shape */
  FloatNdArray x() {
    return NdArrays.wrap(features.batchShape(count()), DataBuffers.of(x, true, false));
  }

  /** @return the labels, one per row */
  FloatNdArray y() {
    return NdArrays.wrap(Shape.of(count()), DataBuffers.of(y, true, false));
  }
}
