package keras4j.spark.examples;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;

import java.util.ArrayList;
import java.util.List;
import keras4j.datasets.BreastCancer;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.spark.KerasEstimator;
import keras4j.utils.RandomSeed;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * A Spark ML pipeline around a keras4j model: the built-in breast-cancer data as rows of 30
 * numeric columns and a label, {@code VectorAssembler} → {@code StandardScaler} → {@link
 * KerasEstimator} (data-parallel training by parameter averaging), then the fitted pipeline
 * scores the held-out rows and the accuracy is printed.
 *
 * <p>The pom's {@code exec:exec} starts it with the JVM options Spark needs on Java 17.
 */
public final class BreastCancerPipeline {
  private static final int FEATURES = 30;

  private BreastCancerPipeline() {}

  /**
   * Trains, scores and prints the held-out accuracy.
   *
   * @param args {@code master=local[2] rounds=10 localEpochs=2 partitions=2}, each optional
   */
  public static void main(String[] args) {
    int rounds = Integer.parseInt(arg(args, "rounds", "10"));
    int localEpochs = Integer.parseInt(arg(args, "localEpochs", "2"));
    int partitions = Integer.parseInt(arg(args, "partitions", "2"));
    SparkSession spark = SparkSession.builder().appName("keras4j BreastCancerPipeline")
        .master(arg(args, "master", "local[2]"))
        .config("spark.ui.enabled", "false").getOrCreate();
    try (Sequential model = new Sequential()) {
      var data = BreastCancer.loadData();
      Dataset<Row> train = frame(spark, data.xTrain(), data.yTrain(), partitions);
      Dataset<Row> test = frame(spark, data.xTest(), data.yTest(), partitions);
      RandomSeed.set(42);
      model.add(new Dense(16, activation("relu"), inputShape(FEATURES)));
      model.add(new Dense(1, activation("sigmoid")));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setFeaturesCol("scaled").setLabelCol("label").setPredictionCol("probability")
          .setRounds(rounds).setLocalEpochs(localEpochs).setBatchSize(32);
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new VectorAssembler().setInputCols(columnNames()).setOutputCol("features"),
          new StandardScaler().setInputCol("features").setOutputCol("scaled")
              .setWithMean(true).setWithStd(true),
          estimator});
      long start = System.nanoTime();
      PipelineModel fitted = pipeline.fit(train);
      double seconds = (System.nanoTime() - start) / 1e9;
      List<Double> losses = estimator.history().get("loss");
      System.out.printf("trained %d rows on %d partitions: %d rounds x %d local epochs in %.1f s;"
          + " loss %.4f -> %.4f%n", train.count(), partitions, rounds, localEpochs, seconds,
          losses.get(0), losses.get(losses.size() - 1));
      List<Row> scored = fitted.transform(test).select("probability", "label").collectAsList();
      int correct = 0;
      for (Row row : scored) {
        int predicted = (Float) row.getList(0).get(0) > 0.5f ? 1 : 0;
        correct += predicted == (int) row.getDouble(1) ? 1 : 0;
      }
      System.out.printf("held-out accuracy: %.4f (%d of %d rows)%n",
          (double) correct / scored.size(), correct, scored.size());
    } finally {
      spark.stop();
    }
  }

  /** Rows of columns {@code f0..f29} (double) and {@code label} (double 0/1), in partitions. */
  private static Dataset<Row> frame(
      SparkSession spark, FloatNdArray x, IntNdArray y, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < y.size(); i++) {
      Object[] fields = new Object[FEATURES + 1];
      for (int j = 0; j < FEATURES; j++) {
        fields[j] = (double) x.getFloat(i, j);
      }
      fields[FEATURES] = (double) y.getInt(i);
      rows.add(RowFactory.create(fields));
    }
    StructType schema = new StructType();
    for (String name : columnNames()) {
      schema = schema.add(name, DataTypes.DoubleType);
    }
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema.add("label", DataTypes.DoubleType));
  }

  private static String[] columnNames() {
    String[] names = new String[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "f" + j;
    }
    return names;
  }

  /** The value of {@code name=value} among {@code args}, else {@code fallback}. */
  static String arg(String[] args, String name, String fallback) {
    for (String arg : args) {
      if (arg.startsWith(name + "=")) {
        return arg.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
