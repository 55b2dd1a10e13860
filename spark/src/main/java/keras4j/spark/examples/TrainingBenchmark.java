package keras4j.spark.examples;

import static keras4j.Keras.activation;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.verbose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import keras4j.datasets.FashionMnist;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.spark.KerasEstimator;
import keras4j.utils.RandomSeed;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training throughput of {@link KerasEstimator} against single-machine {@code fit} (not a test),
 * in one run: an MLP of 784 → 128 → 10 (Adam) trains on {@code rows} Fashion-MNIST images for
 * {@code epochs} epochs of {@code batchSize} rows, first data-parallel ({@code epochs} rounds of
 * one local epoch on {@code partitions} partitions), then with {@code fit} in the driver from the
 * same initial weights; it prints each one's samples/s (rows × epochs over the wall time of
 * {@code fit}). The rows come from a Parquet file, as a user's would, cached before timing; the
 * Estimator's time includes its per-round broadcasts, model loads and averaging.
 */
public final class TrainingBenchmark {
  private TrainingBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code master=local[2] rows=20000 epochs=3 batchSize=64 partitions=2}, each
   *     optional
   * @throws UncheckedIOException if the temporary Parquet directory cannot be made or deleted
   */
  public static void main(String[] args) {
    String master = BreastCancerPipeline.arg(args, "master", "local[2]");
    int rows = Integer.parseInt(BreastCancerPipeline.arg(args, "rows", "20000"));
    int epochs = Integer.parseInt(BreastCancerPipeline.arg(args, "epochs", "3"));
    int batch = Integer.parseInt(BreastCancerPipeline.arg(args, "batchSize", "64"));
    int partitions = Integer.parseInt(BreastCancerPipeline.arg(args, "partitions", "2"));
    var data = FashionMnist.loadData();
    FashionMnistRows train = FashionMnistRows.first(data.xTrain(), data.yTrain(), rows);
    SparkSession spark = SparkSession.builder().appName("keras4j TrainingBenchmark")
        .master(master).config("spark.ui.enabled", "false").getOrCreate();
    Path dir = null;
    try (Sequential model = new Sequential()) {
      dir = Files.createTempDirectory("keras4j-training-benchmark");
      String parquet = dir.resolve("rows.parquet").toString();
      train.frame(spark, partitions).write().parquet(parquet);
      Dataset<Row> frame = spark.read().parquet(parquet).repartition(partitions).cache();
      frame.count();
      RandomSeed.set(1);
      model.add(new Dense(128, activation("relu"), inputShape(FashionMnistRows.PIXELS)));
      model.add(new Dense(10, activation("softmax")));
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setRounds(epochs).setLocalEpochs(1).setBatchSize(batch);
      long start = System.nanoTime();
      estimator.fit(frame);
      double sparkRate = report(master + " KerasEstimator (" + partitions + " partitions)",
          start, rows, epochs, estimator.history().get("loss").get(epochs - 1));
      start = System.nanoTime();
      double fitLoss = model.fit(train.x(), train.y(), epochs(epochs), batchSize(batch),
          verbose(0)).history().get("loss").get(epochs - 1);
      double fitRate = report("single-machine fit", start, rows, epochs, fitLoss);
      System.out.printf("KerasEstimator / fit: %.2fx (%d rows, %d epochs, batch %d)%n",
          sparkRate / fitRate, rows, epochs, batch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      spark.stop();
      delete(dir);
    }
  }

  /** Deletes {@code dir} and everything under it, if it was made. */
  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prints and returns the samples/s of a training that started at {@code start}. */
  private static double report(String what, long start, int rows, int epochs, double loss) {
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = (double) rows * epochs / seconds;
    System.out.printf("%s: %.1f s, %.0f samples/s, last loss %.4f%n", what, seconds, rate, loss);
    return rate;
  }
}
