package keras4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import keras4j.Keras;
import keras4j.models.Model;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Scores one partition: reads up to {@code batchSize} rows, runs the model once on them, and
 * returns each row with the model's outputs appended (one {@code array<float>} per output).
 * Lazy, so a partition never sits in memory whole.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelBytes;
  private final String modelId;
  private final List<ModelInput> inputs;
  private final int outputCount;
  private final int batchSize;
  private final String handleInvalid;

  PartitionScorer(Broadcast<byte[]> modelBytes, String modelId, List<ModelInput> inputs,
      int outputCount, int batchSize, String handleInvalid) {
    this.modelBytes = modelBytes;
    this.modelId = modelId;
    this.inputs = List.copyOf(inputs);
    this.outputCount = outputCount;
    this.batchSize = batchSize;
    this.handleInvalid = handleInvalid;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Model model = ExecutorModels.get(modelId, modelBytes::value);
    return new Iterator<>() {
      private Iterator<Row> batch = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && rows.hasNext()) {
          batch = score(model, rows).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return batch.next();
      }
    };
  }

  /**
   * The next batch: up to {@code batchSize} valid rows with their outputs, and the invalid rows
   * met on the way with null outputs ("keep") or left out ("skip").
   */
  private List<Row> score(Model model, Iterator<Row> rows) {
    List<Row> batch = new ArrayList<>();
    List<float[][]> values = new ArrayList<>(); // per row of batch; null for an invalid row
    int valid = 0;
    while (valid < batchSize && rows.hasNext()) {
      Row row = rows.next();
      float[][] rowValues = read(row);
      if (rowValues != null || handleInvalid.equals("keep")) {
        batch.add(row);
        values.add(rowValues);
        valid += rowValues != null ? 1 : 0;
      }
    }
    List<float[]> outputs = predict(model, values, valid);
    List<Row> scored = new ArrayList<>(batch.size());
    int sample = 0;
    for (int r = 0; r < batch.size(); r++) {
      Row row = batch.get(r);
      Object[] fields = new Object[row.size() + outputCount];
      for (int i = 0; i < row.size(); i++) {
        fields[i] = row.get(i);
      }
      if (values.get(r) != null) {
        for (int o = 0; o < outputCount; o++) {
          float[] all = outputs.get(o);
          int width = all.length / valid;
          fields[row.size() + o] = Arrays.copyOfRange(all, sample * width, (sample + 1) * width);
        }
        sample++;
      }
      scored.add(RowFactory.create(fields));
    }
    return scored;
  }

  /** One row's values, one array per model input; null if invalid and not "error". */
  private float[][] read(Row row) {
    float[][] values = new float[inputs.size()][];
    for (int i = 0; i < values.length; i++) {
      ModelInput input = inputs.get(i);
      String problem;
      try {
        values[i] = input.read(row);
        continue;
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      if (handleInvalid.equals("error")) {
        throw new IllegalArgumentException(problem + "; set handleInvalid to \"skip\" to drop"
            + " such rows or \"keep\" to keep them with null outputs");
      }
      return null;
    }
    return values;
  }

  /** The model's outputs for the valid rows, one flat array (row after row) per output. */
  private List<float[]> predict(Model model, List<float[][]> values, int valid) {
    if (valid == 0) {
      return List.of();
    }
    List<FloatNdArray> x = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      int width = inputs.get(i).width();
      float[] flat = new float[valid * width];
      int sample = 0;
      for (float[][] rowValues : values) {
        if (rowValues != null) {
          System.arraycopy(rowValues[i], 0, flat, sample++ * width, width);
        }
      }
      x.add(NdArrays.wrap(inputs.get(i).batchShape(valid), DataBuffers.of(flat, true, false)));
    }
    List<FloatNdArray> y = model.predictAll(
        x.size() == 1 ? x.get(0) : x, Keras.batchSize(valid), Keras.verbose(0));
    List<float[]> outputs = new ArrayList<>(y.size());
    for (FloatNdArray output : y) {
      float[] flat = new float[Math.toIntExact(output.size())];
      output.copyTo(DataBuffers.of(flat, false, false));
      outputs.add(flat);
    }
    return outputs;
  }
}
