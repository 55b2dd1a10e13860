package keras4j.spark;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.verbose;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * One round's validation of one partition: a {@linkplain ExecutorModels#withTrainingCopy
 * borrowed} copy of the model with the round's averaged weights evaluates the partition's rows
 * (read once, cached as {@link LabeledRows}); the result is the row count, loss and metrics.
 */
final class PartitionEvaluator
    implements FlatMapFunction<Iterator<LabeledRows>, PartitionResult>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final String modelId;
  private final Broadcast<List<float[]>> weights;
  private final List<long[]> shapes;
  private final int batchSize;

  PartitionEvaluator(Broadcast<byte[]> modelBytes, String modelId,
      Broadcast<List<float[]>> weights, List<long[]> shapes, int batchSize) {
    this.modelBytes = modelBytes;
    this.modelId = modelId;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<PartitionResult> call(Iterator<LabeledRows> partition) {
    LabeledRows data = partition.next();
    if (data.count() == 0) {
      return List.<PartitionResult>of().iterator();
    }
    PartitionResult result = ExecutorModels.withTrainingCopy(modelId, modelBytes::value,
        ModelBytes.unflatten(weights.value(), shapes), model -> new PartitionResult(data.count(),
            List.of(), model.evaluate(data.x(), data.y(), batchSize(batchSize), verbose(0))));
    return List.of(result).iterator();
  }
}
