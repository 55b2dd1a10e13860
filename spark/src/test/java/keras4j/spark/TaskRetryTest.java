package keras4j.spark;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * A task that dies is retried by Spark ({@code local[2,3]}: up to 3 attempts) and the stage's
 * result is that of a failure-free run, bit for bit: the first attempt of partition 1 throws in
 * mid-partition, after some rows went through.
 */
class TaskRetryTest {
  private static final int ROWS = 40;

  /** How many first attempts {@link FailFirstAttempt} has killed. */
  private static final AtomicInteger KILLED = new AtomicInteger();

  /** Passes rows through, but the first attempt of partition 1 throws at its 6th row. */
  private static final class FailFirstAttempt implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      TaskContext task = TaskContext.get();
      boolean doomed = task.partitionId() == 1 && task.attemptNumber() == 0;
      return new Iterator<>() {
        private int seen;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          if (doomed && ++seen == 6) {
            KILLED.incrementAndGet();
            throw new IllegalStateException("injected failure of the first attempt");
          }
          return rows.next();
        }
      };
    }
  }

  private static Dataset<Row> failingFirstAttempt(Dataset<Row> rows) {
    return rows.mapPartitions(new FailFirstAttempt(), Encoders.row(rows.schema()));
  }

  /** (id, features array<float>, label double) rows in 2 partitions, seeded. */
  private static Dataset<Row> frame() {
    Random random = new Random(15);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      float[] x = new float[4];
      for (int j = 0; j < x.length; j++) {
        x[j] = (float) random.nextGaussian();
      }
      rows.add(RowFactory.create(i, x, x[0] + x[1] * x[2] > 0 ? 1.0 : 0.0));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("features", DataTypes.createArrayType(DataTypes.FloatType))
        .add("label", DataTypes.DoubleType);
    SparkSession spark = SparkTests.session();
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema);
  }

  private static Sequential classifier() {
    RandomSeed.set(15);
    Sequential model = new Sequential();
    model.add(new Dense(8, activation("relu"), inputShape(4)));
    model.add(new Dense(2, activation("softmax")));
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
    return model;
  }

  /** The scores by id (collected in partition order: no sort, whose sampling job reruns tasks). */
  private static float[][] scores(Dataset<Row> scored) {
    float[][] out = new float[ROWS][];
    for (Row row : scored.select("id", "scores").collectAsList()) {
      List<Object> values = row.getList(1);
      float[] rowScores = new float[values.size()];
      for (int j = 0; j < rowScores.length; j++) {
        rowScores[j] = (Float) values.get(j);
      }
      out[row.getInt(0)] = rowScores;
    }
    return out;
  }

  @Test
  void aRetriedScoringTaskGivesTheSameScores() {
    try (Sequential model = classifier()) {
      KerasModelTransformer scorer = new KerasModelTransformer().setModel(model)
          .setInputCol("features").setOutputCol("scores").setBatchSize(4);
      Dataset<Row> rows = frame();
      float[][] expected = scores(scorer.transform(rows));
      int loads = ExecutorModels.loads();
      int killed = KILLED.get();
      // The failure comes after the scorer: the dying attempt had scored its first batch.
      float[][] actual = scores(failingFirstAttempt(scorer.transform(rows)));
      assertEquals(killed + 1, KILLED.get(), "the first attempt of partition 1 failed");
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(expected[i], actual[i], 0f, "row " + i);
      }
      assertEquals(loads, ExecutorModels.loads(), "the retry reused the executor's model");
    }
  }

  @Test
  void aRetriedTrainingTaskGivesTheSameAveragedWeights() {
    try (Sequential model = classifier()) {
      // 20 rows a partition in batches of 8: the shuffling decides the steps, so a retry that
      // drew other batches would give other weights.
      KerasEstimator estimator = new KerasEstimator().setModel(model)
          .setRounds(2).setLocalEpochs(2).setBatchSize(8).setPredictionCol("scores");
      Dataset<Row> rows = frame();
      List<float[]> expected = weights(estimator.fit(rows));
      int killed = KILLED.get();
      List<float[]> actual = weights(estimator.fit(failingFirstAttempt(rows)));
      assertEquals(killed + 1, KILLED.get(), "the first attempt of partition 1 failed");
      for (int w = 0; w < expected.size(); w++) {
        assertArrayEquals(expected.get(w), actual.get(w), 0f, "weight " + w);
      }
    }
  }

  private static List<float[]> weights(KerasModelTransformer fitted) {
    try (Model model = ModelBytes.load(fitted.getModelBytes())) {
      return ModelBytes.flatten(model.getWeights());
    }
  }
}
