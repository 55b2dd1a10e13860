package keras4j.spark.examples;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The first rows of {@link keras4j.datasets.FashionMnist}'s images and labels as plain Java
 * arrays (for single-machine {@code fit}) and as a DataFrame of the same rows: {@code features}
 * ({@code array<float>}, the 784 pixels in row-major order scaled to [0, 1]) and {@code label}
 * (double, the class 0..9).
 */
public final class FashionMnistRows {
  /** Pixels per image, 28 x 28. */
  public static final int PIXELS = 28 * 28;

  private final float[][] x;
  private final float[] y;

  private FashionMnistRows(float[][] x, float[] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * Reads the first {@code count} images and labels.
   *
   * @param images images of shape (n, 28, 28), unsigned pixel bytes
   * @param labels classes of shape (n)
   * @param count how many rows to take, at most n
   * @return the rows
   * @throws IllegalArgumentException if {@code count} is not in 1..n
   */
  public static FashionMnistRows first(ByteNdArray images, IntNdArray labels, int count) {
    if (count < 1 || count > labels.size()) {
      throw new IllegalArgumentException(
          "count " + count + " is not in 1.." + labels.size() + ", the rows available");
    }
    float[][] x = new float[count][PIXELS];
    float[] y = new float[count];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < PIXELS; p++) {
        x[i][p] = Byte.toUnsignedInt(images.getByte(i, p / 28, p % 28)) / 255f;
      }
      y[i] = labels.getInt(i);
    }
    return new FashionMnistRows(x, y);
  }

  /** @return the pixels, one row per image (shared, not copied) */
  public float[][] x() {
    return x;
  }

  /** @return the classes as floats, as {@code fit} takes sparse labels (shared, not copied) */
  public float[] y() {
    return y;
  }

  /**
   * The rows as a DataFrame of ({@code features}, {@code label}), in order, sliced into
   * {@code partitions} partitions of consecutive rows.
   *
   * @param spark the session
   * @param partitions how many partitions
   * @return the DataFrame
   */
  public Dataset<Row> frame(SparkSession spark, int partitions) {
    List<Row> rows = new ArrayList<>(y.length);
    for (int i = 0; i < y.length; i++) {
      rows.add(RowFactory.create(x[i], (double) y[i]));
    }
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
        .add("label", DataTypes.DoubleType, false);
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema);
  }
}
