package keras4j.spark;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.verbose;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.models.Model;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * One round of one partition: its rows train a private copy of the model, from the driver's
 * current weights, for the round's local epochs; the result is the new weights, the row count
 * (the weight of this partition in the average) and the last epoch's logs.
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

  PartitionTrainer(Broadcast<byte[]> modelBytes, Broadcast<List<float[]>> weights,
      List<long[]> shapes, ModelInput features, String labelColumn,
      int localEpochs, int batchSize) {
    this.modelBytes = modelBytes;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.features = features;
    this.labelColumn = labelColumn;
    this.localEpochs = localEpochs;
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
      History history = model.fit(data.x(), data.y(),
          epochs(localEpochs), batchSize(batchSize), verbose(0));
      Map<String, Double> logs = new HashMap<>();
      history.history().forEach((name, values) -> logs.put(name, values.get(values.size() - 1)));
      return List.of(new PartitionResult(data.count(), ModelBytes.flatten(model.getWeights()),
          logs)).iterator();
    }
  }
}
