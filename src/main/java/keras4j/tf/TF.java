package keras4j.tf;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.core.Variable;
import keras4j.backend.Trace;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * TensorFlow's low-level API for custom training loops, named as in Python so that code ports
 * line for line: {@code import static keras4j.tf.TF.*;} then
 *
 * <pre>{@code
 * Variable w = variable(random.normal(64, 10));               // tf.Variable(tf.random.normal([64, 10]))
 * var step = function((x, y) -> {                              // @tf.function
 *   GradientTape tape = new GradientTape();                    // with tf.GradientTape() as tape:
 *   KerasTensor loss;
 *   try (tape) {
 *     loss = reduceMean(square(subtract(nn.relu(matmul(x, w)), y)));
 *   }
 *   optimizer.applyGradients(tape.gradient(loss, List.of(w)), List.of(w));
 *   return loss;
 * });
 * float l = step.call(xBatch, yBatch).numpy().getFloat();      // loss.numpy()
 * }</pre>
 *
 * <p>keras4j runs these ops in graph mode, as {@code tf.function} does: they add operations to
 * the graph of the function being traced, so they are called inside the body of {@link
 * #function}, and throw elsewhere. Values outside (a function's results, {@link #constant}, {@link
 * RandomOps#normal} called outside a function) are eager {@link KerasTensor}s; inside a function
 * they become constants of its graph. Every tensor is float32.
 */
public final class TF {
  /** {@code tf.nn}: activations and crossentropies. */
  public static final NnOps nn = new NnOps();

  /** {@code tf.random}: seeded random values. */
  public static final RandomOps random = new RandomOps();

  private static final AtomicInteger VARIABLES = new AtomicInteger();

  private TF() {}

  /**
   * {@code @tf.function} for a body without arguments.
   *
   * @param <R> what the body returns: a tensor, or a list or map of tensors
   * @param body the computation to trace: graph tensors in, the result out
   * @return the traced function; {@code call} it with arrays or tensors and close it when done
   */
  public static <R> TracedFunction<R> function(TracedFunction.Body0<R> body) {
    return new TracedFunction<>(0, args -> body.call());
  }

  /**
   * {@code @tf.function} for a body of one argument, e.g. a forward pass.
   *
   * @param <R> what the body returns: a tensor, or a list or map of tensors
   * @param body the computation to trace: graph tensors in, the result out
   * @return the traced function; {@code call} it with arrays or tensors and close it when done
   */
  public static <R> TracedFunction<R> function(TracedFunction.Body1<R> body) {
    return new TracedFunction<>(1, args -> body.call(args.get(0)));
  }

  /**
   * {@code @tf.function} for a body of two arguments, e.g. a training step on {@code (x, y)}.
   *
   * @param <R> what the body returns: a tensor, or a list or map of tensors
   * @param body the computation to trace: graph tensors in, the result out
   * @return the traced function; {@code call} it with arrays or tensors and close it when done
   */
  public static <R> TracedFunction<R> function(TracedFunction.Body2<R> body) {
    return new TracedFunction<>(2, args -> body.call(args.get(0), args.get(1)));
  }

  /**
   * {@code @tf.function} for a body of three arguments.
   *
   * @param <R> what the body returns: a tensor, or a list or map of tensors
   * @param body the computation to trace: graph tensors in, the result out
   * @return the traced function; {@code call} it with arrays or tensors and close it when done
   */
  public static <R> TracedFunction<R> function(TracedFunction.Body3<R> body) {
    return new TracedFunction<>(3, args -> body.call(args.get(0), args.get(1), args.get(2)));
  }

  /**
   * {@code tf.Variable(initial_value)}: a trainable variable named {@code Variable}, {@code
   * Variable_1}, ...
   *
   * @param initialValue the starting value (an eager tensor), which also fixes the shape
   * @return the new trainable variable
   */
  public static Variable variable(KerasTensor initialValue) {
    int n = VARIABLES.getAndIncrement();
    return variable(initialValue, n == 0 ? "Variable" : "Variable_" + n, true);
  }

  /**
   * {@code tf.Variable(initial_value)} from an array.
   *
   * @param initialValue the starting value, which also fixes the shape
   * @return the new trainable variable
   */
  public static Variable variable(NdArray<Float> initialValue) {
    return variable(KerasTensor.constant(initialValue));
  }

  /**
   * {@code tf.Variable(initial_value, name=name, trainable=trainable)}. Create variables outside
   * traced functions (a function's body runs once, at trace time).
   *
   * @param initialValue the starting value (an eager tensor), which also fixes the shape
   * @param name the variable's name
   * @param trainable whether gradient tapes watch it and optimizers update it
   * @return the new variable
   */
  public static Variable variable(KerasTensor initialValue, String name, boolean trainable) {
    if (Trace.currentOrNull() != null) {
      throw new IllegalStateException(
          "Create variables outside the body of TF.function (as fields, like the weights of a"
              + " layer): the body runs only when traced, so a variable made there would exist"
              + " in one trace only");
    }
    if (!initialValue.isEager()) {
      throw new IllegalArgumentException(
          "A variable's initial value must be a value, e.g. random.normal(3, 4), not " + initialValue);
    }
    return new Variable(name, initialValue.numpy(), trainable);
  }

  /**
   * {@code tf.constant(value)}: an eager tensor of a number, a Java array ({@code float[][]},
   * {@code int[]}, ...) or an NdArray, converted to float32.
   *
   * @param value the number, Java array or NdArray to copy
   * @return an eager tensor holding {@code value}
   */
  public static KerasTensor constant(Object value) {
    return KerasTensor.constant(Values.toFloats(value, "constant"));
  }

  /**
   * {@code tf.zeros(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a float32 tensor of zeros
   */
  public static KerasTensor zeros(long... shape) {
    return KerasTensor.constant(NdArrays.ofFloats(Shape.of(shape)));
  }

  /**
   * {@code tf.ones(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a float32 tensor of ones
   */
  public static KerasTensor ones(long... shape) {
    FloatNdArray ones = NdArrays.ofFloats(Shape.of(shape));
    ones.scalars().forEach(s -> s.setFloat(1f));
    return KerasTensor.constant(ones);
  }

  /**
   * {@code tf.zeros_like(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return zeros shaped like {@code x}
   */
  public static KerasTensor zerosLike(TensorLike x) {
    return Ops.zerosLike(inTrace("zerosLike", x));
  }

  /**
   * {@code tf.ones_like(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return ones shaped like {@code x}
   */
  public static KerasTensor onesLike(TensorLike x) {
    return Ops.onesLike(inTrace("onesLike", x));
  }

  /**
   * {@code tf.matmul(a, b)}: the matrix product.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the matrix product
   */
  public static KerasTensor matmul(TensorLike a, TensorLike b) {
    return Ops.matmul(inTrace("matmul", a), b);
  }

  /**
   * {@code tf.add(a, b)}, {@code a + b}, with broadcasting.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise sum
   */
  public static KerasTensor add(TensorLike a, TensorLike b) {
    return Ops.add(inTrace("add", a), b);
  }

  /**
   * {@code tf.subtract(a, b)}, {@code a - b}, with broadcasting.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise difference
   */
  public static KerasTensor subtract(TensorLike a, TensorLike b) {
    return Ops.subtract(inTrace("subtract", a), b);
  }

  /**
   * {@code tf.multiply(a, b)}, {@code a * b}, element-wise with broadcasting.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise product
   */
  public static KerasTensor multiply(TensorLike a, TensorLike b) {
    return Ops.multiply(inTrace("multiply", a), b);
  }

  /**
   * {@code tf.divide(a, b)}, {@code a / b}, element-wise with broadcasting.
   *
   * @param a the left operand, a tensor or variable
   * @param b the right operand, broadcast against {@code a} as in NumPy
   * @return the element-wise quotient
   */
  public static KerasTensor divide(TensorLike a, TensorLike b) {
    return Ops.divide(inTrace("divide", a), b);
  }

  /**
   * {@code tf.negative(x)}, {@code -x}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code -x}, element-wise
   */
  public static KerasTensor negative(TensorLike x) {
    return Ops.negative(inTrace("negative", x));
  }

  /**
   * {@code tf.square(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code x * x}, element-wise
   */
  public static KerasTensor square(TensorLike x) {
    return Ops.square(inTrace("square", x));
  }

  /**
   * {@code tf.sqrt(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the element-wise square root (NaN for negative elements)
   */
  public static KerasTensor sqrt(TensorLike x) {
    return Ops.sqrt(inTrace("sqrt", x));
  }

  /**
   * {@code tf.exp(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code e^x}, element-wise
   */
  public static KerasTensor exp(TensorLike x) {
    return Ops.exp(inTrace("exp", x));
  }

  /**
   * {@code tf.math.log(x)}, the natural logarithm.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code ln(x)}, element-wise (-inf at 0, NaN below)
   */
  public static KerasTensor log(TensorLike x) {
    return Ops.log(inTrace("log", x));
  }

  /**
   * {@code tf.abs(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return {@code |x|}, element-wise
   */
  public static KerasTensor abs(TensorLike x) {
    return Ops.abs(inTrace("abs", x));
  }

  /**
   * {@code tf.tanh(x)}.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the hyperbolic tangent of each element, in (-1, 1)
   */
  public static KerasTensor tanh(TensorLike x) {
    return Ops.tanh(inTrace("tanh", x));
  }

  /**
   * {@code tf.reduce_mean(x)}: the mean of all elements.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the mean of all elements, a scalar
   */
  public static KerasTensor reduceMean(TensorLike x) {
    return Ops.mean(inTrace("reduceMean", x));
  }

  /**
   * {@code tf.reduce_mean(x, axis)}: the mean along {@code axis} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to average over, negative counting from the last
   * @return the means, with {@code axis} removed
   */
  public static KerasTensor reduceMean(TensorLike x, int axis) {
    return Ops.mean(inTrace("reduceMean", x), axis);
  }

  /**
   * {@code tf.reduce_sum(x)}: the sum of all elements.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the sum of all elements, a scalar
   */
  public static KerasTensor reduceSum(TensorLike x) {
    return Ops.sum(inTrace("reduceSum", x));
  }

  /**
   * {@code tf.reduce_sum(x, axis)}: the sum along {@code axis} (negative counts from the end).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @param axis the axis to sum over, negative counting from the last
   * @return the sums, with {@code axis} removed
   */
  public static KerasTensor reduceSum(TensorLike x, int axis) {
    return Ops.sum(inTrace("reduceSum", x), axis);
  }

  /**
   * {@code tf.transpose(x)}: the dimensions reversed (rows and columns of a matrix swapped).
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the transposed tensor; an {@code (n, m)} matrix becomes {@code (m, n)}
   */
  public static KerasTensor transpose(TensorLike x) {
    return Ops.transpose(inTrace("transpose", x));
  }

  /**
   * {@code tf.concat(values, axis)}: the tensors joined along {@code axis}.
   *
   * @param values the tensors to join, equal in every other dimension
   * @param axis the axis to join along, negative counting from the last
   * @return the joined tensor
   */
  public static KerasTensor concat(List<? extends TensorLike> values, int axis) {
    values.forEach(v -> inTrace("concat", v));
    return Ops.concatenate(values, axis);
  }

  /**
   * {@code tf.stop_gradient(x)}: x, through which no gradient flows.
   *
   * @param x the input: a tensor, or a variable (read at its current value)
   * @return the same values, treated as a constant by gradients
   */
  public static KerasTensor stopGradient(TensorLike x) {
    return Ops.stopGradient(inTrace("stopGradient", x));
  }

  /** {@code x}, checked to be used inside a trace; {@code op} is named if there is none. */
  static TensorLike inTrace(String op, TensorLike x) {
    if (Trace.currentOrNull() == null) {
      throw new IllegalStateException(
          "TF." + op + " adds an op to a graph: call it inside the body of TF.function(...),"
              + " which keras4j traces into a graph once and re-runs (there is no eager mode)");
    }
    return x;
  }
}
