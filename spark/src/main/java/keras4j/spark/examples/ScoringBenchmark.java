package keras4j.spark.examples;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;

import java.util.Arrays;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.spark.KerasModelTransformer;
import keras4j.utils.RandomSeed;
import keras4j.utils.Threading;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scoring throughput of {@link KerasModelTransformer} (not a test): an MLP of 64 → 256 → 256 → 10
 * scores {@code rows} cached rows in {@code partitions} partitions, {@code batchSize} rows a
 * TensorFlow run, into Spark's {@code noop} sink; after a warm-up run it prints the rows/s of
 * each timed run and their median. Run it once per master ({@code master=local[1]}, then {@code
 * local[2]}), each in a JVM of its own: TensorFlow sizes its thread pools once per process.
 */
public final class ScoringBenchmark {
  private ScoringBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code master=local[2] rows=200000 partitions=4 batchSize=256 runs=3
   *     intraOp=1}, each optional; {@code intraOp} sizes TensorFlow's intra-op pool (0: TF's
   *     default, every core)
   */
  public static void main(String[] args) {
    String master = BreastCancerPipeline.arg(args, "master", "local[2]");
    long rows = Long.parseLong(BreastCancerPipeline.arg(args, "rows", "200000"));
    int partitions = Integer.parseInt(BreastCancerPipeline.arg(args, "partitions", "4"));
    int batchSize = Integer.parseInt(BreastCancerPipeline.arg(args, "batchSize", "256"));
    int runs = Integer.parseInt(BreastCancerPipeline.arg(args, "runs", "3"));
    // In local mode the driver is the executor: the model built below would size TensorFlow's
    // pool to every core before any task could size it to its spark.task.cpus (1), as each
    // executor JVM of a cluster does. Size it as an executor would.
    Threading.setIntraOpParallelismThreads(
        Integer.parseInt(BreastCancerPipeline.arg(args, "intraOp", "1")));
    SparkSession spark = SparkSession.builder().appName("keras4j ScoringBenchmark")
        .master(master).config("spark.ui.enabled", "false").getOrCreate();
    try (Sequential model = new Sequential()) {
      RandomSeed.set(1);
      model.add(new Dense(256, activation("relu"), inputShape(64)));
      model.add(new Dense(256, activation("relu")));
      model.add(new Dense(10, activation("softmax")));
      // Deterministic features made by Spark itself, cached so that only scoring is timed.
      Dataset<Row> input = spark.range(0, rows, 1, partitions).selectExpr(
          "id", "transform(sequence(1, 64), i -> cast(sin(id * i) as float)) as features").cache();
      input.count();
      KerasModelTransformer scorer = new KerasModelTransformer().setModel(model)
          .setInputCol("features").setOutputCol("scores").setBatchSize(batchSize);
      double[] rates = new double[runs];
      for (int run = -1; run < runs; run++) {
        long start = System.nanoTime();
        scorer.transform(input).write().format("noop").mode("overwrite").save();
        double rate = rows / ((System.nanoTime() - start) / 1e9);
        if (run >= 0) {
          rates[run] = rate;
        }
        System.out.printf("%s %s: %.0f rows/s%n", master, run < 0 ? "warm-up" : "run " + run, rate);
      }
      Arrays.sort(rates);
      System.out.printf("%s median: %.0f rows/s (%d rows, %d partitions, batch %d)%n",
          master, rates[runs / 2], rows, partitions, batchSize);
    } finally {
      spark.stop();
    }
  }
}
