package keras4j.spark;

import static keras4j.Keras.activation;
import static keras4j.Keras.batchSize;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.StdArrays;

class KerasModelTransformerTest {
  private static final int ROWS = 50;
  private static final int FEATURES = 3;

  @TempDir Path tmp;

  /** A 3-4-2 MLP with seeded random weights; {@code seed} tells models apart (their ids). */
  private static Model mlp(long seed) {
    RandomSeed.set(seed);
    Sequential model = new Sequential();
    model.add(new Dense(4, activation("relu"), inputShape(FEATURES)));
    model.add(new Dense(2, activation("tanh")));
    return model;
  }

  private static float[][] samples(long seed) {
    Random random = new Random(seed);
    float[][] x = new float[ROWS][FEATURES];
    for (float[] row : x) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  /** Rows (id, features) in 4 partitions, features as {@code type}. */
  private static Dataset<Row> frame(float[][] x, DataType type) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      rows.add(RowFactory.create(i, column(x[i], type)));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("features", type, true, Metadata.empty())});
    SparkSession spark = SparkTests.session();
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4), schema);
  }

  private static Object column(float[] values, DataType type) {
    if (values == null || type.equals(DataTypes.createArrayType(DataTypes.FloatType))) {
      return values;
    }
    double[] doubles = new double[values.length];
    for (int j = 0; j < values.length; j++) {
      doubles[j] = values[j];
    }
    return type instanceof VectorUDT ? Vectors.dense(doubles) : doubles;
  }

  /** The output column of {@code scored}, by id. */
  private static float[][] outputs(Dataset<Row> scored, String column) {
    List<Row> rows = scored.orderBy("id").select(column).collectAsList();
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.get(i).isNullAt(0) ? null : toFloats(rows.get(i).getList(0));
    }
    return out;
  }

  private static float[] toFloats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) values.get(i);
    }
    return out;
  }

  private static float[][] predict(Model model, float[][] x, int batch) {
    return StdArrays.array2dCopyOf(model.predict(x, batchSize(batch), verbose(0)));
  }

  /**
   * {@code model.predict} of each partition's valid rows with {@code batch} rows a run, as the
   * transformer batches them, by id. TensorFlow's CPU kernels may round a row differently in the
   * last bit by its position in a batch (vectorized or scalar tail), hence the same batches.
   */
  private static float[][] predictByPartition(
      Model model, Dataset<Row> df, float[][] x, int batch) {
    float[][] out = new float[x.length][];
    for (List<Row> partition : df.select("id").javaRDD().glom().collect()) {
      List<Integer> ids = partition.stream().map(row -> row.getInt(0))
          .filter(id -> x[id] != null && x[id].length == FEATURES).toList();
      if (!ids.isEmpty()) {
        float[][] y = predict(model, ids.stream().map(id -> x[id]).toArray(float[][]::new), batch);
        for (int i = 0; i < y.length; i++) {
          out[ids.get(i)] = y[i];
        }
      }
    }
    return out;
  }

  /** relu(x W1 + b1) W2 + b2 through tanh, in doubles, from the model's weights. */
  private static double[] byHand(Model model, float[] x) {
    float[][] w1 = StdArrays.array2dCopyOf(model.getWeights().get(0));
    float[] b1 = StdArrays.array1dCopyOf(model.getWeights().get(1));
    float[][] w2 = StdArrays.array2dCopyOf(model.getWeights().get(2));
    float[] b2 = StdArrays.array1dCopyOf(model.getWeights().get(3));
    double[] h = new double[b1.length];
    for (int k = 0; k < h.length; k++) {
      double sum = b1[k];
      for (int j = 0; j < x.length; j++) {
        sum += x[j] * w1[j][k];
      }
      h[k] = Math.max(0, sum);
    }
    double[] y = new double[b2.length];
    for (int k = 0; k < y.length; k++) {
      double sum = b2[k];
      for (int j = 0; j < h.length; j++) {
        sum += h[j] * w2[j][k];
      }
      y[k] = Math.tanh(sum);
    }
    return y;
  }

  @Test
  void scoresEveryColumnTypeExactlyAsPredict() {
    try (Model model = mlp(1)) {
      float[][] x = samples(11);
      float[][] whole = predict(model, x, 32);
      for (int i = 0; i < ROWS; i++) {
        double[] hand = byHand(model, x[i]);
        for (int k = 0; k < hand.length; k++) {
          assertEquals(hand[k], whole[i][k], 1e-5, "row " + i);
        }
      }
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModel(model).setInputCol("features").setOutputCol("y").setBatchSize(8);
      for (DataType type : List.of(DataTypes.createArrayType(DataTypes.FloatType),
          DataTypes.createArrayType(DataTypes.DoubleType), new VectorUDT())) {
        Dataset<Row> df = frame(x, type);
        float[][] expected = predictByPartition(model, df, x, 8);
        float[][] actual = outputs(scorer.transform(df), "y");
        for (int i = 0; i < ROWS; i++) {
          assertArrayEquals(expected[i], actual[i], 0f, type.simpleString() + " row " + i);
        }
      }
    }
  }

  @Test
  void scoresKerasWrittenFilesFromAPathAsKerasPredicts() throws Exception {
    Path dir = Path.of(getClass().getResource("keras_mlp_rows.txt").toURI()).getParent();
    List<String> lines = Files.readAllLines(dir.resolve("keras_mlp_rows.txt"));
    float[][] x = new float[lines.size()][FEATURES];
    float[][] keras = new float[lines.size()][2];
    for (int i = 0; i < x.length; i++) {
      String[] fields = lines.get(i).trim().split(" ");
      for (int j = 0; j < FEATURES + 2; j++) {
        float value = Float.parseFloat(fields[j]);
        if (j < FEATURES) {
          x[i][j] = value;
        } else {
          keras[i][j - FEATURES] = value;
        }
      }
    }
    Dataset<Row> df = frame(x, new VectorUDT());
    for (String file : List.of("keras_mlp.keras", "keras_mlp.h5")) {
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModelPath(dir.resolve(file).toString()).setInputCol("features");
      float[][] actual = outputs(scorer.transform(df), "prediction");
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(keras[i], actual[i], 1e-6f, file + " row " + i);
      }
    }
  }

  @Test
  void loadsTheModelOncePerJvmAcrossTasksAndCalls() {
    try (Model model = mlp(2)) {
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModel(model).setInputCol("features").setBatchSize(5);
      int before = ExecutorModels.loads();
      Dataset<Row> df = frame(samples(12), DataTypes.createArrayType(DataTypes.FloatType));
      assertEquals(ROWS, scorer.transform(df).count());
      assertEquals(ROWS, scorer.transform(df.repartition(3)).collectAsList().size());
      assertEquals(1, ExecutorModels.loads() - before, "model loads in this JVM");
    }
  }

  @Test
  void saveAndLoadRoundTrip() throws Exception {
    try (Model model = mlp(3)) {
      float[][] x = samples(13);
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModel(model).setInputCol("features").setOutputCol("scores").setBatchSize(7)
          .setHandleInvalid("skip");
      String dir = tmp.resolve("stage").toString();
      SparkTests.session(); // MLWriter needs an active session; this test may run first
      scorer.write().save(dir);
      assertTrue(Files.isRegularFile(tmp.resolve("stage/model/model.keras")));
      KerasModelTransformer loaded = KerasModelTransformer.load(dir);
      assertEquals(scorer.uid(), loaded.uid());
      assertEquals(7, (Integer) loaded.getOrDefault(loaded.batchSize()));
      assertEquals("skip", loaded.getOrDefault(loaded.handleInvalid()));
      assertEquals("scores", loaded.getOrDefault(loaded.outputCol()));
      assertArrayEquals(scorer.getModelBytes(), loaded.getModelBytes());
      Dataset<Row> df = frame(x, DataTypes.createArrayType(DataTypes.FloatType));
      float[][] expected = predictByPartition(model, df, x, 7);
      float[][] actual = outputs(loaded.transform(df), "scores");
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
      }
    }
  }

  @Test
  void badRowsFailNamingColumnAndShapeOrAreSkippedOrKept() {
    try (Model model = mlp(4)) {
      float[][] x = samples(14);
      x[5] = new float[] {1f, 2f};
      x[9] = null;
      Dataset<Row> df = frame(x, DataTypes.createArrayType(DataTypes.FloatType));
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModel(model).setInputCol("features").setBatchSize(4);
      SparkException failure =
          assertThrows(SparkException.class, () -> scorer.transform(df).collectAsList());
      String message = failure.getMessage();
      assertTrue(message.contains("column 'features' has 2 values in a row; the model expects 3"
          + " values per row (input shape (None, 3))"), message);

      Dataset<Row> onlyNull = frame(new float[][] {x[0], null}, DataTypes.createArrayType(
          DataTypes.FloatType));
      message = assertThrows(SparkException.class,
          () -> scorer.transform(onlyNull).collectAsList()).getMessage();
      assertTrue(message.contains("column 'features' is null in a row"), message);

      float[][] skipped = outputs(scorer.setHandleInvalid("skip").transform(df), "prediction");
      assertEquals(ROWS - 2, skipped.length);
      float[][] kept = outputs(scorer.setHandleInvalid("keep").transform(df), "prediction");
      assertEquals(ROWS, kept.length);
      assertNull(kept[5]);
      assertNull(kept[9]);
      float[][] expected = predictByPartition(model, df, x, 4);
      for (int i = 0, v = 0; i < ROWS; i++) {
        if (i != 5 && i != 9) {
          assertArrayEquals(expected[i], kept[i], 0f, "kept row " + i);
          assertArrayEquals(expected[i], skipped[v++], 0f, "skipped row " + i);
        }
      }
    }
  }

  @Test
  void columnsThatCannotFeedTheModelAreRefusedBeforeAnyJob() {
    try (Model model = mlp(5)) {
      Dataset<Row> df = frame(samples(15), DataTypes.createArrayType(DataTypes.FloatType));
      KerasModelTransformer scorer = new KerasModelTransformer().setModel(model);
      assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer.transform(df))
          .getMessage().contains("no input column: set inputCol"));
      scorer.setInputCol("id");
      assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer.transform(df))
          .getMessage().contains("column 'id' is int; a model input needs array<float>"));
      scorer.setInputCol("features").setOutputCol("id");
      assertTrue(assertThrows(IllegalArgumentException.class, () -> scorer.transform(df))
          .getMessage().contains("output column 'id' is already in the DataFrame"));
      assertTrue(assertThrows(IllegalStateException.class,
          () -> new KerasModelTransformer().setInputCol("features").transform(df))
          .getMessage().contains("no model: call setModelPath"));
    }
  }

  @Test
  void streamingDataFramesAreRefusedPointingToForeachBatch() {
    try (Model model = mlp(7)) {
      Dataset<Row> stream = SparkTests.session().readStream().format("rate").load()
          .selectExpr("array(cast(value as float), 0f, 1f) as features");
      KerasModelTransformer scorer = new KerasModelTransformer()
          .setModel(model).setInputCol("features");
      assertEquals("KerasModelTransformer cannot read a streaming DataFrame; apply it to each"
          + " micro-batch instead, in writeStream().foreachBatch((batch, id) -> ...)",
          assertThrows(IllegalArgumentException.class, () -> scorer.transform(stream))
              .getMessage());
    }
  }

  @Test
  void scoresInAPipelineAfterVectorAssemblerAndSavesWithIt() throws Exception {
    try (Model model = mlp(6)) {
      float[][] x = samples(16);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        rows.add(RowFactory.create(i, (double) x[i][0], (double) x[i][1], (double) x[i][2]));
      }
      StructType schema = new StructType()
          .add("id", DataTypes.IntegerType).add("a", DataTypes.DoubleType)
          .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
      SparkSession spark = SparkTests.session();
      Dataset<Row> df = spark.createDataFrame(
          JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 3), schema);
      Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
          new VectorAssembler().setInputCols(new String[] {"a", "b", "c"})
              .setOutputCol("features"),
          new KerasModelTransformer().setModel(model).setInputCol("features")});
      PipelineModel fitted = pipeline.fit(df);
      float[][] expected = predictByPartition(model, df, x, 32);
      String dir = tmp.resolve("pipeline").toString();
      fitted.write().save(dir);
      for (PipelineModel stages : List.of(fitted, PipelineModel.load(dir))) {
        float[][] actual = outputs(stages.transform(df), "prediction");
        for (int i = 0; i < ROWS; i++) {
          assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
        }
      }
    }
  }
}
