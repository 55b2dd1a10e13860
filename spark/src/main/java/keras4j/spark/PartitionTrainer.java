package keras4j.spark;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.verbose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.models.Model;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * One round of one partition: its rows train a private copy of the model, from the driver's
 * current weights, for the round's local epochs; the result is the new weights, the row count
 * (the weight of this partition in the average) and the last epoch's logs.
 */
final class PartitionTrainer
    implements FlatMapFunction<Iterator<Row>, PartitionTrainer.Result>, Serializable {
  private static final long serialVersionUID = 1L;

  /** What one partition sends back to the driver. */
  record Result(long rows, List<float[]> weights, Map<String, Double> logs)
      implements Serializable {}

  private final Broadcast<byte[]> modelBytes;
  private final Broadcast<List<float[]>> weights;
  private final List<long[]> shapes;
  private final ModelInput features;
  private final int labelIndex;
  private final String labelColumn;
  private final int localEpochs;
  private final int batchSize;

  PartitionTrainer(Broadcast<byte[]> modelBytes, Broadcast<List<float[]>> weights,
      List<long[]> shapes, ModelInput features, int labelIndex, String labelColumn,
      int localEpochs, int batchSize) {
    this.modelBytes = modelBytes;
    this.weights = weights;
    this.shapes = List.copyOf(shapes);
    this.features = features;
    this.labelIndex = labelIndex;
    this.labelColumn = labelColumn;
    this.localEpochs = localEpochs;
    this.batchSize = batchSize;
  }

  @Override
  public Iterator<Result> call(Iterator<Row> rows) {
    List<float[]> x = new ArrayList<>();
    List<Float> y = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      x.add(features.read(row));
      if (row.isNullAt(labelIndex)) {
        throw new IllegalArgumentException("label column '" + labelColumn + "' is null in a row;"
            + " every training row needs a label");
      }
      y.add(((Number) row.get(labelIndex)).floatValue());
    }
    if (x.isEmpty()) {
      return List.<Result>of().iterator();
    }
    int width = features.width();
    float[] flatX = new float[x.size() * width];
    float[] flatY = new float[y.size()];
    for (int i = 0; i < x.size(); i++) {
      System.arraycopy(x.get(i), 0, flatX, i * width, width);
      flatY[i] = y.get(i);
    }
    try (Model model = ExecutorModels.loadPrivate(modelBytes.value())) {
      model.setWeights(ModelBytes.unflatten(weights.value(), shapes));
      History history = model.fit(
          NdArrays.wrap(features.batchShape(x.size()), DataBuffers.of(flatX, true, false)),
          NdArrays.wrap(Shape.of(y.size()), DataBuffers.of(flatY, true, false)),
          epochs(localEpochs), batchSize(batchSize), verbose(0));
      Map<String, Double> logs = new HashMap<>();
      history.history().forEach((name, values) -> logs.put(name, values.get(values.size() - 1)));
      return List.of(new Result(x.size(), ModelBytes.flatten(model.getWeights()), logs))
          .iterator();
    }
  }
}
