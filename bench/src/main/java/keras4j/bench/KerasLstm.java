package keras4j.bench;

import static keras4j.Keras.*;

import keras4j.callbacks.Callback;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.InputLayer;
import keras4j.layers.LSTM;
import keras4j.models.ModelGraphs;
import keras4j.models.Sequential;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The keras4j LSTM of the benchmark: int32 Input of {@link SequenceData#STEPS} word ids,
 * Embedding(1000, 32), LSTM(64), Dense(2, softmax); Adam, sparse categorical crossentropy;
 * trained by {@code fit} on the generated sequences, timed by {@link EpochTimer}.
 */
final class KerasLstm implements Contender {
  private final Sequential model;
  private final SequenceData data;

  /**
   * The model on {@code data}, running {@code stepsPerExecution} batches per native call in a
   * session with {@code interOpThreads}.
   */
  KerasLstm(SequenceData data, int stepsPerExecution, int interOpThreads) {
    this.data = data;
    model = new Sequential(new InputLayer("int32", SequenceData.STEPS),
        new Embedding(SequenceData.VOCABULARY, RawLstm.EMBEDDING), new LSTM(RawLstm.UNITS),
        new Dense(2, activation("softmax")));
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
        stepsPerExecution(stepsPerExecution));
    KerasMlp.startSession(interOpThreads, () -> model.predict(
        NdArrays.ofInts(Shape.of(1, SequenceData.STEPS)), verbose(0)));
  }

  @Override
  public double epoch(int batch) {
    EpochTimer timer = new EpochTimer();
    fit(batch, 1, timer);
    return timer.seconds();
  }

  /** Trains {@code epochs} epochs, reporting to {@code callback} (the memory probe). */
  void fit(int batch, int epochs, Callback callback) {
    model.fit(data.sequences(), data.classes(), epochs(epochs), batchSize(batch), verbose(0),
        callbacks(callback));
  }

  /** The number of operations in the model's graph. */
  int graphSize() {
    return ModelGraphs.size(model);
  }

  @Override
  public int samples() {
    return data.size();
  }

  @Override
  public void close() {
    model.close();
  }
}
