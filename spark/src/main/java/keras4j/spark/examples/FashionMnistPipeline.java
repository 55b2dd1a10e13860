package keras4j.spark.examples;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;

import java.util.ArrayList;
import java.util.List;
import keras4j.datasets.FashionMnist;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.spark.KerasEstimator;
import keras4j.utils.RandomSeed;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * A Spark ML pipeline on Fashion-MNIST rows as a user would have them: each image a {@code
 * pixels} vector of its 784 raw grey levels (0 to 255) and its {@code category} by name. {@code
 * StringIndexer} turns the names into class indices, {@code StandardScaler} standardises every
 * pixel, {@link KerasEstimator} trains an MLP (784 → 128 → 10, Adam) on them data-parallel, and
 * the fitted pipeline scores the 10,000 test rows; the test accuracy is printed.
 *
 * <p>The images come from {@link FashionMnist} (Debian's {@code dataset-fashion-mnist}). The
 * pom's {@code exec:exec} starts it with the JVM options Spark needs on Java 17: {@code cd spark
 * && mvn -q compile exec:exec -Dexample=FashionMnistPipeline}.
 */
public final class FashionMnistPipeline {
  /** Keras's names of the 10 classes, by class index. */
  private static final List<String> CATEGORIES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnistPipeline() {}

  /**
   * Trains, scores and prints the test accuracy.
   *
   * @param args {@code master=local[2] rows=60000 rounds=5 localEpochs=1 batchSize=64
   *     partitions=2}, each optional
   */
  public static void main(String[] args) {
    int rows = Integer.parseInt(BreastCancerPipeline.arg(args, "rows", "60000"));
    int rounds = Integer.parseInt(BreastCancerPipeline.arg(args, "rounds", "5"));
    int localEpochs = Integer.parseInt(BreastCancerPipeline.arg(args, "localEpochs", "1"));
    int batch = Integer.parseInt(BreastCancerPipeline.arg(args, "batchSize", "64"));
    int partitions = Integer.parseInt(BreastCancerPipeline.arg(args, "partitions", "2"));
    SparkSession spark = SparkSession.builder().appName("keras4j FashionMnistPipeline")
        .master(BreastCancerPipeline.arg(args, "master", "local[2]"))
        .config("spark.ui.enabled", "false").getOrCreate();
    try (Sequential model = new Sequential()) {
      var data = FashionMnist.loadData();
      Dataset<Row> train = frame(spark, data.xTrain(), data.yTrain(), rows, partitions).cache();
      Dataset<Row> test = frame(spark, data.xTest(), data.yTest(),
          Math.toIntExact(data.yTest().size()), partitions).cache();
      RandomSeed.set(15);
      model.add(new Dense(128, activation("relu"), inputShape(28 * 28)));
      model.add(new Dense(10, activation("softmax")));
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setFeaturesCol("scaled").setLabelCol("label").setPredictionCol("probabilities")
          .setRounds(rounds).setLocalEpochs(localEpochs).setBatchSize(batch);
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new StringIndexer().setInputCol("category").setOutputCol("label"),
          new StandardScaler().setInputCol("pixels").setOutputCol("scaled")
              .setWithMean(true).setWithStd(true),
          estimator});
      long start = System.nanoTime();
      PipelineModel fitted = pipeline.fit(train);
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      List<Double> losses = estimator.history().get("loss");
      System.out.printf("trained %d rows on %d partitions: %d rounds x %d local epochs in %.1f s;"
          + " loss %.4f -> %.4f%n", rows, partitions, rounds, localEpochs, trainSeconds,
          losses.get(0), losses.get(losses.size() - 1));
      start = System.nanoTime();
      List<Row> scored = fitted.transform(test).select("probabilities", "label").collectAsList();
      double scoreSeconds = (System.nanoTime() - start) / 1e9;
      int correct = 0;
      for (Row row : scored) {
        correct += argmax(row.getList(0)) == (int) row.getDouble(1) ? 1 : 0;
      }
      System.out.printf("test accuracy: %.4f (%d of %d rows, scored in %.1f s)%n",
          (double) correct / scored.size(), correct, scored.size(), scoreSeconds);
    } finally {
      spark.stop();
    }
  }

  /**
   * The first {@code count} images as rows of {@code pixels} (a vector of the 784 grey levels,
   * row-major) and {@code category} (the class's name), in {@code partitions} partitions.
   *
   * @throws IllegalArgumentException if {@code count} is not in 1..n, the images available
   */
  private static Dataset<Row> frame(SparkSession spark, ByteNdArray images, IntNdArray labels,
      int count, int partitions) {
    if (count < 1 || count > labels.size()) {
      throw new IllegalArgumentException(
          "rows=" + count + " is not in 1.." + labels.size() + ", the images available");
    }
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double[] pixels = new double[28 * 28];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = Byte.toUnsignedInt(images.getByte(i, p / 28, p % 28));
      }
      rows.add(RowFactory.create(Vectors.dense(pixels), CATEGORIES.get(labels.getInt(i))));
    }
    StructType schema = new StructType().add("pixels", SQLDataTypes.VectorType(), false)
        .add("category", DataTypes.StringType, false);
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema);
  }

  /** The index of the largest score. */
  private static int argmax(List<Float> scores) {
    int best = 0;
    for (int c = 1; c < scores.size(); c++) {
      if (scores.get(c) > scores.get(best)) {
        best = c;
      }
    }
    return best;
  }
}
