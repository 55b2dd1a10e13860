package keras4j.callbacks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.backend.EventFileWriter;
import keras4j.core.Variable;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Logs training for TensorBoard, Keras's {@code TensorBoard} callback: {@code fit(x, y,
 * callbacks(new TensorBoard("logs")))}, then {@code tensorboard --logdir logs}.
 *
 * <p>As in Keras, event files go to {@code <logDir>/train} and {@code <logDir>/validation}: at
 * each epoch's end {@code epoch_<metric>} scalars (step: the epoch, from 0), the training ones
 * with {@code epoch_learning_rate}, the {@code val_} ones under the validation run without their
 * prefix; with {@link #updateFreq} a number or {@code "batch"}, {@code batch_<metric>} scalars
 * every that many batches (step: the batch count since {@code fit} began); with {@link
 * #histogramFreq} n, every n-th epoch a histogram {@code <layer>/<weight>/histogram} of each
 * weight; after an {@code evaluate} with this callback, {@code evaluation_<metric>_vs_iterations}
 * at the optimizer's iteration count. Keras's graph, images, embeddings and profiler are not
 * written.
 *
 * <p>Files are created on first use and flushed each epoch; {@code fit}'s end closes them.
 */
public class TensorBoard extends Callback {
  private final Path logDir;
  private int histogramFreq;
  private int updateFreq;
  private EventFileWriter train;
  private EventFileWriter validation;
  private long globalTrainBatch;
  private boolean training;

  /** Logs under {@code logs}, Keras's default directory. */
  public TensorBoard() {
    this("logs");
  }

  /**
   * Logs under {@code logDir}.
   *
   * @param logDir the directory TensorBoard's {@code --logdir} is given
   */
  public TensorBoard(String logDir) {
    this.logDir = Path.of(logDir);
  }

  /**
   * Writes weight histograms every {@code freq} epochs; 0 (the default) never.
   *
   * @param freq 0 or more
   * @return this
   * @throws IllegalArgumentException if {@code freq} is negative
   */
  public TensorBoard histogramFreq(int freq) {
    if (freq < 0) {
      throw new IllegalArgumentException("histogramFreq must be 0 or more, got " + freq);
    }
    this.histogramFreq = freq;
    return this;
  }

  /**
   * {@code "epoch"} (the default) writes scalars at each epoch's end only; {@code "batch"} also
   * after every batch.
   *
   * @param freq "epoch" or "batch"
   * @return this
   * @throws IllegalArgumentException for another word
   */
  public TensorBoard updateFreq(String freq) {
    return switch (freq) {
      case "epoch" -> setUpdateFreq(0);
      case "batch" -> setUpdateFreq(1);
      default -> throw new IllegalArgumentException(
          "updateFreq is \"batch\", \"epoch\" or a number of batches, got \"" + freq + "\"");
    };
  }

  /**
   * Also writes {@code batch_<metric>} scalars every {@code batches} batches.
   *
   * @param batches 1 or more
   * @return this
   * @throws IllegalArgumentException if {@code batches} is below 1
   */
  public TensorBoard updateFreq(int batches) {
    if (batches < 1) {
      throw new IllegalArgumentException("updateFreq must be 1 or more batches, got " + batches);
    }
    return setUpdateFreq(batches);
  }

  private TensorBoard setUpdateFreq(int batches) {
    this.updateFreq = batches;
    return this;
  }

  private EventFileWriter train() {
    if (train == null) {
      train = new EventFileWriter(logDir.resolve("train"));
    }
    return train;
  }

  private EventFileWriter validation() {
    if (validation == null) {
      validation = new EventFileWriter(logDir.resolve("validation"));
    }
    return validation;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    globalTrainBatch = 0;
    training = true;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    globalTrainBatch++;
    if (updateFreq > 0 && globalTrainBatch % updateFreq == 0) {
      logs.forEach((name, value) -> train().scalar("batch_" + name, value, globalTrainBatch));
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Map<String, Double> trainLogs = new LinkedHashMap<>();
    Map<String, Double> valLogs = new LinkedHashMap<>();
    logs.forEach((name, value) -> {
      if (name.startsWith("val_")) {
        valLogs.put(name.substring(4), value);
      } else {
        trainLogs.put(name, value);
      }
    });
    if (model().optimizer() != null) {
      trainLogs.put("learning_rate", model().optimizer().getLearningRate());
    }
    trainLogs.forEach((name, value) -> train().scalar("epoch_" + name, value, epoch));
    valLogs.forEach((name, value) -> validation().scalar("epoch_" + name, value, epoch));
    if (histogramFreq > 0 && epoch % histogramFreq == 0) {
      for (Variable weight : model().variables()) {
        train().histogram(weight.name().replace(":", "_") + "/histogram", values(weight), epoch);
      }
    }
    flush();
  }

  private static float[] values(Variable weight) {
    FloatNdArray value = weight.numpy();
    float[] out = new float[Math.toIntExact(value.size())];
    value.copyTo(NdArrays.wrap(value.shape(), DataBuffers.of(out, false, false)));
    return out;
  }

  @Override
  public void onTestEnd(Map<String, Double> logs) {
    if (model().optimizer() != null) {
      long iterations = model().optimizer().iterations();
      logs.forEach((name, value) -> validation()
          .scalar("evaluation_" + name + "_vs_iterations", value, iterations));
      validation().flush();
    }
    if (!training) {
      close();
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    training = false;
    close();
  }

  private void flush() {
    if (train != null) {
      train.flush();
    }
    if (validation != null) {
      validation.flush();
    }
  }

  /** Closes the event files; a later {@code fit} starts new ones, as Keras's writers do. */
  private void close() {
    if (train != null) {
      train.close();
      train = null;
    }
    if (validation != null) {
      validation.close();
      validation = null;
    }
  }
}
