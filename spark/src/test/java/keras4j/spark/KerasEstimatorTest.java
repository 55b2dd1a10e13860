package keras4j.spark;

import static keras4j.Keras.activation;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import keras4j.callbacks.Callback;
import keras4j.datasets.BreastCancer;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.StdArrays;

class KerasEstimatorTest {
  /** (features vector, label double) rows in {@code partitions} slices, in order. */
  private static Dataset<Row> frame(float[][] x, float[] y, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      double[] features = new double[x[i].length];
      for (int j = 0; j < features.length; j++) {
        features[j] = x[i][j];
      }
      rows.add(RowFactory.create(Vectors.dense(features), (double) y[i]));
    }
    StructType schema = new StructType()
        .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
    SparkSession spark = SparkTests.session();
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
        schema);
  }

  @Test
  void sgdRoundsOfOneBatchPerPartitionAreFullBatchSteps() {
    RandomSeed.set(21);
    Random random = new Random(21);
    float[][] x = new float[40][3];
    float[] y = new float[40];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) random.nextGaussian();
      }
      y[i] = x[i][0] - 0.5f * x[i][2] > 0 ? 1 : 0;
    }
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer(new SGD(0.5)), loss("binary_crossentropy"));
      List<Integer> rounds = new ArrayList<>();
      List<Double> roundLosses = new ArrayList<>();
      Callback recorder = new Callback() {
        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          rounds.add(epoch);
          roundLosses.add(logs.get("loss"));
        }
      };
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setRounds(3).setLocalEpochs(1).setBatchSize(20).setCallbacks(recorder);
      KerasModelTransformer fitted = estimator.fit(frame(x, y, 2));
      assertEquals(3, estimator.history().get("loss").size());
      // The driver's callback saw each round once, with the averaged logs history keeps.
      assertEquals(List.of(0, 1, 2), rounds);
      assertEquals(estimator.history().get("loss"), roundLosses);
      try (Model distributed = ModelBytes.load(fitted.getModelBytes())) {
        // Two partitions of 20 rows: the average of their one-batch SGD steps is one step on
        // the mean gradient of all 40 rows.
        model.fit(x, y, epochs(3), batchSize(40), shuffle(false), verbose(0));
        for (int w = 0; w < model.getWeights().size(); w++) {
          float[] expected = ModelBytes.flatten(model.getWeights()).get(w);
          float[] actual = ModelBytes.flatten(distributed.getWeights()).get(w);
          assertArrayEquals(expected, actual, 1e-6f, "weight " + w);
        }
      }
    }
  }

  @Test
  void trainsBreastCancerInAPipelineAfterStandardScaler() {
    var data = BreastCancer.loadData();
    float[][] xTrain = StdArrays.array2dCopyOf(data.xTrain());
    float[][] xTest = StdArrays.array2dCopyOf(data.xTest());
    float[] yTrain = labels(data.yTrain());
    float[] yTest = labels(data.yTest());
    RandomSeed.set(42);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(16, activation("relu"), inputShape(30)));
      model.add(new Dense(1, activation("sigmoid")));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setFeaturesCol("scaled").setRounds(10).setLocalEpochs(2).setBatchSize(32);
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new StandardScaler().setInputCol("features").setOutputCol("scaled")
              .setWithMean(true).setWithStd(true),
          estimator});
      PipelineModel fitted = pipeline.fit(frame(xTrain, yTrain, 2));
      List<Row> scored = fitted.transform(frame(xTest, yTest, 2))
          .select("prediction", "label").collectAsList();
      int correct = 0;
      for (Row row : scored) {
        float p = (Float) row.getList(0).get(0);
        correct += (p > 0.5f ? 1 : 0) == (int) row.getDouble(1) ? 1 : 0;
      }
      double accuracy = (double) correct / scored.size();
      List<Double> losses = estimator.history().get("loss");
      assertEquals(10, losses.size());
      assertTrue(losses.get(9) < losses.get(0), "loss by round " + losses);
      assertTrue(accuracy >= 0.93, "test accuracy " + accuracy);
    }
  }

  private static float[] labels(IntNdArray y) {
    float[] out = new float[Math.toIntExact(y.size())];
    for (int i = 0; i < out.length; i++) {
      out[i] = y.getInt(i);
    }
    return out;
  }
}
