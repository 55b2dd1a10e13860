package keras4j.bench;

import static keras4j.Keras.*;

import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.models.Sequential;
import keras4j.utils.Threading;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The keras4j side: {@code Sequential} of {@code Dense} layers (ReLU, softmax output), Adam,
 * sparse categorical crossentropy, trained by {@code fit} on NdArrays over the same arrays as the
 * hand-written loop (which {@code fit} reads without a copy), timed by a callback from the start
 * to the end of the epoch (so that building the steps is not counted).
 */
final class KerasMlp implements Engine {
  private final Sequential model;
  private final int outputs;

  /**
   * A model of the given layer widths (input first) running {@code stepsPerExecution} batches
   * per native call in a session with {@code interOpThreads}, XLA-compiled if {@code jit}.
   */
  KerasMlp(int[] widths, int stepsPerExecution, int interOpThreads, boolean jit) {
    Layer[] layers = new Layer[widths.length - 1];
    for (int i = 1; i < widths.length; i++) {
      String activation = i == widths.length - 1 ? "softmax" : "relu";
      layers[i - 1] = i == 1
          ? new Dense(widths[i], activation(activation), inputShape(widths[0]))
          : new Dense(widths[i], activation(activation));
    }
    outputs = widths[widths.length - 1];
    model = new Sequential(layers);
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
        stepsPerExecution(stepsPerExecution), jitCompile(jit));
    int previous = Threading.getInterOpParallelismThreads();
    Threading.setInterOpParallelismThreads(interOpThreads);
    try {
      predict(new float[1][widths[0]]); // the session starts now, with these threads
    } finally {
      Threading.setInterOpParallelismThreads(previous);
    }
  }

  @Override
  public double epoch(FashionData data, int batch) {
    EpochTimer timer = new EpochTimer();
    model.fit(data.images(), data.labels(), epochs(1), batchSize(batch), verbose(0),
        callbacks(timer));
    return timer.seconds;
  }

  /** Seconds of one epoch of {@code fit} on the batches of {@code data}. */
  double epoch(Dataset data) {
    EpochTimer timer = new EpochTimer();
    model.fit(data, epochs(1), verbose(0), callbacks(timer));
    return timer.seconds;
  }

  /** Trains {@code epochs} epochs, reporting each to {@code afterEpoch} (for the RSS probe). */
  void fit(FashionData data, int batch, int epochs, Callback afterEpoch) {
    model.fit(data.images(), data.labels(), epochs(epochs), batchSize(batch), verbose(0),
        callbacks(afterEpoch));
  }

  @Override
  public float[] predict(float[][] rows) {
    FloatNdArray p = model.predict(rows, batchSize(Math.max(rows.length, 1)), verbose(0));
    float[] out = new float[rows.length * outputs];
    p.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Override
  public double accuracy(FashionData data) {
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
        metrics("accuracy"));
    return model.evaluate(data.images(), data.labels(), batchSize(1000), verbose(0))
        .get("accuracy");
  }

  @Override
  public void close() {
    model.close();
  }

  private static final class EpochTimer extends Callback {
    private long start;
    private double seconds;

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
      // Collect the garbage of the previous call now, not during the timed epoch.
      System.gc();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
      start = System.nanoTime();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      seconds = (System.nanoTime() - start) / 1e9;
    }
  }
}
