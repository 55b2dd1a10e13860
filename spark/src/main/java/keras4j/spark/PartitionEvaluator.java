package keras4j.spark;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.verbose;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import keras4j.models.Model;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * One round's validation of one partition: the model with the round's averaged weights
 * evaluates the partition's rows; the result is the row count and the loss and metrics.
 */
final class PartitionEvaluator
    implements FlatMapFunction<Iterator<Row>, PartitionResult>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final Broadcast<List<float[]>> weights;
  private final List<long[]> shapes;
  private final ModelInput features;
  private final String labelColumn;
  private final int batchSize;

  PartitionEvaluator(Broadcast<byte[]> modelBytes, Broadcast<List<float[]>> weights,
      List<long[]> shapes, ModelInput features, String labelColumn, int batchSize) {
    this.modelBytes = modelBytes;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.features = features;
    this.labelColumn = labelColumn;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<PartitionResult> call(Iterator<Row> rows) {
    LabeledRows data = LabeledRows.read(rows, features, labelColumn);
    if (data.count() == 0) {
      return List.<PartitionResult>of().iterator();
    }
    try (Model model = ExecutorModels.loadPrivate(modelBytes.value())) {
      model.setWeights(ModelBytes.unflatten(weights.value(), shapes));
      return List.of(new PartitionResult(data.count(), List.of(),
          model.evaluate(data.x(), data.y(), batchSize(batchSize), verbose(0)))).iterator();
    }
  }
}
