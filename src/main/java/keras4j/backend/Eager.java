package keras4j.backend;

import org.tensorflow.EagerSession;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Runs framework initializers eagerly, so weights exist before any model graph does. */
public final class Eager {
  private Eager() {}

  /** A heap copy of {@code initializer}'s value for {@code shape}. */
  public static synchronized FloatNdArray initialize(Initializer<TFloat32> initializer, Shape shape) {
    try (EagerSession session = EagerSession.create()) {
      Ops tf = Ops.create(session);
      try (TFloat32 value = initializer.call(tf, tf.constant(shape), TFloat32.class).asTensor()) {
        return GraphVariable.copy(value);
      }
    }
  }
}
