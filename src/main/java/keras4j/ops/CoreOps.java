package keras4j.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.Eager;
import keras4j.backend.JavaArrays;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.core.TensorLike;
import keras4j.core.Variable;
import org.tensorflow.Operand;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TType;

/**
 * Keras's {@code keras.ops} core: conversion, dtypes, shapes and indexing; and the plumbing every
 * op of {@link Ops} runs through. An op inside a traced function (a layer's {@code call}, a loss,
 * a {@code trainStep}, the body of {@code TF.function}) adds to that graph; outside, on values, it
 * runs at once on a graph of its own and returns an eager tensor, as {@code keras.ops} does on
 * NumPy arrays.
 */
abstract class CoreOps {
  CoreOps() {}

  // ---------------------------------------------------------------- plumbing

  /** The TensorFlow op builder of the trace running now. */
  static org.tensorflow.op.Ops tf() {
    return Trace.current("A keras4j op").tf();
  }

  /** {@code operand} as a tensor of the trace running now. */
  static Tensor out(Operand<? extends TType> operand) {
    return new Tensor(Trace.current("A keras4j op").graph(), operand);
  }

  /** The operand of {@code t} as the type the caller names (its dtype was checked). */
  static <T extends TType> Operand<T> any(Tensor t) {
    return t.any();
  }

  /**
   * {@code x} as a tensor of the trace running now: a tensor or variable as it is, a number or a
   * Java array or NdArray as a constant of its own dtype ({@code float[]} float32, {@code int[]}
   * int32, {@code double} float64, ...).
   */
  static Tensor t(Object x) {
    if (x instanceof TensorLike like) {
      return CoreBridge.tensor(like.asTensor());
    }
    NdArray<?> array = JavaArrays.toNdArray(x, "The operand");
    return out(Eager.constant(tf(), array, Eager.dtypeOf(array)));
  }

  /** Runs the body of op {@code name} (Keras's name, for messages) where it belongs. */
  static KerasTensor op(String name, Supplier<Tensor> body) {
    return opList(name, () -> List.of(body.get())).get(0);
  }

  /**
   * Runs the body of op {@code name}: inside a trace, adding its ops there; outside, at once on
   * a graph of its own, the results eager tensors. TensorFlow's shape errors become {@link
   * IllegalArgumentException}s naming the op.
   */
  static List<KerasTensor> opList(String name, Supplier<List<Tensor>> body) {
    try {
      if (Trace.currentOrNull() != null) {
        return body.get().stream().map(t -> CoreBridge.<KerasTensor>kerasTensor(t)).toList();
      }
      return Eager.run(body).stream().map(v -> CoreBridge.<KerasTensor>eagerTensor(v)).toList();
    } catch (TensorFlowException e) {
      throw new IllegalArgumentException(named(name, e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      // TensorFlow's shape errors (TFInvalidArgumentException is one) and the checks of the
      // kernels shared with the layers: the message says which op it was, once.
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("ops.") && !(e instanceof TFInvalidArgumentException)) {
        throw e;
      }
      throw new IllegalArgumentException(named(name, message), e);
    }
  }

  /**
   * {@code message} as "ops.NAME: ...": TensorFlow's first line without the node it names (the
   * graph's, not the caller's), keeping the input shapes it lists.
   */
  private static String named(String name, String message) {
    String first = message.lines().findFirst().orElse("invalid arguments")
        .replaceAll(" for '\\{\\{node .*?\\}\\}[^']*'", "")
        .replaceAll(" and with (computed input tensors|input tensors computed as partial"
            + " shapes):.*", "");
    return first.startsWith("ops.") ? first
        : first.startsWith(name + ": ") ? "ops." + first : "ops." + name + ": " + first;
  }

  /** The dtype {@code x} has as an operand; Java numbers are weak (null). */
  private static DType strongDType(Object x) {
    if (x instanceof KerasTensor tensor) {
      return DType.of(tensor.dtype(), "dtype");
    }
    if (x instanceof TensorLike) {
      return DType.FLOAT32; // a variable
    }
    if (x instanceof Number) {
      return null;
    }
    return Eager.dtypeOf(JavaArrays.toNdArray(x, "The operand"));
  }

  /** Keras's {@code result_type} of the operands {@code xs} (Java numbers weak, as Python's). */
  static DType resultType(Object... xs) {
    List<DType> strong = new ArrayList<>();
    boolean weakInt = false;
    boolean weakFloat = false;
    for (Object x : xs) {
      DType d = strongDType(x);
      if (d != null) {
        strong.add(d);
      } else if (x instanceof Double || x instanceof Float) {
        weakFloat = true;
      } else {
        weakInt = true;
      }
    }
    return DType.resultType(strong, weakInt, weakFloat);
  }

  /** {@code x} as a tensor of {@code dtype} (cast if it is another). */
  static Tensor t(Object x, DType dtype) {
    Tensor tensor = x instanceof Number n ? numberConstant(n, dtype) : t(x);
    return tensor.dtype() == dtype ? tensor : out(tf().dtypes.cast(tensor.value(), dtype.type()));
  }

  private static Tensor numberConstant(Number n, DType dtype) {
    org.tensorflow.op.Ops tf = tf();
    Operand<? extends TType> value = n instanceof Double || n instanceof Float
        ? tf.constant(n.doubleValue()) : tf.constant(n.longValue());
    return out(value.type() == dtype.type() ? value : tf.dtypes.cast(value, dtype.type()));
  }

  private static final java.util.Set<String> STRING_OPS = java.util.Set.of("equal", "not_equal",
      "where");

  /**
   * The operands cast to their {@link #resultType}, which must be numeric for {@code op} unless it
   * only compares or selects (equal, not_equal, where also take strings, as TensorFlow's ops).
   */
  static Tensor[] promoted(String op, Object... xs) {
    DType dtype = resultType(xs);
    if (dtype == DType.STRING && !STRING_OPS.contains(op)) {
      throw new IllegalArgumentException("ops." + op + " takes numbers, got string tensors");
    }
    Tensor[] out = new Tensor[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = t(xs[i], dtype);
    }
    return out;
  }

  /** {@code x} in a float dtype: floats as they are, integers and booleans as float32. */
  static Tensor floating(Tensor x) {
    return x.dtype().isFloat() ? x : out(tf().dtypes.cast(x.value(), DType.FLOAT32.type()));
  }

  /** The static rank of {@code t}; {@code op} needs it known. */
  static int rank(Tensor t, String op) {
    int rank = t.value().shape().numDimensions();
    if (rank < 0) {
      throw new IllegalArgumentException("ops." + op + " needs a tensor of known rank");
    }
    return rank;
  }

  /** {@code axis} (negative counting from the end) as an index below {@code rank}. */
  static int axis(int axis, int rank, String op) {
    if (axis < -rank || axis >= Math.max(rank, 1) || (rank == 0 && axis != 0 && axis != -1)) {
      throw new IllegalArgumentException("ops." + op + ": axis " + axis + " is out of range for a"
          + " tensor of rank " + rank + (rank == 0 ? "" : " (valid: " + -rank + " to "
          + (rank - 1) + ")"));
    }
    return axis < 0 ? axis + rank : axis;
  }

  /** Every axis of {@code axes} normalized, each once; null means all {@code rank} axes. */
  static int[] axes(int[] axes, int rank, String op) {
    if (axes == null) {
      int[] all = new int[rank];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axis(axes[i], rank, op);
      for (int j = 0; j < i; j++) {
        if (out[j] == out[i]) {
          throw new IllegalArgumentException(
              "ops." + op + ": axis " + axes[i] + " is repeated in " + Arrays.toString(axes));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- conversion and dtypes

  /**
   * {@code ops.convert_to_tensor(x)}: a value as a tensor of its own dtype ({@code float[][]}
   * float32, {@code double[]} float64, {@code int[]} int32, {@code long[]} int64, {@code
   * boolean[]} bool, {@code byte[]} uint8, {@code String[]} string; Java numbers as Keras does
   * Python's: an integer int32, a double float32).
   *
   * @param x a tensor, variable, number, Java array or NdArray
   * @return the tensor: eager outside a traced function, of its graph inside one
   */
  public static KerasTensor convertToTensor(Object x) {
    if (x instanceof KerasTensor tensor) {
      return tensor;
    }
    if (x instanceof Number) {
      return convertToTensor(x, resultType(x).kerasName());
    }
    return op("convert_to_tensor", () -> t(x));
  }

  /**
   * {@code ops.convert_to_tensor(x, dtype)}.
   *
   * @param x a tensor, variable, number, Java array or NdArray
   * @param dtype the dtype of the result, e.g. {@code "float32"}, {@code "int64"}
   * @return the tensor, cast to {@code dtype}
   * @throws IllegalArgumentException if {@code dtype} is not a dtype keras4j has
   */
  public static KerasTensor convertToTensor(Object x, String dtype) {
    DType d = DType.of(dtype, "dtype");
    return op("convert_to_tensor", () -> t(x, d));
  }

  /**
   * {@code ops.convert_to_numpy(x)}: a copy of the value, in the NdArray type of its dtype (see
   * {@link KerasTensor#value()}).
   *
   * @param x an eager tensor, a variable, or a value to convert first
   * @return a copy of the value
   */
  public static NdArray<?> convertToNumpy(Object x) {
    if (x instanceof KerasTensor tensor && tensor.isEager()) {
      return tensor.value();
    }
    return op("convert_to_numpy", () -> t(x)).value();
  }

  /**
   * {@code ops.cast(x, dtype)}: floats to integers truncate toward zero, as TensorFlow does;
   * anything to bool is {@code x != 0}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param dtype the dtype of the result, e.g. {@code "float32"}, {@code "int32"}, {@code "bool"}
   * @return x as {@code dtype}
   * @throws IllegalArgumentException if {@code dtype} is not a dtype keras4j has
   */
  public static KerasTensor cast(TensorLike x, String dtype) {
    DType d = DType.of(dtype, "dtype");
    return op("cast", () -> t(x, d));
  }

  /**
   * {@code x.dtype}, Keras's name of a tensor's element type ({@code keras.ops.dtype(x)}).
   *
   * @param x the tensor or variable
   * @return e.g. {@code "float32"}
   */
  public static String dtype(TensorLike x) {
    return x instanceof KerasTensor tensor ? tensor.dtype() : DType.FLOAT32.kerasName();
  }

  /**
   * {@code ops.shape(x)}: the static shape, -1 for a dimension known only when it runs (None).
   *
   * @param x the tensor or variable
   * @return the shape
   */
  public static Shape shape(TensorLike x) {
    return x instanceof KerasTensor tensor ? tensor.shape() : ((Variable) x).shape();
  }

  /**
   * {@code ops.ndim(x)}: the number of dimensions.
   *
   * @param x the tensor or variable
   * @return the rank
   */
  public static int ndim(TensorLike x) {
    return shape(x).numDimensions();
  }

  /**
   * {@code ops.size(x)}: the number of elements, computed when the op runs (so a batch dimension
   * unknown at trace time counts).
   *
   * @param x the tensor or variable
   * @return an int32 scalar
   */
  public static KerasTensor size(TensorLike x) {
    return op("size", () -> out(tf().size(t(x).value())));
  }

  /**
   * {@code ops.stop_gradient(x)}: x, through which no gradient flows.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the same values, treated as a constant by gradients
   */
  public static KerasTensor stopGradient(TensorLike x) {
    return op("stop_gradient", () -> out(tf().stopGradient(t(x).value())));
  }

  // ---------------------------------------------------------------- indexing

  /**
   * NumPy indexing, {@code x[...]}: {@code slice(x, all(), from(1), newAxis())} is {@code x[:,
   * 1:, None]} (the indices of {@link Index}; {@code at(i)} drops the axis as {@code x[i]}
   * does, {@code ellipsis()} is {@code ...}).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param indices one index per axis, from the first; axes left out are taken whole
   * @return the selected part of {@code x}
   * @throws IllegalArgumentException if an index is out of range of its axis
   */
  public static KerasTensor slice(TensorLike x, org.tensorflow.ndarray.index.Index... indices) {
    return op("slice", () -> {
      Tensor in = t(x);
      checkIndices(in, indices);
      return out(tf().stridedSlice(in.value(), indices));
    });
  }

  /**
   * NumPy indexing written as in Python: {@code slice(x, ":, 1:, None")} is {@code x[:, 1:,
   * None]}; {@code "..."}, {@code "-1"}, {@code "::2"}, {@code "1:-1"} work as in NumPy.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param spec what goes between the brackets of {@code x[...]}
   * @return the selected part of {@code x}
   * @throws IllegalArgumentException if {@code spec} does not parse or an index is out of range
   */
  public static KerasTensor slice(TensorLike x, String spec) {
    return slice(x, Index.parse(spec));
  }

  /**
   * {@code ops.slice(x, start_indices, shape)}: the block of {@code shape} from {@code start}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param start the index where the block starts, one per dimension
   * @param shape the block's size, one per dimension (-1 for everything to the end)
   * @return the block, shaped {@code shape}
   */
  public static KerasTensor slice(TensorLike x, long[] start, long[] shape) {
    // int32 indices: TF's gradient of Slice subtracts them from an int32 shape.
    int[] begin = java.util.Arrays.stream(start).mapToInt(Math::toIntExact).toArray();
    int[] size = java.util.Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    return op("slice", () -> {
      Tensor in = t(x);
      Shape dims = in.value().shape();
      if (begin.length != dims.numDimensions() || size.length != begin.length) {
        throw new IllegalArgumentException("ops.slice: start_indices " + Arrays.toString(start)
            + " and shape " + Arrays.toString(shape) + " need one entry per axis of x, shape "
            + Shapes.toKeras(dims));
      }
      for (int d = 0; d < begin.length; d++) {
        long n = dims.get(d);
        boolean outside = n >= 0 && (begin[d] > n || (size[d] >= 0 && begin[d] + size[d] > n));
        if (begin[d] < 0 || outside) {
          throw new IllegalArgumentException("ops.slice: a block of shape " + Arrays.toString(shape)
              + " from " + Arrays.toString(start) + " does not fit in x of shape "
              + Shapes.toKeras(dims) + " (axis " + d + ")");
        }
      }
      return out(tf().slice(in.value(), tf().constant(begin), tf().constant(size)));
    });
  }

  /** Static range checks of integer indices, which TensorFlow reports only as it runs. */
  private static void checkIndices(Tensor in, org.tensorflow.ndarray.index.Index[] indices) {
    Shape shape = in.value().shape();
    int axis = 0;
    for (org.tensorflow.ndarray.index.Index index : indices) {
      if (index.isEllipsis()) {
        return;
      }
      if (index.isNewAxis()) {
        continue;
      }
      if (axis >= shape.numDimensions()) {
        throw new IllegalArgumentException("ops.slice: too many indices (" + indices.length
            + ") for a tensor of shape " + Shapes.toKeras(shape));
      }
      long size = shape.get(axis);
      if (index.isPoint() && size >= 0 && (index.begin() >= size || index.begin() < -size)) {
        throw new IllegalArgumentException("ops.slice: index " + index.begin() + " is out of"
            + " range for axis " + axis + " of size " + size + " (shape " + Shapes.toKeras(shape)
            + ")");
      }
      axis++;
    }
  }
}
