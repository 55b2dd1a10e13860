package keras4j.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.OneHot;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code keras.ops} that rearrange values: reshaping, transposing, joining, splitting,
 * repeating, padding, gathering.
 */
abstract class ShapeOps extends CreationOps {
  ShapeOps() {}

  /**
   * {@code ops.reshape(x, shape)} (one dimension may be -1, inferred).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param shape the new dimensions, of the same total size; at most one -1
   * @return the reshaped tensor
   * @throws IllegalArgumentException if the sizes differ
   */
  public static KerasTensor reshape(TensorLike x, long... shape) {
    return op("reshape", () -> {
      Tensor in = t(x);
      Shape from = in.value().shape();
      long known = 1;
      int inferred = 0;
      for (long d : shape) {
        if (d == -1) {
          inferred++;
        } else if (d < 0) {
          throw new IllegalArgumentException("ops.reshape: dimension " + d + " in "
              + Arrays.toString(shape) + " (only -1, one inferred dimension, is negative)");
        } else {
          known *= d;
        }
      }
      if (inferred > 1) {
        throw new IllegalArgumentException(
            "ops.reshape: at most one -1 in the new shape, got " + Arrays.toString(shape));
      }
      if (!from.hasUnknownDimension() && (inferred == 0 ? known != from.size()
          : known == 0 || from.size() % known != 0)) {
        throw new IllegalArgumentException("ops.reshape: cannot reshape " + from.size()
            + " values of shape " + Shapes.toKeras(from) + " to " + Arrays.toString(shape));
      }
      return out(tf().reshape(in.value(), tf().constant(shape)));
    });
  }

  /**
   * {@code ops.reshape(x, (-1, *sampleShape))}: a batch of samples of a new shape.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param sampleShape the new shape of each sample (without the batch dimension), of the same size
   * @return the reshaped batch, shape {@code (batch, sampleShape...)}
   */
  public static KerasTensor reshapeSamples(TensorLike x, Shape sampleShape) {
    return reshape(x, sampleShape.prepend(-1).asArray());
  }

  /**
   * {@code ops.transpose(x)}: the dimensions reversed.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the transposed tensor; an {@code (n, m)} matrix becomes {@code (m, n)}
   */
  public static KerasTensor transpose(TensorLike x) {
    return op("transpose", () -> {
      Tensor in = t(x);
      int rank = rank(in, "transpose");
      int[] reversed = new int[rank];
      Arrays.setAll(reversed, i -> rank - 1 - i);
      return out(tf().linalg.transpose(in.value(), tf().constant(reversed)));
    });
  }

  /**
   * {@code ops.transpose(x, axes)}: dimension {@code i} of the result is {@code axes[i]} of x.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes a permutation of x's dimensions (negative counting from the end)
   * @return x with its dimensions permuted
   * @throws IllegalArgumentException if {@code axes} is not a permutation of x's axes
   */
  public static KerasTensor transpose(TensorLike x, int... axes) {
    return op("transpose", () -> {
      Tensor in = t(x);
      int rank = rank(in, "transpose");
      if (axes.length != rank) {
        throw new IllegalArgumentException("ops.transpose: axes " + Arrays.toString(axes)
            + " do not match a tensor of rank " + rank);
      }
      return out(tf().linalg.transpose(in.value(), tf().constant(axes(axes, rank, "transpose"))));
    });
  }

  /**
   * {@code ops.swapaxes(x, axis1, axis2)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis1 one axis
   * @param axis2 the other
   * @return x with the two axes exchanged
   */
  public static KerasTensor swapaxes(TensorLike x, int axis1, int axis2) {
    int rank = ndim(x);
    int a = axis(axis1, rank, "swapaxes");
    int b = axis(axis2, rank, "swapaxes");
    int[] perm = new int[rank];
    Arrays.setAll(perm, i -> i == a ? b : i == b ? a : i);
    return transpose(x, perm);
  }

  /**
   * {@code ops.moveaxis(x, source, destination)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param source the axis to move
   * @param destination where it goes
   * @return x with that axis moved, the others in order
   */
  public static KerasTensor moveaxis(TensorLike x, int source, int destination) {
    int rank = ndim(x);
    int from = axis(source, rank, "moveaxis");
    int to = axis(destination, rank, "moveaxis");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (i != from) {
        order.add(i);
      }
    }
    order.add(to, from);
    return transpose(x, order.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code ops.expand_dims(x, axis)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis where the new size-1 axis goes, negative counting from the end
   * @return {@code x} with one more dimension
   */
  public static KerasTensor expandDims(TensorLike x, int axis) {
    return op("expand_dims", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "expand_dims") + 1, "expand_dims");
      return out(tf().expandDims(in.value(), tf().constant(at)));
    });
  }

  /**
   * {@code ops.squeeze(x, axis)}; no axis removes every axis of size 1.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axes the size-1 axes to remove (all of them if none is given)
   * @return x without those axes
   * @throws IllegalArgumentException if one of {@code axes} is not of size 1
   */
  public static KerasTensor squeeze(TensorLike x, int... axes) {
    return op("squeeze", () -> {
      Tensor in = t(x);
      Shape shape = in.value().shape();
      if (axes.length == 0) {
        return out(tf().squeeze(in.value()));
      }
      long[] at = Arrays.stream(axes(axes, rank(in, "squeeze"), "squeeze")).asLongStream()
          .toArray();
      for (long a : at) {
        if (shape.get((int) a) > 1) {
          throw new IllegalArgumentException("ops.squeeze: axis " + a + " of shape "
              + Shapes.toKeras(shape) + " has size " + shape.get((int) a) + ", not 1");
        }
      }
      return out(tf().squeeze(in.value(), Squeeze.axis(Arrays.stream(at).boxed().toList())));
    });
  }

  /**
   * {@code ops.concatenate(xs, axis=0)}.
   *
   * @param values the tensors to join, equal in every other dimension
   * @return the joined tensor
   */
  public static KerasTensor concatenate(List<? extends TensorLike> values) {
    return concatenate(values, 0);
  }

  /**
   * {@code ops.concatenate(xs, axis)}, in the dtype the values promote to.
   *
   * @param values the tensors to join, equal in every other dimension
   * @param axis the axis to join along, negative counting from the last
   * @return the joined tensor
   * @throws IllegalArgumentException if {@code values} is empty or the shapes do not fit
   */
  public static KerasTensor concatenate(List<? extends TensorLike> values, int axis) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("concatenate needs at least one tensor");
    }
    return op("concatenate", () -> {
      List<Operand<TType>> parts = joined("concatenate", values);
      Shape first = parts.get(0).shape();
      int at = axis(axis, first.numDimensions(), "concatenate");
      for (Operand<TType> part : parts) {
        Shape shape = part.shape();
        boolean fits = shape.numDimensions() == first.numDimensions();
        for (int d = 0; fits && d < shape.numDimensions(); d++) {
          fits = d == at || shape.get(d) < 0 || first.get(d) < 0 || shape.get(d) == first.get(d);
        }
        if (!fits) {
          throw new IllegalArgumentException("ops.concatenate: shapes " + Shapes.toKeras(first)
              + " and " + Shapes.toKeras(shape) + " do not join along axis " + axis + " (every"
              + " other dimension must be equal)");
        }
      }
      return out(tf().concat(parts, tf().constant(at)));
    });
  }

  /**
   * {@code ops.stack(xs)}: the tensors along a new first axis.
   *
   * @param values the tensors to stack, of one shape
   * @return the stacked tensor
   */
  public static KerasTensor stack(List<? extends TensorLike> values) {
    return stack(values, 0);
  }

  /**
   * {@code ops.stack(xs, axis)}: the tensors along a new axis.
   *
   * @param values the tensors to stack, of one shape
   * @param axis where the new axis goes
   * @return the stacked tensor
   * @throws IllegalArgumentException if {@code values} is empty or the shapes differ
   */
  public static KerasTensor stack(List<? extends TensorLike> values, int axis) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("stack needs at least one tensor");
    }
    return op("stack", () -> {
      List<Operand<TType>> parts = joined("stack", values);
      int at = axis(axis, parts.get(0).shape().numDimensions() + 1, "stack");
      List<Operand<TType>> expanded = new ArrayList<>();
      for (Operand<TType> part : parts) {
        if (!part.shape().isCompatibleWith(parts.get(0).shape())) {
          throw new IllegalArgumentException("ops.stack: shapes differ, "
              + Shapes.toKeras(parts.get(0).shape()) + " and " + Shapes.toKeras(part.shape()));
        }
        expanded.add(tf().expandDims(part, tf().constant(at)));
      }
      return out(tf().concat(expanded, tf().constant(at)));
    });
  }

  private static List<Operand<TType>> joined(String op, List<? extends TensorLike> values) {
    Tensor[] promoted = promoted(op, values.toArray());
    List<Operand<TType>> parts = new ArrayList<>();
    for (Tensor p : promoted) {
      parts.add(any(p));
    }
    return parts;
  }

  /**
   * {@code ops.split(x, sections, axis=0)}: {@code sections} equal parts along the first axis.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param sections the number of parts, which must divide the first dimension
   * @return the parts, in order
   */
  public static List<KerasTensor> split(TensorLike x, int sections) {
    return split(x, sections, 0);
  }

  /**
   * {@code ops.split(x, sections, axis)}: {@code sections} equal parts.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param sections the number of parts, which must divide the axis
   * @param axis the axis to split
   * @return the parts, in order
   * @throws IllegalArgumentException if the axis does not split into equal parts
   */
  public static List<KerasTensor> split(TensorLike x, int sections, int axis) {
    return opList("split", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "split"), "split");
      long size = in.value().shape().get(at);
      if (sections <= 0 || (size >= 0 && size % sections != 0)) {
        throw new IllegalArgumentException("ops.split: axis " + axis + " of size " + size
            + " does not split into " + sections + " equal parts");
      }
      List<Tensor> parts = new ArrayList<>();
      tf().split(tf().constant(at), in.value(), (long) sections).forEach(p -> parts.add(out(p)));
      return parts;
    });
  }

  /**
   * {@code ops.split(x, indices, axis)}: the parts between the given positions ({@code [2, 5]}
   * gives {@code x[:2]}, {@code x[2:5]}, {@code x[5:]} along the axis).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param indices the positions where a part starts, ascending
   * @param axis the axis to split
   * @return the parts, in order
   */
  public static List<KerasTensor> split(TensorLike x, int[] indices, int axis) {
    return opList("split", () -> {
      Tensor in = t(x);
      int rank = rank(in, "split");
      int at = axis(axis, rank, "split");
      List<Tensor> parts = new ArrayList<>();
      long previous = 0;
      for (int i = 0; i <= indices.length; i++) {
        org.tensorflow.ndarray.index.Index[] index = new org.tensorflow.ndarray.index.Index[at + 1];
        Arrays.fill(index, Index.all());
        index[at] = i < indices.length ? Index.range(previous, indices[i]) : Index.from(previous);
        parts.add(out(tf().stridedSlice(in.value(), index)));
        previous = i < indices.length ? indices[i] : previous;
      }
      return parts;
    });
  }

  /**
   * {@code ops.tile(x, repeats)}: {@code x} repeated {@code repeats[i]} times along axis i (a
   * shorter {@code repeats} applies to the last axes; a longer one adds leading axes).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param repeats how many copies along each axis
   * @return the tiled tensor
   */
  public static KerasTensor tile(TensorLike x, int... repeats) {
    for (int r : repeats) {
      if (r < 0) {
        throw new IllegalArgumentException("ops.tile: repeats " + Arrays.toString(repeats)
            + " must be at least 0");
      }
    }
    return op("tile", () -> {
      Tensor in = t(x);
      int rank = rank(in, "tile");
      Operand<TType> value = any(in);
      int[] multiples = repeats;
      if (repeats.length < rank) {
        multiples = new int[rank];
        Arrays.fill(multiples, 1);
        System.arraycopy(repeats, 0, multiples, rank - repeats.length, repeats.length);
      } else if (repeats.length > rank) {
        long[] shape = new long[repeats.length];
        Arrays.fill(shape, 1);
        long[] dims = in.value().shape().asArray();
        System.arraycopy(dims, 0, shape, repeats.length - rank, rank);
        value = tf().reshape(value, tf().constant(shape));
      }
      return out(tf().tile(value, tf().constant(multiples)));
    });
  }

  /**
   * {@code ops.repeat(x, repeats, axis)}: each element {@code repeats} times in a row along the
   * axis ({@code [1, 2]} becomes {@code [1, 1, 2, 2]}).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param repeats how many times each element appears, at least 0
   * @param axis the axis to repeat along
   * @return the repeated tensor
   */
  public static KerasTensor repeat(TensorLike x, int repeats, int axis) {
    if (repeats < 0) {
      throw new IllegalArgumentException("ops.repeat: repeats must be at least 0, got " + repeats);
    }
    return op("repeat", () -> {
      Tensor in = t(x);
      int rank = rank(in, "repeat");
      int at = axis(axis, rank, "repeat");
      var tf = tf();
      Operand<TType> expanded = tf.expandDims(any(in), tf.constant(at + 1));
      int[] multiples = new int[rank + 1];
      Arrays.fill(multiples, 1);
      multiples[at + 1] = repeats;
      Operand<TType> tiled = tf.tile(expanded, tf.constant(multiples));
      // The new shape: x's, with the axis multiplied (computed at run time for unknown sizes).
      Operand<TInt64> shape = tf.shape(in.value(), TInt64.class);
      long[] scale = new long[rank];
      Arrays.fill(scale, 1);
      scale[at] = repeats;
      return out(tf.reshape(tiled, tf.math.mul(shape, tf.constant(scale))));
    });
  }

  /**
   * {@code ops.repeat(x, repeats)}: x flattened, each element {@code repeats} times in a row.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param repeats how many times each element appears
   * @return a vector
   */
  public static KerasTensor repeat(TensorLike x, int repeats) {
    return repeat(reshape(x, -1), repeats, 0);
  }

  /**
   * {@code ops.pad(x, pad_width)} with zeros: {@code padWidth[axis] = {before, after}}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param padWidth for each axis, how many values go before and after
   * @return the padded tensor
   */
  public static KerasTensor pad(TensorLike x, int[][] padWidth) {
    return pad(x, padWidth, "constant", 0);
  }

  /**
   * {@code ops.pad(x, pad_width, mode, constant_values)}: mode {@code "constant"}, {@code
   * "reflect"} (the edge not repeated) or {@code "symmetric"} (the edge repeated).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param padWidth for each axis, how many values go before and after
   * @param mode how the new values are chosen
   * @param constantValue the value of the new elements in mode {@code "constant"}
   * @return the padded tensor
   * @throws IllegalArgumentException if {@code padWidth} does not match x's rank or a width is
   *     negative, or the mode is unknown
   */
  public static KerasTensor pad(TensorLike x, int[][] padWidth, String mode, double constantValue) {
    return op("pad", () -> {
      Tensor in = t(x);
      int rank = rank(in, "pad");
      if (padWidth.length != rank) {
        throw new IllegalArgumentException("ops.pad: pad_width has " + padWidth.length
            + " rows for a tensor of rank " + rank + ": give {before, after} for each axis");
      }
      for (int[] row : padWidth) {
        if (row.length != 2 || row[0] < 0 || row[1] < 0) {
          throw new IllegalArgumentException("ops.pad: each row of pad_width is {before, after},"
              + " both at least 0, got " + Arrays.toString(row));
        }
      }
      var tf = tf();
      var paddings = tf.constant(padWidth);
      return switch (mode) {
        case "constant" -> {
          Operand<TType> fill = any(t(constantValue, in.dtype()));
          yield out(tf.pad(any(in), paddings, fill));
        }
        case "reflect", "symmetric" -> {
          // Reflecting needs widths below the dimension (symmetric: up to it).
          Shape shape = in.value().shape();
          for (int d = 0; d < rank; d++) {
            long size = shape.get(d);
            long limit = mode.equals("reflect") ? size - 1 : size;
            if (size >= 0 && Math.max(padWidth[d][0], padWidth[d][1]) > limit) {
              throw new IllegalArgumentException("ops.pad: mode '" + mode + "' pads axis " + d
                  + " of size " + size + " (shape " + Shapes.toKeras(shape) + ") by at most "
                  + limit + " on each side, got " + Arrays.toString(padWidth[d]));
            }
          }
          yield out(tf.mirrorPad(any(in), paddings, mode.toUpperCase(java.util.Locale.ROOT)));
        }
        default -> throw new IllegalArgumentException("ops.pad: unknown mode '" + mode
            + "'. Valid modes: constant, reflect, symmetric");
      };
    });
  }

  /**
   * {@code ops.flip(x)}: every axis reversed.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return x reversed
   */
  public static KerasTensor flip(TensorLike x) {
    return op("flip", () -> {
      Tensor in = t(x);
      return out(tf().reverse(in.value(), tf().constant(axes(null, rank(in, "flip"), "flip"))));
    });
  }

  /**
   * {@code ops.flip(x, axis)}: the order of the values along {@code axis} reversed.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to reverse
   * @return x reversed along that axis
   */
  public static KerasTensor flip(TensorLike x, int axis) {
    return op("flip", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "flip"), "flip");
      return out(tf().reverse(in.value(), tf().constant(new int[] {at})));
    });
  }

  /**
   * {@code ops.roll(x, shift, axis)}: the values moved {@code shift} places along the axis,
   * those falling off the end coming back at the start.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param shift how far (negative: towards the start)
   * @param axis the axis to roll along
   * @return the rolled tensor
   */
  public static KerasTensor roll(TensorLike x, int shift, int axis) {
    return op("roll", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "roll"), "roll");
      return out(tf().roll(in.value(), tf().constant(shift), tf().constant(at)));
    });
  }

  /**
   * {@code ops.roll(x, shift)}: x flattened, rolled and reshaped back.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param shift how far (negative: towards the start)
   * @return the rolled tensor, shaped like x
   */
  public static KerasTensor roll(TensorLike x, int shift) {
    return op("roll", () -> {
      Tensor in = t(x);
      var tf = tf();
      Operand<TType> flat = tf.reshape(any(in), tf.constant(new long[] {-1}));
      Operand<TType> rolled = tf.roll(flat, tf.constant(shift), tf.constant(0));
      return out(tf.reshape(rolled, tf.shape(in.value())));
    });
  }

  /**
   * {@code ops.broadcast_to(x, shape)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param shape the shape to broadcast to, NumPy's rules
   * @return x broadcast
   */
  public static KerasTensor broadcastTo(TensorLike x, long... shape) {
    return op("broadcast_to", () -> {
      Tensor in = t(x);
      Shape from = in.value().shape();
      boolean fits = from.isUnknown() || from.numDimensions() <= shape.length;
      for (int i = 1; fits && i <= from.numDimensions(); i++) {
        long d = from.get(from.numDimensions() - i);
        fits = d < 0 || d == 1 || d == shape[shape.length - i];
      }
      if (!fits) {
        throw new IllegalArgumentException("ops.broadcast_to: shape " + Shapes.toKeras(from)
            + " does not broadcast to " + Arrays.toString(shape) + " (each dimension must be"
            + " equal, or 1 in x)");
      }
      return out(tf().broadcastTo(in.value(), tf().constant(shape)));
    });
  }

  /**
   * {@code ops.take(x, indices, axis)}: the slices of x at {@code indices} along the axis
   * (negative indices count from the end, as Keras).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param indices integer positions: a tensor or a Java {@code int[]} / {@code long[]}
   * @param axis the axis the indices select on
   * @return a tensor whose axis {@code axis} is replaced by the indices' shape
   */
  public static KerasTensor take(TensorLike x, Object indices, int axis) {
    return op("take", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "take"), "take");
      var tf = tf();
      Operand<TInt64> size = tf.gather(tf.shape(in.value(), TInt64.class), tf.constant(at),
          tf.constant(0));
      return out(tf.gather(in.value(), wrapped(indices, size, in.value().shape().get(at), "take"),
          tf.constant(at)));
    });
  }

  /**
   * {@code ops.take(x, indices)}: positions of x flattened.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param indices integer positions: a tensor or a Java {@code int[]} / {@code long[]}
   * @return the selected values, shaped like {@code indices}
   */
  public static KerasTensor take(TensorLike x, Object indices) {
    return take(reshape(x, -1), indices, 0);
  }

  /**
   * {@code ops.take_along_axis(x, indices, axis)}: NumPy's {@code take_along_axis}, e.g. the
   * values at the positions {@code argsort} gives.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param indices integer positions, of x's rank, broadcasting on the other axes
   * @param axis the axis the indices select on
   * @return the selected values, shaped like the broadcast of {@code indices}
   */
  public static KerasTensor takeAlongAxis(TensorLike x, Object indices, int axis) {
    return op("take_along_axis", () -> {
      Tensor in = t(x);
      int rank = rank(in, "take_along_axis");
      int at = axis(axis, rank, "take_along_axis");
      var tf = tf();
      Operand<TInt64> xShape = tf.shape(in.value(), TInt64.class);
      Operand<TInt64> size = tf.gather(xShape, tf.constant(at), tf.constant(0));
      Operand<TInt64> idx = wrapped(indices, size, in.value().shape().get(at), "take_along_axis");
      if (idx.shape().numDimensions() != rank) {
        throw new IllegalArgumentException("ops.take_along_axis: indices of rank "
            + idx.shape().numDimensions() + " for a tensor of rank " + rank + " (they must match)");
      }
      // Broadcast x and the indices against each other everywhere but the axis, then gather
      // along the axis with every other axis a batch dimension.
      Operand<TInt64> idxShape = tf.shape(idx, TInt64.class);
      long[] mask = new long[rank];
      mask[at] = 1;
      Operand<TBool> isAxis = tf.dtypes.cast(tf.constant(mask), TBool.class);
      Operand<TInt64> ones = tf.onesLike(xShape);
      Operand<TInt64> common = tf.broadcastDynamicShape(
          tf.select(isAxis, ones, xShape), tf.select(isAxis, ones, idxShape));
      Operand<TType> xb = tf.broadcastTo(any(in), tf.select(isAxis, xShape, common));
      Operand<TInt64> ib = tf.broadcastTo(idx, tf.select(isAxis, idxShape, common));
      int[] perm = new int[rank];
      int j = 0;
      for (int i = 0; i < rank; i++) {
        if (i != at) {
          perm[j++] = i;
        }
      }
      perm[rank - 1] = at;
      int[] inverse = new int[rank];
      for (int i = 0; i < rank; i++) {
        inverse[perm[i]] = i;
      }
      Operand<TType> gathered = tf.gather(tf.linalg.transpose(xb, tf.constant(perm)),
          tf.linalg.transpose(ib, tf.constant(perm)), tf.constant(rank - 1),
          org.tensorflow.op.core.Gather.batchDims((long) rank - 1));
      return out(tf.linalg.transpose(gathered, tf.constant(inverse)));
    });
  }

  /**
   * Integer {@code indices} as int64, negative ones counted back from {@code size} (the axis's
   * size as it runs; {@code n} the static one, -1 if unknown).
   */
  private static Operand<TInt64> wrapped(Object indices, Operand<TInt64> size, long n,
      String op) {
    Tensor idx = t(indices);
    if (!idx.dtype().isInteger()) {
      throw new IllegalArgumentException(
          "ops." + op + ": indices must be integers, got " + idx.dtype());
    }
    if (!(indices instanceof TensorLike) && n >= 0) {
      // Java indices are known now: say which is out of range rather than fail as it runs.
      keras4j.backend.JavaArrays.toNdArray(indices, "indices").scalars().forEach(s -> {
        long i = ((Number) s.getObject()).longValue();
        if (i >= n || i < -n) {
          throw new IllegalArgumentException("ops." + op + ": index " + i + " is out of range"
              + " for an axis of size " + n);
        }
      });
    }
    var tf = tf();
    Operand<TInt64> i = tf.dtypes.cast(idx.value(), TInt64.class);
    return tf.select(tf.math.less(i, tf.constant(0L)), tf.math.add(i, size), i);
  }

  /**
   * {@code ops.one_hot(x, num_classes)}: float32, the new axis last.
   *
   * @param x integer class ids (floats holding integers are accepted, as Keras)
   * @param numClasses the number of classes
   * @return one-hot vectors; an id outside {@code [0, numClasses)} gives zeros
   */
  public static KerasTensor oneHot(TensorLike x, int numClasses) {
    return oneHot(x, numClasses, -1, "float32");
  }

  /**
   * {@code ops.one_hot(x, num_classes, axis, dtype)}.
   *
   * @param x integer class ids
   * @param numClasses the number of classes
   * @param axis where the new axis goes
   * @param dtype the dtype of the result
   * @return one-hot vectors; an id outside {@code [0, numClasses)} gives zeros
   */
  public static KerasTensor oneHot(TensorLike x, int numClasses, int axis, String dtype) {
    DType d = DType.of(dtype, "dtype");
    if (numClasses < 0) {
      throw new IllegalArgumentException("ops.one_hot: num_classes must be at least 0, got "
          + numClasses);
    }
    return op("one_hot", () -> {
      Tensor in = t(x);
      int at = axis(axis, rank(in, "one_hot") + 1, "one_hot");
      var tf = tf();
      Operand<TInt64> ids = tf.dtypes.cast(in.value(), TInt64.class);
      Operand<TType> on = tf.dtypes.cast(tf.constant(1.0), d.<TType>typed());
      Operand<TType> off = tf.dtypes.cast(tf.constant(0.0), d.<TType>typed());
      return out(tf.oneHot(ids, tf.constant(numClasses), on, off, OneHot.axis((long) at)));
    });
  }
}
