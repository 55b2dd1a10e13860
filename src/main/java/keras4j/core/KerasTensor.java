package keras4j.core;

import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.Eager;
import keras4j.backend.Tensor;
import keras4j.backend.Kernels;
import keras4j.backend.Trace;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A tensor flowing between layers, like {@code keras.KerasTensor}.
 *
 * <p>It is <em>symbolic</em> when built with the functional API ({@code Input.shape(784)} and
 * {@code layer.apply(x)}): its {@link #kerasHistory()} names the {@link Node} (layer call) that
 * made it, so that {@code new Model(inputs, outputs)} can replay the graph. It is <em>concrete</em> inside
 * a trace (a layer's {@code call}, a subclassed model's {@code call}): then it is a real tensor of
 * the model's graph and its methods ({@link #matmul}, {@link #add}, ...) add operations. It is <em>eager</em> when
 * it holds a value on the heap: a result of a function traced by {@code keras4j.tf.TF.function},
 * or a constant; {@link #numpy()} reads it, and a trace using it embeds it as a constant.
 *
 * <p>Shapes include the batch dimension first, -1 when unknown (Keras prints it as None). Every
 * tensor has a {@link #dtype()}, Keras's name of its element type ({@code "float32"}, {@code
 * "int32"}, {@code "bool"}, ...).
 */
public final class KerasTensor implements TensorLike {
  static {
    CoreBridge.install(new CoreBridge.Access() {
      @Override
      public Tensor tensor(Object kerasTensor) {
        return ((KerasTensor) kerasTensor).tensor();
      }

      @Override
      public Object kerasTensor(Tensor tensor) {
        return of(tensor);
      }

      @Override
      public Object eagerTensor(Eager.Value value) {
        return new KerasTensor(value.array().shape(), null, null, value.array(), value.dtype(),
            null, value.logits() == null ? null : value);
      }

      @Override
      public keras4j.backend.VariableStorage storage(Object variable) {
        return ((Variable) variable).storage();
      }
    });
  }

  private final Shape shape;
  private final KerasHistory history;
  private final Tensor tensor;
  private final NdArray<?> value;
  private final DType dtype;
  private final KerasTensor mask;
  // An eager sigmoid's or softmax's result with the logits behind it (Keras's _keras_logits),
  // which become part of the graph tensor again when it is used; null otherwise.
  private final Eager.Value withLogits;

  private KerasTensor(
      Shape shape, KerasHistory history, Tensor tensor, NdArray<?> value, DType dtype) {
    this(shape, history, tensor, value, dtype, null, null);
  }

  private KerasTensor(Shape shape, KerasHistory history, Tensor tensor, NdArray<?> value,
      DType dtype, KerasTensor mask, Eager.Value withLogits) {
    this.shape = shape;
    this.history = history;
    this.tensor = tensor;
    this.value = value;
    this.dtype = dtype;
    this.mask = mask;
    this.withLogits = withLogits;
  }

  /** A symbolic float32 tensor of shape {@code shape} (batch first); {@link Node} makes them. */
  static KerasTensor symbolic(Shape shape, KerasHistory history) {
    return symbolic(shape, DType.FLOAT32, history);
  }

  /** A symbolic tensor of shape {@code shape} (batch first) and {@code dtype}. */
  static KerasTensor symbolic(Shape shape, DType dtype, KerasHistory history) {
    return new KerasTensor(shape, history, null, null, dtype);
  }

  /** A tensor of the graph being traced. */
  static KerasTensor of(Tensor tensor) {
    return new KerasTensor(tensor.value().shape(), null, tensor, null, tensor.dtype());
  }

  /**
   * An eager tensor holding a copy of {@code value}, like {@code tf.constant(value)}: its dtype
   * is the array's ({@code FloatNdArray} float32, {@code IntNdArray} int32, {@code LongNdArray}
   * int64, {@code DoubleNdArray} float64, {@code BooleanNdArray} bool, {@code ByteNdArray} uint8,
   * an {@code NdArray<String>} string).
   *
   * @param value the value to copy into the tensor
   * @return an eager tensor holding {@code value}
   */
  public static KerasTensor constant(NdArray<?> value) {
    DType dtype = Eager.dtypeOf(value);
    return new KerasTensor(value.shape(), null, null, copy(value, dtype), dtype);
  }

  private static NdArray<?> copy(NdArray<?> value, DType dtype) {
    @SuppressWarnings("unchecked")
    NdArray<Object> out = (NdArray<Object>) Eager.heapArray(dtype, value.shape());
    @SuppressWarnings("unchecked")
    NdArray<Object> from = (NdArray<Object>) value;
    from.copyTo(out);
    return out;
  }

  /**
   * The shape, batch dimension first (-1 when unknown).
   *
   * @return the shape, batch dimension first (-1 when unknown)
   */
  public Shape shape() {
    return shape;
  }

  /**
   * The dtype, as Keras names it: {@code "float32"}, {@code "int32"}, {@code "int64"}, {@code
   * "bool"}, {@code "float64"}, {@code "uint8"}, {@code "string"}, ...
   *
   * @return Keras's name of the element type
   */
  public String dtype() {
    return dtype.kerasName();
  }

  /**
   * Whether this tensor only describes a future value (functional API).
   *
   * @return whether this tensor only describes a future value (functional API)
   */
  public boolean isSymbolic() {
    return tensor == null && value == null;
  }

  /**
   * Whether this tensor holds a value on the heap (a traced function's result, a constant).
   *
   * @return whether this tensor holds a value on the heap (a traced function's result, a constant)
   */
  public boolean isEager() {
    return value != null;
  }

  /**
   * A copy of a float32 (or float16, bfloat16) value, like {@code tensor.numpy()}; {@code
   * numpy().getFloat()} reads a scalar. Only eager tensors have one: a tensor inside a trace gets
   * its value when the traced function returns it. Other dtypes are read with {@link #value()}.
   *
   * @return a copy of the value, like {@code tensor.numpy()}; {@code numpy().getFloat()} reads a
   *     scalar
   * @throws IllegalStateException if this tensor has no value yet or is not of a float32-held dtype
   */
  public FloatNdArray numpy() {
    NdArray<?> copy = value();
    if (!(copy instanceof FloatNdArray floats)) {
      throw new IllegalStateException(
          "This tensor is " + dtype + ", not float32: value() gives its values as "
              + copy.getClass().getSimpleName().replace("Dense", "").replace("Impl", "")
              + ", or cast it first with Ops.cast(x, \"float32\")");
    }
    return floats;
  }

  /**
   * A copy of the value in the NdArray type of its dtype, like {@code ops.convert_to_numpy(x)}:
   * {@code FloatNdArray} for float32 (and float16, bfloat16), {@code DoubleNdArray} float64,
   * {@code IntNdArray} int32, {@code LongNdArray} int64, {@code BooleanNdArray} bool, {@code
   * ByteNdArray} uint8 (bytes to read as unsigned), {@code ShortNdArray} uint16, {@code
   * NdArray<String>} string.
   *
   * @return a copy of the value
   * @throws IllegalStateException if this tensor has no value yet (symbolic, or inside a trace)
   */
  public NdArray<?> value() {
    if (value == null) {
      throw new IllegalStateException(
          tensor != null
              ? "This tensor belongs to a graph being traced (the body of TF.function or a model's"
                  + " call) and has no value yet: return it from the traced function, whose result"
                  + " holds its value"
              : "This is a symbolic tensor of the functional API; it has no value until a model runs");
    }
    return copy(value, dtype);
  }

  /**
   * The mask a layer attached to this tensor (Keras's {@code _keras_mask}): a bool tensor of
   * shape {@code (batch, steps)}, true for the steps to use, false for padding ({@code
   * Embedding(maskZero(true))}, {@code Masking}); layers that support masking receive it and
   * pass it on, as in Keras. Null when there is none.
   *
   * @return the mask, or null
   */
  public KerasTensor mask() {
    return mask;
  }

  /**
   * This tensor with {@code mask} attached (Keras's {@code backend.set_keras_mask}); the tensor
   * itself is shared, not copied.
   *
   * @param mask a bool tensor of shape {@code (batch, steps)}, or null for none
   * @return a tensor of the same value carrying {@code mask}
   */
  public KerasTensor withMask(KerasTensor mask) {
    return new KerasTensor(shape, history, tensor, value, dtype, mask, withLogits);
  }

  @Override
  public KerasTensor asTensor() {
    return this;
  }

  /**
   * Where this symbolic tensor comes from (Keras's {@code _keras_history}): the operation, its
   * call and the output's position; null for a concrete or eager tensor.
   *
   * @return where this symbolic tensor comes from (Keras's {@code _keras_history}): the operation,
   *     its call and the output's position; null for a concrete or eager tensor
   */
  public KerasHistory kerasHistory() {
    return history;
  }

  /**
   * The graph tensor behind a concrete KerasTensor. An eager one becomes a constant of the graph
   * being traced; a graph tensor must belong to the graph being traced, if any.
   */
  Tensor tensor() {
    Trace trace = Trace.currentOrNull();
    if (value != null) {
      if (trace == null) {
        throw new IllegalStateException(
            "Ops on values run inside a traced function (a layer's or model's call, a trainStep,"
                + " or the body of keras4j.tf.TF.function); there is no eager mode");
      }
      if (withLogits != null) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> logits = (Operand<TFloat32>) Eager.constant(trace.tf(),
            withLogits.logits(), DType.FLOAT32);
        return new Tensor(trace.graph(), Eager.constant(trace.tf(), value, dtype), logits,
            withLogits.activation());
      }
      return new Tensor(trace.graph(), Eager.constant(trace.tf(), value, dtype));
    }
    if (tensor == null) {
      throw new IllegalStateException(
          "This is a symbolic tensor of the functional API; it has no value until a model runs");
    }
    if (trace != null && trace.graph() != tensor.graph()) {
      throw new IllegalArgumentException(
          "This tensor belongs to another graph: it was computed inside another traced function"
              + " or model, and a graph's tensors only exist inside it. Pass values between"
              + " traced functions as arguments and results, and read variables with"
              + " Variable.value() inside the function that uses them");
    }
    return tensor;
  }

  /**
   * Matrix product {@code this @ other}.
   *
   * @param other the right-hand operand
   * @return the matrix product
   */
  public KerasTensor matmul(KerasTensor other) {
    return of(Kernels.matmul(tensor(), other.tensor()));
  }

  /**
   * Element-wise sum, with broadcasting.
   *
   * @param other the right-hand operand
   * @return {@code this + other}
   */
  public KerasTensor add(KerasTensor other) {
    return of(Kernels.add(tensor(), other.tensor()));
  }

  /**
   * Element-wise difference, with broadcasting.
   *
   * @param other the right-hand operand
   * @return {@code this - other}
   */
  public KerasTensor sub(KerasTensor other) {
    return of(Kernels.binary(tensor(), other.tensor(), (tf, a, b) -> tf.math.sub(a, b)));
  }

  /**
   * Element-wise product, with broadcasting.
   *
   * @param other the right-hand operand
   * @return {@code this * other}
   */
  public KerasTensor mul(KerasTensor other) {
    return of(Kernels.binary(tensor(), other.tensor(), (tf, a, b) -> tf.math.mul(a, b)));
  }

  /**
   * Element-wise quotient, with broadcasting.
   *
   * @param other the right-hand operand
   * @return {@code this / other}
   */
  public KerasTensor div(KerasTensor other) {
    return of(Kernels.binary(tensor(), other.tensor(), (tf, a, b) -> tf.math.div(a, b)));
  }

  /**
   * This tensor times a constant.
   *
   * @param factor the scalar to multiply by
   * @return {@code this * factor}
   */
  public KerasTensor mul(float factor) {
    return of(Kernels.unary(tensor(), (tf, a) -> tf.math.mul(a, tf.constant(factor))));
  }

  /**
   * Element-wise absolute value.
   *
   * @return {@code |this|}, element-wise
   */
  public KerasTensor abs() {
    return of(Kernels.unary(tensor(), (tf, a) -> tf.math.abs(a)));
  }

  /**
   * Element-wise square.
   *
   * @return {@code this^2}, element-wise
   */
  public KerasTensor square() {
    return of(Kernels.unary(tensor(), (tf, a) -> tf.math.square(a)));
  }

  /**
   * Mean of all elements.
   *
   * @return a scalar: the mean of every element
   */
  public KerasTensor reduceMean() {
    return of(Kernels.mean(tensor()));
  }

  /**
   * Sum of all elements.
   *
   * @return a scalar: the sum of every element
   */
  public KerasTensor reduceSum() {
    return of(Kernels.sum(tensor()));
  }

  @Override
  public String toString() {
    String type = dtype == DType.FLOAT32 ? "" : ", dtype=" + dtype;
    if (value != null) {
      return "<KerasTensor shape=" + Shapes.toKeras(shape) + type
          + (shape.numDimensions() == 0 ? ", value=" + value.getObject() : "") + ">";
    }
    return "<KerasTensor shape=" + Shapes.toKeras(shape) + type
        + (history != null ? ", made by " + history.operation().name() : "") + ">";
  }
}
