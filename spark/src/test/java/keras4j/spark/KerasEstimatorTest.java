package keras4j.spark;

import static keras4j.Keras.activation;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.validationData;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import keras4j.callbacks.Callback;
import keras4j.datasets.BreastCancer;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  /** {@code n} rows of 3 standard-normal features. */
  private static float[][] gaussianRows(int n, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][3];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  /** A linearly separable 0/1 label per row of {@link #gaussianRows}. */
  private static float[] linearLabels(float[][] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] - 0.5f * x[i][2] > 0 ? 1 : 0;
    }
    return y;
  }

  @Test
  void sgdRoundsOfOneBatchPerPartitionAreFullBatchSteps() {
    RandomSeed.set(21);
    float[][] x = gaussianRows(40, 21);
    float[] y = linearLabels(x);
    float[][] xVal = gaussianRows(30, 22);
    float[] yVal = linearLabels(xVal);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer(new SGD(0.5)), loss("binary_crossentropy"), metrics("accuracy"));
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
          .setRounds(3).setLocalEpochs(1).setBatchSize(20).setCallbacks(recorder)
          .setValidationData(frame(xVal, yVal, 3));
      KerasModelTransformer fitted = estimator.fit(frame(x, y, 2));
      Map<String, List<Double>> history = estimator.history();
      assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"),
          List.copyOf(history.keySet()));
      assertEquals(3, history.get("loss").size());
      // The driver's callback saw each round once, with the averaged logs history keeps.
      assertEquals(List.of(0, 1, 2), rounds);
      assertEquals(history.get("loss"), roundLosses);
      try (Model distributed = ModelBytes.load(fitted.getModelBytes())) {
        // Two partitions of 20 rows: the average of their one-batch SGD steps is one step on
        // the mean gradient of all 40 rows, so single-machine full-batch fit is the reference,
        // its validation logs too (the averaged model on 3 partitions of validation rows).
        Map<String, List<Double>> single = model.fit(x, y, epochs(3), batchSize(40),
            shuffle(false), verbose(0), validationData(xVal, yVal)).history();
        for (int w = 0; w < model.getWeights().size(); w++) {
          float[] expected = ModelBytes.flatten(model.getWeights()).get(w);
          float[] actual = ModelBytes.flatten(distributed.getWeights()).get(w);
          assertArrayEquals(expected, actual, 1e-6f, "weight " + w);
        }
        for (String name : List.of("val_loss", "val_accuracy")) {
          for (int round = 0; round < 3; round++) {
            assertEquals(single.get(name).get(round), history.get(name).get(round), 1e-5,
                name + " of round " + round);
          }
        }
      }
    }
  }

  @Test
  void adamRestartsFromTheLoadedStateEveryRoundOnACopyLoadedOnce() {
    RandomSeed.set(23);
    float[][] x = gaussianRows(40, 23);
    float[] y = linearLabels(x);
    double lr = 0.1;
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer(new Adam(lr)), loss("binary_crossentropy"));
      // By hand: one partition, one batch, so each round is Adam's first step from a fresh
      // state, lr * g / (|g| + eps / sqrt(1 - beta2)), on the full-batch gradient of the mean
      // binary cross-entropy of a sigmoid, (p - y) x. An Adam state carried over from the
      // previous round would take other steps, as the gradient changes between rounds.
      double[] w = new double[4]; // the kernel's 3 weights, then the bias
      for (int j = 0; j < 3; j++) {
        w[j] = model.getWeights().get(0).getFloat(j, 0);
      }
      w[3] = model.getWeights().get(1).getFloat(0);
      int rounds = 3;
      for (int round = 0; round < rounds; round++) {
        double[] g = new double[4];
        for (int i = 0; i < x.length; i++) {
          double z = w[3];
          for (int j = 0; j < 3; j++) {
            z += x[i][j] * w[j];
          }
          double error = 1 / (1 + Math.exp(-z)) - y[i];
          for (int j = 0; j < 3; j++) {
            g[j] += error * x[i][j] / x.length;
          }
          g[3] += error / x.length;
        }
        for (int j = 0; j < 4; j++) {
          w[j] -= lr * g[j] / (Math.abs(g[j]) + 1e-7 / Math.sqrt(1 - 0.999));
        }
      }
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setRounds(rounds).setLocalEpochs(1).setBatchSize(x.length);
      int loads = ExecutorModels.trainingLoads();
      List<float[]> first = fittedWeights(estimator.fit(frame(x, y, 1)));
      assertEquals(1, ExecutorModels.trainingLoads() - loads,
          "one task a round: the executor loads its training copy once for the 3 rounds");
      float[] kernel = first.get(0);
      for (int j = 0; j < 3; j++) {
        assertEquals(w[j], kernel[j], 1e-5, "kernel " + j);
      }
      assertEquals(w[3], first.get(1)[0], 1e-5, "bias");
      // Fitting again reuses that copy, and gives the same weights bit for bit.
      List<float[]> again = fittedWeights(estimator.fit(frame(x, y, 1)));
      assertEquals(1, ExecutorModels.trainingLoads() - loads, "the second fit loaded no copy");
      for (int v = 0; v < first.size(); v++) {
        assertArrayEquals(first.get(v), again.get(v), 0f, "weight " + v);
      }
    }
  }

  private static List<float[]> fittedWeights(KerasModelTransformer fitted) {
    try (Model model = ModelBytes.load(fitted.getModelBytes())) {
      return ModelBytes.flatten(model.getWeights());
    }
  }

  /** Rows of (features as array<double> that may hold nulls, label as a nullable long). */
  private static Dataset<Row> nullableFrame(List<List<Double>> x, List<Long> y) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      rows.add(RowFactory.create(x.get(i), y.get(i)));
    }
    StructType schema = new StructType()
        .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true))
        .add("label", DataTypes.LongType, true);
    return SparkTests.session().createDataFrame(rows, schema).repartition(1);
  }

  @Test
  void arraysOfDoublesAndLongLabelsTrainAsVectorsOrFailNamingTheBadRow() {
    float[][] x = gaussianRows(40, 41);
    float[] y = linearLabels(x);
    List<List<Double>> doubles = new ArrayList<>();
    List<Long> longs = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      doubles.add(new ArrayList<>(List.of((double) x[i][0], (double) x[i][1], (double) x[i][2])));
      longs.add((long) y[i]);
    }
    RandomSeed.set(41);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer("adam"), loss("binary_crossentropy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setRounds(2).setLocalEpochs(2).setBatchSize(8);
      // The same values as vectors and double labels: the same weights, bit for bit.
      List<float[]> expected = fittedWeights(estimator.fit(frame(x, y, 1)));
      List<float[]> actual = fittedWeights(estimator.fit(nullableFrame(doubles, longs)));
      for (int v = 0; v < expected.size(); v++) {
        assertArrayEquals(expected.get(v), actual.get(v), 0f, "weight " + v);
      }
      String shape = " in a row; the model expects 3 values per row (input shape (None, 3))";
      doubles.get(7).set(1, null);
      assertFitFails(estimator, nullableFrame(doubles, longs),
          "column 'features' holds a null at position 1" + shape);
      doubles.set(7, null);
      assertFitFails(estimator, nullableFrame(doubles, longs), "column 'features' is null" + shape);
      doubles.set(7, List.of(1.0, 2.0));
      assertFitFails(estimator, nullableFrame(doubles, longs),
          "column 'features' has 2 values" + shape);
      doubles.set(7, List.of(1.0, 2.0, 3.0));
      longs.set(3, null);
      assertFitFails(estimator, nullableFrame(doubles, longs), "label column 'label' is null in"
          + " a row; every training and validation row needs a label");
    }
  }

  /** Fitting {@code rows} fails in its task with {@code message}. */
  private static void assertFitFails(KerasEstimator estimator, Dataset<Row> rows, String message) {
    String actual = assertThrows(SparkException.class, () -> estimator.fit(rows)).getMessage();
    assertTrue(actual.contains(message), actual);
  }

  @Test
  void validationIndicatorColSplitsTheRowsAsSeparateValidationData() {
    float[][] x = gaussianRows(40, 31);
    float[][] xVal = gaussianRows(30, 32);
    Dataset<Row> train = frame(x, linearLabels(x), 2);
    Dataset<Row> validation = frame(xVal, linearLabels(xVal), 3);
    RandomSeed.set(31);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      KerasEstimator separate = new KerasEstimator().setModel(model)
          .setRounds(2).setLocalEpochs(2).setBatchSize(8).setValidationData(validation);
      KerasEstimator flagged = new KerasEstimator().setModel(model)
          .setRounds(2).setLocalEpochs(2).setBatchSize(8).setValidationIndicatorCol("isVal");
      // The same partitions once the flag has split them (the other side's come out empty).
      Dataset<Row> both = train.withColumn("isVal", functions.lit(false))
          .union(validation.withColumn("isVal", functions.lit(true)));
      try (Model expected = ModelBytes.load(separate.fit(train).getModelBytes());
          Model actual = ModelBytes.load(flagged.fit(both).getModelBytes())) {
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"),
            List.copyOf(flagged.history().keySet()));
        assertEquals(separate.history(), flagged.history());
        for (int w = 0; w < expected.getWeights().size(); w++) {
          assertArrayEquals(ModelBytes.flatten(expected.getWeights()).get(w),
              ModelBytes.flatten(actual.getWeights()).get(w), "weight " + w);
        }
      }
      IllegalArgumentException notBoolean = assertThrows(IllegalArgumentException.class,
          () -> flagged.fit(train.withColumn("isVal", functions.lit(1))));
      assertEquals("validation indicator column 'isVal' is int; it must be boolean (true for"
          + " validation rows)", notBoolean.getMessage());
      IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
          () -> flagged.fit(train.withColumn("isVal", functions.lit(false))));
      assertEquals("the validation DataFrame has no rows where 'isVal' is true",
          none.getMessage());
      IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
          () -> flagged.copy(new ParamMap()).setValidationData(validation).fit(both));
      assertEquals("both validationIndicatorCol 'isVal' and validation data are set; give the"
          + " validation rows one way only", twice.getMessage());
    }
  }

  @Test
  void savesAndLoadsWithItsParametersAndInitialModel(@TempDir Path dir) throws IOException {
    RandomSeed.set(5);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(2, activation("softmax"), inputShape(4)));
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setFeaturesCol("scaled").setLabelCol("y").setPredictionCol("p")
          .setRounds(4).setLocalEpochs(3).setBatchSize(16).setValidationIndicatorCol("isVal");
      String path = dir.resolve("estimator").toString();
      SparkTests.session(); // MLWriter needs an active session; this test may run first
      estimator.write().save(path);
      assertSameStage(estimator, KerasEstimator.load(path));
      // Unfitted, inside a Pipeline with Spark's own stages: Spark's reader finds read().
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new StandardScaler().setInputCol("features").setOutputCol("scaled"), estimator});
      String pipelinePath = dir.resolve("pipeline").toString();
      pipeline.write().save(pipelinePath);
      PipelineStage[] stages = Pipeline.load(pipelinePath).getStages();
      assertSameStage(estimator, assertInstanceOf(KerasEstimator.class, stages[1]));
    }
  }

  @Test
  void validationDataWithoutTheLabelColumnIsRefusedNamingIt() {
    float[][] x = gaussianRows(8, 3);
    try (Sequential model = new Sequential()) {
      model.add(new Dense(1, activation("sigmoid"), inputShape(3)));
      model.compile(optimizer("sgd"), loss("binary_crossentropy"));
      KerasEstimator estimator = new KerasEstimator().setModel(model).setRounds(1)
          .setValidationData(frame(x, linearLabels(x), 1).drop("label"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> estimator.fit(frame(x, linearLabels(x), 1)));
      assertEquals("column 'label' is not in the validation DataFrame; its columns are"
          + " [features]", e.getMessage());
    }
  }

  private static void assertSameStage(KerasEstimator expected, KerasEstimator actual) {
    assertEquals(expected.uid(), actual.uid());
    for (var param : expected.params()) {
      // An Option: validationIndicatorCol has no default, and is saved only when set.
      assertEquals(expected.extractParamMap().get(param), actual.extractParamMap().get(param),
          param.name());
    }
    assertArrayEquals(expected.getModelBytes(), actual.getModelBytes());
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
