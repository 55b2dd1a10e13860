package keras4j.constraints;

import java.util.Arrays;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/** The norm constraints' shared parts: the axis argument and Keras's rescaling by norms. */
final class Norms {
  /** Keras's {@code backend.epsilon()}, added to the norms before dividing. */
  static final float EPSILON = 1e-7f;

  private Norms() {}

  /** {@code sqrt(sum(square(w), axis, keepdims=True))}. */
  static KerasTensor of(KerasTensor w, int[] axis) {
    return Ops.sqrt(Ops.sum(Ops.square(w), axis, true));
  }

  /** {@code w * (desired / (epsilon + norms))}, as Keras's MaxNorm and MinMaxNorm. */
  static KerasTensor rescale(KerasTensor w, KerasTensor desired, KerasTensor norms) {
    return Ops.multiply(w, Ops.divide(desired, Ops.add(norms, EPSILON)));
  }

  /** A copy of the axes, refusing none. */
  static int[] axes(String constraint, int... axis) {
    if (axis.length == 0) {
      throw new IllegalArgumentException(constraint + " needs at least one axis to compute the"
          + " norms over, e.g. 0 for a Dense kernel, {0, 1, 2} for a Conv2D kernel");
    }
    return axis.clone();
  }

  /** The axis as Keras's config writes it: an int, or a list of several. */
  static Object config(int[] axis) {
    return axis.length == 1 ? axis[0] : Arrays.stream(axis).boxed().toList();
  }

  /** The axis of a config: an int or a list of ints. */
  static int[] fromConfig(Object axis) {
    if (axis instanceof Number n) {
      return new int[] {n.intValue()};
    }
    if (axis instanceof List<?> list && list.stream().allMatch(a -> a instanceof Number)) {
      return list.stream().mapToInt(a -> ((Number) a).intValue()).toArray();
    }
    throw new IllegalArgumentException("A constraint's axis must be an int or a list of ints,"
        + " got " + axis);
  }
}
