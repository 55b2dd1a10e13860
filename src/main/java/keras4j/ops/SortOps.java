package keras4j.ops;

import java.util.List;
import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/** Keras's sorting ops: {@code sort}, {@code argsort}, {@code top_k}, {@code in_top_k}. */
abstract class SortOps extends LinalgOps {
  SortOps() {}

  /**
   * {@code ops.sort(x, axis=-1)}: ascending.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the sorted values, shaped like x
   */
  public static KerasTensor sort(TensorLike x) {
    return sort(x, -1);
  }

  /**
   * {@code ops.sort(x, axis)}: ascending along the axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to sort along
   * @return the sorted values, shaped like x
   */
  public static KerasTensor sort(TensorLike x, int axis) {
    return ascending("sort", x, axis, false);
  }

  /**
   * {@code ops.argsort(x, axis=-1)}: the int32 positions that sort x ascending (equal values in
   * their order).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the positions, shaped like x
   */
  public static KerasTensor argsort(TensorLike x) {
    return argsort(x, -1);
  }

  /**
   * {@code ops.argsort(x, axis)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to sort along
   * @return the int32 positions that sort x ascending along the axis
   */
  public static KerasTensor argsort(TensorLike x, int axis) {
    return ascending("argsort", x, axis, true);
  }

  /** An ascending sort as TensorFlow's: top_k of {@code -x} along the last axis. */
  private static KerasTensor ascending(String name, TensorLike x, int axis, boolean indices) {
    return op(name, () -> {
      Tensor in = t(x);
      DType d = in.dtype();
      if (d == DType.STRING) {
        throw new IllegalArgumentException("ops." + name + " takes numbers, got strings");
      }
      DType computed = d == DType.BOOL || d == DType.UINT8 || d == DType.UINT16 ? DType.INT32 : d;
      int rank = rank(in, name);
      int at = axis(axis, rank, name);
      var tf = tf();
      int[] perm = new int[rank];
      for (int i = 0; i < rank; i++) {
        perm[i] = i == at ? rank - 1 : i == rank - 1 ? at : i;
      }
      Operand<TNumber> v = tf.linalg.transpose(any(t(x, computed)), tf.constant(perm));
      Operand<TInt32> n = tf.gather(tf.shape(v), tf.constant(rank - 1), tf.constant(0));
      TopK<TNumber, TInt32> top = tf.nn.topK(tf.math.neg(v), n, new TopK.Options[0]);
      Operand<?> result = indices ? top.indices() : tf.math.neg(top.values());
      Operand<?> back = tf.linalg.transpose(any(out(result)), tf.constant(perm));
      return indices || computed == d ? out(back)
          : out(tf.dtypes.cast(back, d.type()));
    });
  }

  /**
   * {@code ops.top_k(x, k)}: the {@code k} largest values along the last axis, largest first,
   * and their int32 positions.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param k how many, at most the last dimension
   * @return {@code [values, indices]}
   * @throws IllegalArgumentException if {@code k} exceeds the last dimension
   */
  public static List<KerasTensor> topK(TensorLike x, int k) {
    return opList("top_k", () -> {
      Tensor in = t(x);
      int rank = rank(in, "top_k");
      long last = rank == 0 ? 0 : in.value().shape().get(rank - 1);
      if (k < 0 || (last >= 0 && k > last)) {
        throw new IllegalArgumentException("ops.top_k: k = " + k + " for a last axis of size "
            + last);
      }
      TopK<TNumber, TInt32> top = tf().nn.topK(any(in), tf().constant(k), new TopK.Options[0]);
      return List.of(out(top.values()), out(top.indices()));
    });
  }

  /**
   * {@code ops.in_top_k(targets, predictions, k)}: whether each row's class id is among the
   * {@code k} largest scores.
   *
   * @param targets the class id of each row, shape (batch), integers (or floats holding them)
   * @param predictions the scores, shape (batch, classes)
   * @param k how many of the highest scores count as a hit
   * @return a bool for each row, shape (batch)
   */
  public static KerasTensor inTopK(TensorLike targets, TensorLike predictions, int k) {
    return op("in_top_k", () -> {
      Operand<TFloat32> scores = any(t(predictions, DType.FLOAT32));
      Operand<TInt32> ids = any(t(targets, DType.INT32));
      org.tensorflow.ndarray.Shape s = scores.shape();
      org.tensorflow.ndarray.Shape i = ids.shape();
      if (s.numDimensions() != 2 || i.numDimensions() != 1
          || (s.get(0) >= 0 && i.get(0) >= 0 && s.get(0) != i.get(0))) {
        throw new IllegalArgumentException("ops.in_top_k: targets of shape "
            + keras4j.core.Shapes.toKeras(i) + " and predictions of shape "
            + keras4j.core.Shapes.toKeras(s) + " do not match: give (batch) targets and (batch,"
            + " classes) predictions");
      }
      return out(tf().nn.inTopK(scores, ids, tf().constant(k)));
    });
  }
}
