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
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One round of one partition: its rows (read once, cached as {@link LabeledRows}) train a private
 * copy of the model, from the driver's current weights and the optimizer state as loaded, for the
 * round's local epochs; the result is the new weights, the row count (the weight of this
 * partition in the average) and the last epoch's logs. The copy is {@linkplain
 * ExecutorModels#withTrainingCopy borrowed} from the JVM's idle ones, so later rounds reuse it.
 *
 * <p>The rows are shuffled before each local epoch by a generator seeded from the estimator's
 * seed, the round and the partition, never from keras4j's global stream: a retried task (or a
 * rerun with the same seed) draws the same batches and returns the same weights bit for bit.
 */
final class PartitionTrainer
    implements FlatMapFunction<Iterator<LabeledRows>, PartitionResult>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final String modelId;
  private final Broadcast<List<float[]>> weights;
  private final List<long[]> shapes;
  private final int localEpochs;
  private final int batchSize;
  private final long seed;
  private final int round;

  PartitionTrainer(Broadcast<byte[]> modelBytes, String modelId,
      Broadcast<List<float[]>> weights, List<long[]> shapes,
      int localEpochs, int batchSize, long seed, int round) {
    this.modelBytes = modelBytes;
    this.modelId = modelId;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.localEpochs = localEpochs;
    this.batchSize = batchSize;
    this.seed = seed;
    this.round = round;
  }

  @Override
  public Iterator<PartitionResult> call(Iterator<LabeledRows> partition) {
    LabeledRows data = partition.next();
    if (data.count() == 0) {
      return List.<PartitionResult>of().iterator();
    }
    SplittableRandom random = new SplittableRandom(
        seed ^ (0x9E3779B97F4A7C15L * (round + 1)) ^ ((long) TaskContext.getPartitionId() << 32));
    PartitionResult result = ExecutorModels.withTrainingCopy(modelId, modelBytes::value,
        ModelBytes.unflatten(weights.value(), shapes), model -> {
          Map<String, Double> logs = new HashMap<>();
          // One fit per epoch on rows shuffled here; the optimizer state carries across them.
          for (int epoch = 0; epoch < localEpochs; epoch++) {
            LabeledRows shuffled = data.shuffled(random);
            History history = model.fit(shuffled.x(), shuffled.y(),
                epochs(1), batchSize(batchSize), shuffle(false), verbose(0));
            history.history().forEach((name, values) -> logs.put(name, values.get(0)));
          }
          return new PartitionResult(
              data.count(), ModelBytes.flatten(model.getWeights()), logs);
        });
    return List.of(result).iterator();
  }
}
