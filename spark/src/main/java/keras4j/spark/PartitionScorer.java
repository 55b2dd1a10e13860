package keras4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import keras4j.Keras;
import keras4j.models.Model;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.unsafe.Platform;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Scores one partition: reads up to {@code batchSize} rows, runs the model once on them, and
 * returns each row with the model's outputs appended (one {@code array<float>} per output).
 * Lazy, so a partition never sits in memory whole. Rows are Spark's {@link InternalRow}s: the
 * inputs are copied from them straight into the batch, the outputs straight into Spark's arrays.
 */
final class PartitionScorer
    implements FlatMapFunction<Iterator<InternalRow>, InternalRow>, Serializable {
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
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    Model model = ExecutorModels.get(modelId, modelBytes::value);
    // One input buffer per model input for the partition: TensorFlow copies it at each run.
    float[][] x = new float[inputs.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new float[Math.multiplyExact(batchSize, inputs.get(i).width())];
    }
    return new Iterator<>() {
      private Iterator<InternalRow> batch = List.<InternalRow>of().iterator();

      @Override
      public boolean hasNext() {
        while (!batch.hasNext() && rows.hasNext()) {
          batch = score(model, rows, x).iterator();
        }
        return batch.hasNext();
      }

      @Override
      public InternalRow next() {
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
  private List<InternalRow> score(Model model, Iterator<InternalRow> rows, float[][] x) {
    List<InternalRow> batch = new ArrayList<>();
    BitSet invalid = new BitSet();
    int valid = 0;
    while (valid < batchSize && rows.hasNext()) {
      InternalRow row = rows.next();
      if (read(row, x, valid)) {
        valid++;
      } else if (handleInvalid.equals("keep")) {
        invalid.set(batch.size());
      } else {
        continue;
      }
      batch.add(row.copy()); // the rows' iterator may reuse the row object for the next row
    }
    List<float[]> outputs = predict(model, x, valid);
    List<InternalRow> scored = new ArrayList<>(batch.size());
    int sample = 0;
    for (int r = 0; r < batch.size(); r++) {
      Object[] fields = new Object[outputCount];
      if (!invalid.get(r)) {
        for (int o = 0; o < outputCount; o++) {
          float[] all = outputs.get(o);
          int width = all.length / valid;
          fields[o] = UnsafeArrayData.fromPrimitiveArray(
              all, Platform.FLOAT_ARRAY_OFFSET + sample * width * Float.BYTES, width, Float.BYTES);
        }
        sample++;
      }
      scored.add(new JoinedRow(batch.get(r), new GenericInternalRow(fields)));
    }
    return scored;
  }

  /**
   * Reads one row's values into sample {@code sample} of the batch; false if the row is invalid
   * and handleInvalid is not "error".
   */
  private boolean read(InternalRow row, float[][] x, int sample) {
    for (int i = 0; i < x.length; i++) {
      ModelInput input = inputs.get(i);
      try {
        input.read(row, x[i], sample * input.width());
      } catch (IllegalArgumentException e) {
        if (handleInvalid.equals("error")) {
          throw new IllegalArgumentException(e.getMessage() + "; set handleInvalid to \"skip\" to"
              + " drop such rows or \"keep\" to keep them with null outputs");
        }
        return false;
      }
    }
    return true;
  }

  /** The model's outputs for the batch's valid rows, one flat array (row after row) each. */
  private List<float[]> predict(Model model, float[][] x, int valid) {
    if (valid == 0) {
      return List.of();
    }
    List<FloatNdArray> batch = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      batch.add(NdArrays.wrap(inputs.get(i).batchShape(valid),
          DataBuffers.of(x[i], true, false).narrow((long) valid * inputs.get(i).width())));
    }
    List<FloatNdArray> y = model.predictAll(
        batch.size() == 1 ? batch.get(0) : batch, Keras.batchSize(valid), Keras.verbose(0));
    List<float[]> outputs = new ArrayList<>(y.size());
    for (FloatNdArray output : y) {
      float[] flat = new float[Math.toIntExact(output.size())];
      output.copyTo(DataBuffers.of(flat, false, false));
      outputs.add(flat);
    }
    return outputs;
  }
}
