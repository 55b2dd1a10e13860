package keras4j.tf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import keras4j.core.KerasTensor;
import keras4j.core.TensorLike;
import keras4j.core.Variable;
import keras4j.backend.ModelGraph;
import keras4j.backend.Tensor;
import keras4j.backend.TensorMath;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

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

  /** {@code @tf.function} for a body without arguments. */
  public static <R> TracedFunction<R> function(TracedFunction.Body0<R> body) {
    return new TracedFunction<>(0, args -> body.call());
  }

  /** {@code @tf.function} for a body of one argument, e.g. a forward pass. */
  public static <R> TracedFunction<R> function(TracedFunction.Body1<R> body) {
    return new TracedFunction<>(1, args -> body.call(args.get(0)));
  }

  /** {@code @tf.function} for a body of two arguments, e.g. a training step on {@code (x, y)}. */
  public static <R> TracedFunction<R> function(TracedFunction.Body2<R> body) {
    return new TracedFunction<>(2, args -> body.call(args.get(0), args.get(1)));
  }

  /** {@code @tf.function} for a body of three arguments. */
  public static <R> TracedFunction<R> function(TracedFunction.Body3<R> body) {
    return new TracedFunction<>(3, args -> body.call(args.get(0), args.get(1), args.get(2)));
  }

  /** {@code tf.Variable(initial_value)}: a trainable variable named {@code Variable}, {@code Variable_1}, ... */
  public static Variable variable(KerasTensor initialValue) {
    int n = VARIABLES.getAndIncrement();
    return variable(initialValue, n == 0 ? "Variable" : "Variable_" + n, true);
  }

  /** {@code tf.Variable(initial_value)} from an array. */
  public static Variable variable(NdArray<Float> initialValue) {
    return variable(KerasTensor.constant(initialValue));
  }

  /**
   * {@code tf.Variable(initial_value, name=name, trainable=trainable)}. Create variables outside
   * traced functions (a function's body runs once, at trace time).
   */
  public static Variable variable(KerasTensor initialValue, String name, boolean trainable) {
    if (ModelGraph.currentOrNull() != null) {
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
   */
  public static KerasTensor constant(Object value) {
    return KerasTensor.constant(Values.toFloats(value, "constant"));
  }

  /** {@code tf.zeros(shape)}. */
  public static KerasTensor zeros(long... shape) {
    return KerasTensor.constant(NdArrays.ofFloats(Shape.of(shape)));
  }

  /** {@code tf.ones(shape)}. */
  public static KerasTensor ones(long... shape) {
    FloatNdArray ones = NdArrays.ofFloats(Shape.of(shape));
    ones.scalars().forEach(s -> s.setFloat(1f));
    return KerasTensor.constant(ones);
  }

  /** {@code tf.zeros_like(x)}. */
  public static KerasTensor zerosLike(TensorLike x) {
    return unary("zerosLike", x, (tf, a) -> tf.zerosLike(a));
  }

  /** {@code tf.ones_like(x)}. */
  public static KerasTensor onesLike(TensorLike x) {
    return unary("onesLike", x, (tf, a) -> tf.onesLike(a));
  }

  /** {@code tf.matmul(a, b)}: the matrix product. */
  public static KerasTensor matmul(TensorLike a, TensorLike b) {
    return binary("matmul", a, b, TensorMath::matmul);
  }

  /** {@code tf.add(a, b)}, {@code a + b}, with broadcasting. */
  public static KerasTensor add(TensorLike a, TensorLike b) {
    return binary("add", a, b, TensorMath::add);
  }

  /** {@code tf.subtract(a, b)}, {@code a - b}, with broadcasting. */
  public static KerasTensor subtract(TensorLike a, TensorLike b) {
    return binary("subtract", a, b, TensorMath::sub);
  }

  /** {@code tf.multiply(a, b)}, {@code a * b}, element-wise with broadcasting. */
  public static KerasTensor multiply(TensorLike a, TensorLike b) {
    return binary("multiply", a, b, TensorMath::mul);
  }

  /** {@code tf.divide(a, b)}, {@code a / b}, element-wise with broadcasting. */
  public static KerasTensor divide(TensorLike a, TensorLike b) {
    return binary("divide", a, b, TensorMath::div);
  }

  /** {@code tf.negative(x)}, {@code -x}. */
  public static KerasTensor negative(TensorLike x) {
    return unary("negative", x, (tf, a) -> tf.math.neg(a));
  }

  /** {@code tf.square(x)}. */
  public static KerasTensor square(TensorLike x) {
    return unary("square", x, (tf, a) -> tf.math.square(a));
  }

  /** {@code tf.sqrt(x)}. */
  public static KerasTensor sqrt(TensorLike x) {
    return unary("sqrt", x, (tf, a) -> tf.math.sqrt(a));
  }

  /** {@code tf.exp(x)}. */
  public static KerasTensor exp(TensorLike x) {
    return unary("exp", x, (tf, a) -> tf.math.exp(a));
  }

  /** {@code tf.math.log(x)}, the natural logarithm. */
  public static KerasTensor log(TensorLike x) {
    return unary("log", x, (tf, a) -> tf.math.log(a));
  }

  /** {@code tf.abs(x)}. */
  public static KerasTensor abs(TensorLike x) {
    return unary("abs", x, (tf, a) -> tf.math.abs(a));
  }

  /** {@code tf.tanh(x)}. */
  public static KerasTensor tanh(TensorLike x) {
    return activation("tanh", x);
  }

  /** {@code tf.reduce_mean(x)}: the mean of all elements. */
  public static KerasTensor reduceMean(TensorLike x) {
    return unary("reduceMean", x, (tf, a) -> tf.math.mean(a, allAxes(tf, a)));
  }

  /** {@code tf.reduce_mean(x, axis)}: the mean along {@code axis} (negative counts from the end). */
  public static KerasTensor reduceMean(TensorLike x, int axis) {
    return unary("reduceMean", x, (tf, a) -> tf.math.mean(a, tf.constant(axis)));
  }

  /** {@code tf.reduce_sum(x)}: the sum of all elements. */
  public static KerasTensor reduceSum(TensorLike x) {
    return unary("reduceSum", x, (tf, a) -> tf.reduceSum(a, allAxes(tf, a)));
  }

  /** {@code tf.reduce_sum(x, axis)}: the sum along {@code axis} (negative counts from the end). */
  public static KerasTensor reduceSum(TensorLike x, int axis) {
    return unary("reduceSum", x, (tf, a) -> tf.reduceSum(a, tf.constant(axis)));
  }

  /** {@code tf.transpose(x)}: the dimensions reversed (rows and columns of a matrix swapped). */
  public static KerasTensor transpose(TensorLike x) {
    return unary("transpose", x, (tf, a) -> {
      var rank = tf.rank(a);
      var reversed = tf.math.sub(tf.math.sub(rank, tf.constant(1)),
          tf.range(tf.constant(0), rank, tf.constant(1)));
      return tf.linalg.transpose(a, reversed);
    });
  }

  /** {@code tf.concat(values, axis)}: the tensors joined along {@code axis}. */
  public static KerasTensor concat(List<? extends TensorLike> values, int axis) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    List<Operand<TFloat32>> operands = new ArrayList<>();
    ModelGraph graph = null;
    for (TensorLike value : values) {
      Tensor t = inTrace("concat", value);
      graph = t.graph();
      operands.add(t.operand());
    }
    return KerasTensor.of(graph, graph.tf().concat(operands, graph.tf().constant(axis)));
  }

  /** {@code tf.stop_gradient(x)}: x, through which no gradient flows. */
  public static KerasTensor stopGradient(TensorLike x) {
    return unary("stopGradient", x, (tf, a) -> tf.stopGradient(a));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> a) {
    return tf.range(tf.constant(0), tf.rank(a), tf.constant(1));
  }

  /** The graph tensor of {@code x} in the trace running now; {@code op} is named if there is none. */
  static Tensor inTrace(String op, TensorLike x) {
    if (ModelGraph.currentOrNull() == null) {
      throw new IllegalStateException(
          "TF." + op + " adds an op to a graph: call it inside the body of TF.function(...),"
              + " which keras4j traces into a graph once and re-runs (there is no eager mode)");
    }
    return x.asTensor().tensor();
  }

  /** Applies the op {@code f} to {@code x}'s graph tensor. */
  static KerasTensor unary(
      String op, TensorLike x, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f) {
    Tensor t = inTrace(op, x);
    return KerasTensor.of(t.graph(), f.apply(t.graph().tf(), t.operand()));
  }

  private static KerasTensor binary(String op, TensorLike a, TensorLike b, BinaryOperator<Tensor> f) {
    return KerasTensor.of(f.apply(inTrace(op, a), inTrace(op, b)));
  }

  /** Applies the Keras activation {@code name}; softmax and sigmoid keep their logits for losses. */
  static KerasTensor activation(String name, TensorLike x) {
    return KerasTensor.of(TensorMath.activation(name, inTrace(name, x)));
  }
}
