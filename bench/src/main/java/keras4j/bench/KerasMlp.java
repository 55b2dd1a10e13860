package keras4j.bench;

import static keras4j.Keras.*;

import java.util.ArrayList;
import java.util.List;
import keras4j.callbacks.Callback;
import keras4j.data.Dataset;
import keras4j.layers.Activation;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Layer;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.Reshape;
import keras4j.models.Sequential;
import keras4j.utils.Threading;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The keras4j side: {@code Sequential} of {@code Dense} layers (ReLU, softmax output) or the
 * small CNN ({@link #cnn}), Adam, sparse categorical crossentropy, trained by {@code fit} on
 * NdArrays over the same arrays as the hand-written loop (which {@code fit} reads without a
 * copy), timed by a callback from the start to the end of the epoch (so that building the steps
 * is not counted).
 */
final class KerasMlp implements Engine {
  private final Sequential model;
  private final int outputs;

  /** The filters of the CNN's two convolution blocks. */
  static final int[] CNN_FILTERS = {16, 32};

  /**
   * A model of the given layer widths (input first) running {@code stepsPerExecution} batches
   * per native call in a session with {@code interOpThreads}, XLA-compiled if {@code jit}.
   */
  KerasMlp(int[] widths, int stepsPerExecution, int interOpThreads, boolean jit) {
    this(dense(widths), widths[0], widths[widths.length - 1], stepsPerExecution, interOpThreads,
        jit);
  }

  /**
   * {@code model} on {@code inputs} features giving {@code outputs} probabilities, compiled and
   * started as {@link #KerasMlp(int[], int, int, boolean)} says.
   */
  private KerasMlp(Sequential model, int inputs, int outputs, int stepsPerExecution,
      int interOpThreads, boolean jit) {
    this.model = model;
    this.outputs = outputs;
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
        stepsPerExecution(stepsPerExecution), jitCompile(jit));
    // The session starts now, with these threads.
    startSession(interOpThreads, () -> predict(new float[1][inputs]));
  }

  /** Runs {@code firstRun}, which starts a model's session, with {@code interOpThreads}. */
  static void startSession(int interOpThreads, Runnable firstRun) {
    int previous = Threading.getInterOpParallelismThreads();
    Threading.setInterOpParallelismThreads(interOpThreads);
    try {
      firstRun.run();
    } finally {
      Threading.setInterOpParallelismThreads(previous);
    }
  }

  /**
   * The benchmark's small CNN on the flattened images, {@link RawNet#cnn}'s twin: (Conv2D 3x3
   * without bias, BatchNormalization, ReLU, MaxPooling2D) with 16 then 32 filters, Flatten,
   * Dense(10, softmax).
   */
  static KerasMlp cnn(int stepsPerExecution, int interOpThreads) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Reshape(new long[] {28, 28, 1}, inputShape(FashionData.PIXELS)));
    for (int filters : CNN_FILTERS) {
      layers.addAll(List.of(new Conv2D(filters, 3, useBias(false)), new BatchNormalization(),
          new Activation("relu"), new MaxPooling2D()));
    }
    layers.addAll(List.of(new Flatten(), new Dense(10, activation("softmax"))));
    return new KerasMlp(new Sequential(layers), FashionData.PIXELS, 10, stepsPerExecution,
        interOpThreads, false);
  }

  private static Sequential dense(int[] widths) {
    Layer[] layers = new Layer[widths.length - 1];
    for (int i = 1; i < widths.length; i++) {
      String activation = i == widths.length - 1 ? "softmax" : "relu";
      layers[i - 1] = i == 1
          ? new Dense(widths[i], activation(activation), inputShape(widths[0]))
          : new Dense(widths[i], activation(activation));
    }
    return new Sequential(layers);
  }

  @Override
  public double epoch(FashionData data, int batch) {
    EpochTimer timer = new EpochTimer();
    model.fit(data.images(), data.labels(), epochs(1), batchSize(batch), verbose(0),
        callbacks(timer));
    return timer.seconds();
  }

  /** Seconds of one epoch of {@code fit} on the batches of {@code data}. */
  double epoch(Dataset data) {
    EpochTimer timer = new EpochTimer();
    model.fit(data, epochs(1), verbose(0), callbacks(timer));
    return timer.seconds();
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
}
