package keras4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' one local Spark: two worker threads in this JVM, on loopback, no UI; a failed task is
 * tried up to 3 times ({@code local[2,3]}), as on a cluster, so that retries can be tested.
 */
final class SparkTests {
  private static SparkSession spark;

  private SparkTests() {}

  static synchronized SparkSession session() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[2,3]")
          .appName("keras4j-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .getOrCreate();
    }
    return spark;
  }
}
