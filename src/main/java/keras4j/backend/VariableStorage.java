package keras4j.backend;

import java.util.Objects;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Where a variable's float32 value lives: on the heap until a graph runs it, then in that graph's
 * session (its {@link GraphVariable} twin), and on the heap again when the graph closes. One value
 * may move between graphs (a model and a traced function sharing weights): the graph about to run
 * {@link #claim claims} it.
 */
public final class VariableStorage {
  private final String name;
  private final Shape shape;
  private final boolean trainable;
  private FloatNdArray hostValue;
  // Lock order: a graph's lock (ModelGraph.running/building) before this storage's monitor, so
  // a run claiming variables and a reset assigning them cannot deadlock behind a waiting trace.
  private volatile GraphVariable twin;

  /** Storage for a variable named {@code name} holding {@code initialValue}. */
  public VariableStorage(String name, FloatNdArray initialValue, boolean trainable) {
    this.name = Objects.requireNonNull(name, "name");
    this.shape = initialValue.shape();
    this.trainable = trainable;
    this.hostValue = initialValue;
  }

  /** The variable's name. */
  public String name() {
    return name;
  }

  /** The variable's shape. */
  public Shape shape() {
    return shape;
  }

  /** Whether optimizers update the variable (and gradient tapes watch it). */
  public boolean trainable() {
    return trainable;
  }

  /** A copy of the current value, from the session of the graph holding it, if any. */
  public FloatNdArray numpy() {
    while (true) {
      GraphVariable live = twin;
      if (live == null || !live.isLive()) {
        synchronized (this) {
          if (twin == live) {
            return copy(hostValue);
          }
        }
      } else {
        FloatNdArray value = live.owner().running(() -> {
          synchronized (this) {
            return twin == live && live.isLive() ? live.fetch() : null;
          }
        });
        if (value != null) {
          return value;
        }
      }
      // The value moved to another graph meanwhile: read it there.
    }
  }

  /** Replaces the value (of the variable's shape) wherever it lives. */
  public void assign(NdArray<Float> value) {
    if (!value.shape().equals(shape)) {
      throw new IllegalArgumentException(
          "Cannot assign a value of shape " + value.shape() + " to variable '" + name
              + "' of shape " + shape);
    }
    FloatNdArray copy = NdArrays.ofFloats(shape);
    value.copyTo(copy);
    while (true) {
      GraphVariable live = twin;
      if (live == null || !live.isLive()) {
        synchronized (this) {
          if (twin == live) {
            hostValue = copy;
            return;
          }
        }
      } else if (live.owner().running(() -> {
        synchronized (this) {
          if (twin == live && live.isLive()) {
            live.write(copy);
            return true;
          }
          return false;
        }
      })) {
        return;
      }
      // The value moved to another graph meanwhile: write it there.
    }
  }

  /** {@code newTwin} now holds the value (a live twin elsewhere hands it over first). */
  synchronized void bindTo(GraphVariable newTwin) {
    if (twin != null && twin.isLive()) {
      hostValue = twin.fetch();
    }
    twin = newTwin;
  }

  /**
   * {@code candidate}'s graph is about to run (its lock is held): it takes over the value, from
   * the heap or from the graph that holds it now.
   */
  void claim(GraphVariable candidate) {
    if (twin == candidate) {
      return;
    }
    synchronized (this) {
      if (twin != candidate) {
        candidate.write(twin != null && twin.isLive() ? twin.fetch() : copy(hostValue));
        twin = candidate;
      }
    }
  }

  /** The graph of {@code oldTwin} is closing: keep its last value on the heap. */
  synchronized void unbind(GraphVariable oldTwin, FloatNdArray lastValue) {
    if (twin == oldTwin) {
      hostValue = lastValue;
      twin = null;
    }
  }

  static FloatNdArray copy(FloatNdArray value) {
    FloatNdArray copy = NdArrays.ofFloats(value.shape());
    value.copyTo(copy);
    return copy;
  }
}
