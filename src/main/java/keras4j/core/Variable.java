package keras4j.core;

import java.util.Objects;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;

/**
 * A float32 weight, like {@code keras.Variable}.
 *
 * <p>It exists before any graph does (layers create weights in {@code build}), holding its value
 * on the heap; once a model runs, the value lives in that model's session and reads and writes go
 * there. Closing the model copies the value back, so weights survive the model's native memory.
 */
public final class Variable implements TensorLike {
  private final String name;
  private final Shape shape;
  private final boolean trainable;
  private FloatNdArray hostValue;
  private GraphVariable twin;

  /** A variable named {@code name} holding {@code initialValue}. */
  public Variable(String name, FloatNdArray initialValue, boolean trainable) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = initialValue.shape();
    this.trainable = trainable;
    this.hostValue = initialValue;
  }

  /** The variable's name, e.g. {@code dense/kernel}. */
  public String name() {
    return name;
  }

  /** The variable's shape. */
  public Shape shape() {
    return shape;
  }

  /** Whether optimizers update this variable. */
  public boolean trainable() {
    return trainable;
  }

  /** A copy of the current value (like {@code variable.numpy()}). */
  public synchronized FloatNdArray numpy() {
    if (twin != null && twin.isLive()) {
      return twin.fetch();
    }
    return copy(hostValue);
  }

  /** Replaces the value; the new value must have the variable's shape. */
  public synchronized void assign(NdArray<Float> value) {
    if (!value.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "Cannot assign a value of shape " + value.shape() + " to variable '" + name
              + "' of shape " + shape);
    }
    FloatNdArray copy = org.tensorflow.ndarray.NdArrays.ofFloats(shape);
    value.copyTo(copy);
    if (twin != null && twin.isLive()) {
      twin.write(copy);
    } else {
      hostValue = copy;
    }
  }

  /** The value inside the model or function being traced (for layer code and low-level ops). */
  public KerasTensor value() {
    return KerasTensor.of(ModelGraph.current(), ModelGraph.current().read(this));
  }

  /** The value inside the model or function being traced, as {@link #value()}. */
  @Override
  public KerasTensor asTensor() {
    return value();
  }

  /** Internal: the graph twin now holds the value (a live twin elsewhere hands it over first). */
  public synchronized void bindTo(GraphVariable newTwin) {
    if (twin != null && twin.isLive()) {
      hostValue = twin.fetch();
    }
    twin = newTwin;
  }

  /**
   * Internal: {@code candidate} is about to run: it takes over the value, copying it from the
   * heap or from the graph that holds it now.
   */
  public synchronized void claim(GraphVariable candidate) {
    if (twin != candidate) {
      candidate.write(numpy());
      twin = candidate;
    }
  }

  /** Internal: the graph of {@code oldTwin} is closing; keep its last value on the heap. */
  public synchronized void unbind(GraphVariable oldTwin, FloatNdArray lastValue) {
    if (twin == oldTwin) {
      hostValue = lastValue;
      twin = null;
    }
  }

  private static FloatNdArray copy(FloatNdArray value) {
    FloatNdArray copy = org.tensorflow.ndarray.NdArrays.ofFloats(value.shape());
    value.copyTo(copy);
    return copy;
  }

  @Override
  public String toString() {
    return "<Variable " + name + " shape=" + shape + ">";
  }
}
