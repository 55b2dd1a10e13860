package keras4j.spark;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame's rows as Spark holds them ({@link InternalRow}: arrays of primitives, vectors as
 * VectorUDT's struct), and a DataFrame made of such rows. Scoring and training read rows this
 * way rather than as {@link Row}s, which box every array element and convert each row into
 * objects and back: that conversion cost more than the model's run.
 *
 * <p>Only a classic session's batch DataFrames have such rows to give: a streaming DataFrame or
 * a Spark Connect client's is refused, naming what to do instead.
 */
final class InternalRows {
  private InternalRows() {}

  /**
   * The rows of {@code dataset}, in its schema's column order. The iterators of the returned
   * RDD may reuse one row object: {@link InternalRow#copy()} a row to keep it past the next.
   *
   * @param stage the stage reading them, for error messages
   * @throws IllegalArgumentException for a streaming DataFrame or a Spark Connect one
   */
  static JavaRDD<InternalRow> of(Dataset<?> dataset, String stage) {
    if (dataset.isStreaming()) {
      throw new IllegalArgumentException(stage + " cannot read a streaming DataFrame; apply it to"
          + " each micro-batch instead, in writeStream().foreachBatch((batch, id) -> ...)");
    }
    if (!(dataset instanceof org.apache.spark.sql.classic.Dataset<?> classic)) {
      throw new IllegalArgumentException(stage + " needs a DataFrame of a classic Spark session,"
          + " not " + dataset.getClass().getName() + " (Spark Connect): run it in the Spark"
          + " application, where the executors can load the model");
    }
    return classic.queryExecution().toRdd().toJavaRDD();
  }

  /**
   * The DataFrame of {@code dataset}'s rows mapped partition by partition through {@code
   * function}, whose rows have {@code schema}.
   *
   * @param stage the stage mapping them, for error messages
   * @throws IllegalArgumentException for a streaming DataFrame or a Spark Connect one
   */
  static Dataset<Row> mapPartitions(Dataset<?> dataset, String stage,
      FlatMapFunction<Iterator<InternalRow>, InternalRow> function, StructType schema) {
    JavaRDD<InternalRow> rows = of(dataset, stage).mapPartitions(function);
    return ((org.apache.spark.sql.classic.SparkSession) dataset.sparkSession())
        .internalCreateDataFrame(rows.rdd(), schema, false);
  }
}
