package keras4j.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.ndarray.BooleanNdArray;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.ShortNdArray;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Values on the heap and the ops run on them outside any traced function ({@code keras.ops} on
 * concrete values): each call traces its ops into a graph of its own, runs it once and frees it.
 */
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

  /**
   * A value on the heap and its dtype (float16 and bfloat16 are held as floats); a sigmoid's or
   * softmax's also the float32 logits it was computed from and that activation's name, which the
   * crossentropies use as Keras's {@code _keras_logits} (else null).
   */
  public record Value(NdArray<?> array, DType dtype, NdArray<?> logits, String activation) {
    /** A value with no logits behind it. */
    public Value(NdArray<?> array, DType dtype) {
      this(array, dtype, null, null);
    }
  }

  /**
   * Runs {@code body}, which builds ops on constants and variables, in a graph of its own, and
   * returns the values of the tensors it returns.
   */
  public static List<Value> run(Supplier<List<Tensor>> body) {
    try (ModelGraph graph = new ModelGraph(1, -1, false)) {
      List<Tensor> outputs = Trace.run(graph, false, body).value();
      return graph.running(() -> {
        graph.claimVariables();
        Session.Runner runner = graph.session().runner();
        outputs.forEach(t -> runner.fetch(t.value()));
        outputs.stream().filter(t -> t.logits() != null).forEach(t -> runner.fetch(t.logits()));
        List<Value> values = new ArrayList<>();
        try (Result result = runner.run()) {
          int logits = outputs.size();
          for (int i = 0; i < outputs.size(); i++) {
            Tensor t = outputs.get(i);
            values.add(t.logits() == null ? new Value(copy(result.get(i)), t.dtype())
                : new Value(copy(result.get(i)), t.dtype(), copy(result.get(logits++)),
                    t.activation()));
          }
        } catch (TensorFlowException e) {
          throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse(""), e);
        }
        return values;
      });
    }
  }

  /** A heap copy of a TensorFlow tensor, in the NdArray type of its dtype ({@link #heapArray}). */
  public static NdArray<?> copy(org.tensorflow.Tensor tensor) {
    @SuppressWarnings("unchecked")
    NdArray<Object> from = (NdArray<Object>) tensor;
    @SuppressWarnings("unchecked")
    NdArray<Object> to = (NdArray<Object>) heapArray(DType.of(((TType) tensor).type()),
        tensor.shape());
    from.copyTo(to);
    return to;
  }

  /** A heap array of {@code dtype}'s NdArray type: what {@link #copy} gives for that dtype. */
  public static NdArray<?> heapArray(DType dtype, Shape shape) {
    return switch (dtype) {
      case BOOL -> NdArrays.ofBooleans(shape);
      case UINT8 -> NdArrays.ofBytes(shape);
      case UINT16 -> NdArrays.ofShorts(shape);
      case INT32 -> NdArrays.ofInts(shape);
      case INT64 -> NdArrays.ofLongs(shape);
      case BFLOAT16, FLOAT16, FLOAT32 -> NdArrays.ofFloats(shape);
      case FLOAT64 -> NdArrays.ofDoubles(shape);
      case STRING -> NdArrays.ofObjects(String.class, shape);
    };
  }

  /** The dtype a heap array holds: floats float32, ints int32, longs int64, bytes uint8, ... */
  public static DType dtypeOf(NdArray<?> array) {
    if (array instanceof FloatNdArray) {
      return DType.FLOAT32;
    }
    if (array instanceof DoubleNdArray) {
      return DType.FLOAT64;
    }
    if (array instanceof IntNdArray) {
      return DType.INT32;
    }
    if (array instanceof LongNdArray) {
      return DType.INT64;
    }
    if (array instanceof BooleanNdArray) {
      return DType.BOOL;
    }
    if (array instanceof ByteNdArray) {
      return DType.UINT8;
    }
    if (array instanceof ShortNdArray) {
      return DType.UINT16;
    }
    Object first = array.size() == 0 ? null : array.getObject(new long[array.rank()]);
    if (first instanceof String || (first == null && array.size() == 0)) {
      return DType.STRING;
    }
    throw new IllegalArgumentException(
        "A tensor holds numbers, booleans or strings, got an NdArray of "
            + (first == null ? "nothing" : first.getClass().getName()));
  }

  /** {@code value} (held as {@link #dtypeOf}'s type) as a constant of {@code dtype} in {@code tf}. */
  @SuppressWarnings("unchecked")
  public static Operand<? extends TType> constant(Ops tf, NdArray<?> value, DType dtype) {
    Operand<? extends TType> held = switch (dtypeOf(value)) {
      case BOOL -> tf.constant((BooleanNdArray) value);
      case UINT8 -> tf.constant((ByteNdArray) value);
      case UINT16 -> {
        IntNdArray widened = NdArrays.ofInts(value.shape());
        ((ShortNdArray) value).scalars().forEachIndexed((i, s) ->
            widened.setInt(Short.toUnsignedInt(s.getShort()), i));
        yield tf.constant(widened);
      }
      case INT32 -> tf.constant((IntNdArray) value);
      case INT64 -> tf.constant((LongNdArray) value);
      case FLOAT32, FLOAT16, BFLOAT16 -> tf.constant((FloatNdArray) value);
      case FLOAT64 -> tf.constant((DoubleNdArray) value);
      case STRING -> tf.constant((NdArray<String>) value);
    };
    return held.type() == dtype.type() ? held : tf.dtypes.cast(held, dtype.type());
  }
}
