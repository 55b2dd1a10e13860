package keras4j.spark;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keras4j.callbacks.History;
import keras4j.models.Model;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * One round of one partition: its rows train a private copy of the model, from the driver's
 * current weights, for the round's local epochs; the result is the new weights, the row count
 * (the weight of this partition in the average) and the last epoch's logs.
 *
 * <p>The rows are shuffled before each local epoch by a generator seeded from the estimator's
 * seed, the round and the partition, never from keras4j's global stream: a retried task (or a
 * rerun with the same seed) draws the same batches and returns the same weights bit for bit.
 */
final class PartitionTrainer
    implements FlatMapFunction<Iterator<Row>, PartitionResult>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final Broadcast<List<float[]>> weights;
  private final List<long[]> shapes;
  private final ModelInput features;
  private final String labelColumn;
  private final int localEpochs;
  private final int batchSize;
  private final long seed;
  private final int round;

  PartitionTrainer(Broadcast<byte[]> modelBytes, Broadcast<List<float[]>> weights,
      List<long[]> shapes, ModelInput features, String labelColumn,
      int localEpochs, int batchSize, long seed, int round) {
    this.modelBytes = modelBytes;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.features = features;
    this.labelColumn = labelColumn;
    this.localEpochs = localEpochs;
    this.batchSize = batchSize;
    this.seed = seed;
    this.round = round;
  }

  @Override
  public Iterator<PartitionResult> call(Iterator<Row> rows) {
    LabeledRows data = LabeledRows.read(rows, features, labelColumn);
    if (data.count() == 0) {
      return List.<PartitionResult>of().iterator();
    }
    SplittableRandom random = new SplittableRandom(
        seed ^ (0x9E3779B97F4A7C15L * (round + 1)) ^ ((long) TaskContext.getPartitionId() << 32));
    try (Model model = ExecutorModels.loadPrivate(modelBytes.value())) {
      model.setWeights(ModelBytes.unflatten(weights.value(), shapes));
      Map<String, Double> logs = new HashMap<>();
      // One fit per epoch on rows shuffled here; the model's optimizer state carries across them.
      for (int epoch = 0; epoch < localEpochs; epoch++) {
        LabeledRows shuffled = data.shuffled(random);
        History history = model.fit(shuffled.x(), shuffled.y(),
            epochs(1), batchSize(batchSize), shuffle(false), verbose(0));
        history.history().forEach((name, values) -> logs.put(name, values.get(0)));
      }
      return List.of(new PartitionResult(data.count(), ModelBytes.flatten(model.getWeights()),
          logs)).iterator();
    }
  }
}
