package keras4j.spark.examples;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * TensorFlow run, into Spark's {@code noop} sink. Each round starts a Spark session per master
 * in turn ({@code local[1]}, then {@code local[2]}), in this one JVM so that both share
 * TensorFlow's thread pools, sized once; a session caches the rows, scores them once to warm up,
 * then {@code runs} timed times. A first round, not counted, warms the JIT compiler up. Each run
 * prints its rows/s, the process's CPU time per row (all threads, TensorFlow's too), the cores
 * that time kept busy on average (CPU time / wall time: well below 2 for {@code local[2]} when
 * other processes hold a core, and above 1 for {@code local[1]} as the JIT compiler and the GC
 * work beside the task) and its GC time; the end prints each master's medians over the counted
 * rounds and the ratio of the rows/s medians, with the load average before and after.
 */
public final class ScoringBenchmark {
  private ScoringBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code masters=local[1],local[2] rows=1000000 partitions=4 batchSize=1024
   *     rounds=3 runs=3 intraOp=1}, each optional; {@code intraOp} sizes TensorFlow's intra-op
   *     pool (0: TF's default, every core)
   */
  public static void main(String[] args) {
    String[] masters = BreastCancerPipeline.arg(args, "masters", "local[1],local[2]").split(",");
    long rows = Long.parseLong(BreastCancerPipeline.arg(args, "rows", "1000000"));
    int partitions = Integer.parseInt(BreastCancerPipeline.arg(args, "partitions", "4"));
    int batchSize = Integer.parseInt(BreastCancerPipeline.arg(args, "batchSize", "1024"));
    int rounds = Integer.parseInt(BreastCancerPipeline.arg(args, "rounds", "3"));
    int runs = Integer.parseInt(BreastCancerPipeline.arg(args, "runs", "3"));
    // In local mode the driver is the executor: the model built below would size TensorFlow's
    // pool to every core before any task could size it to its spark.task.cpus (1), as each
    // executor JVM of a cluster does. Size it as an executor would.
    Threading.setIntraOpParallelismThreads(
        Integer.parseInt(BreastCancerPipeline.arg(args, "intraOp", "1")));
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    // Per master, per timed run: rows/s, CPU µs per row, cores busy.
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (Sequential model = new Sequential()) {
      RandomSeed.set(1);
      model.add(new Dense(256, activation("relu"), inputShape(64)));
      model.add(new Dense(256, activation("relu")));
      model.add(new Dense(10, activation("softmax")));
      KerasModelTransformer scorer = new KerasModelTransformer().setModel(model)
          .setInputCol("features").setOutputCol("scores").setBatchSize(batchSize);
      // Round 0 warms the JIT compiler up for both masters and is not counted: its runs would
      // favour whichever master ran later.
      for (int round = 0; round <= rounds; round++) {
        for (String master : masters) {
          List<double[]> runResults = results.computeIfAbsent(master, m -> new ArrayList<>());
          SparkSession spark = SparkSession.builder().appName("keras4j ScoringBenchmark")
              .master(master).config("spark.ui.enabled", "false").getOrCreate();
          try {
            // Deterministic features made by Spark itself, cached so that only scoring is timed.
            Dataset<Row> input = spark.range(0, rows, 1, partitions).selectExpr("id",
                "transform(sequence(1, 64), i -> cast(sin(id * i) as float)) as features").cache();
            input.count();
            for (int run = -1; run < runs; run++) {
              long cpu = processCpuNanos();
              long gc = gcMillis();
              long start = System.nanoTime();
              scorer.transform(input).write().format("noop").mode("overwrite").save();
              long wall = System.nanoTime() - start;
              cpu = processCpuNanos() - cpu;
              double[] result = {rows / (wall / 1e9), cpu / 1e3 / rows, (double) cpu / wall};
              if (round > 0 && run >= 0) {
                runResults.add(result);
              }
              System.out.printf(
                  "round %d %s %s: %.0f rows/s, CPU %.2f µs/row, %.2f cores busy, GC %d ms%n",
                  round, master, round == 0 || run < 0 ? "warm-up" : "run " + run, result[0],
                  result[1],
                  result[2], gcMillis() - gc);
            }
          } finally {
            spark.stop();
          }
        }
      }
    }
    System.out.printf("%d rows, %d partitions, batch %d, %d rounds of %d runs; load average"
        + " %.2f before, %.2f after%n", rows, partitions, batchSize, rounds, runs, loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    double first = 0;
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      double median = median(entry.getValue(), 0);
      first = first == 0 ? median : first;
      System.out.printf("%s median: %.0f rows/s (%.2f× %s), CPU %.2f µs/row, %.2f cores busy%n",
          entry.getKey(), median, median / first, masters[0], median(entry.getValue(), 1),
          median(entry.getValue(), 2));
    }
  }

  /** The median of field {@code field} of the runs' results. */
  private static double median(List<double[]> results, int field) {
    List<Double> sorted = results.stream().map(result -> result[field]).sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** CPU time of every thread of this process, TensorFlow's native ones too. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }
}
