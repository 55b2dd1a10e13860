package keras4j.ops;

/**
 * Keras's {@code keras.ops}, under Keras's names ({@code ops.matmul(a, b)} is {@code
 * Ops.matmul(a, b)}; {@code import static keras4j.ops.Ops.*} ports {@code from keras import ops}
 * code line for line): what layers, losses, metrics, optimizers, {@code trainStep}s and {@code
 * keras4j.tf.TF} are written with.
 *
 * <p><b>Where they run.</b> Inside a traced function (a layer's {@code call}, a loss, a training
 * step, the body of {@code TF.function}) an op adds to that graph; values from outside
 * (constants, a function's results) become constants there. Outside, on values ({@link
 * #convertToTensor}, Java arrays, the eager results of other ops), an op runs at once and returns
 * an eager tensor whose {@code value()} (or {@code numpy()} for float32) reads it, as {@code
 * keras.ops} does on NumPy arrays.
 *
 * <p><b>Dtypes.</b> Tensors carry a dtype ({@code "float32"}, {@code "int32"}, {@code "int64"},
 * {@code "bool"}, {@code "float64"}, {@code "uint8"}, {@code "string"}, ...). Binary ops promote
 * as Keras 3 does ({@code int32 + float32} is float32; a Java {@code 2} is weak and takes the
 * tensor's dtype, a Java {@code 2.0} makes integers float32); comparisons give bool, {@code
 * argmax} int32, {@code divide} and {@code mean} of integers float32. Integers are never cast to
 * floats silently where Keras would not: the neural-network ops ({@code relu}, {@code conv}, ...)
 * take float32 and say how to cast anything else. Shapes broadcast as in NumPy.
 *
 * <p><b>Errors.</b> A bad axis, shapes that do not broadcast or multiply, an out-of-range index
 * give an {@link IllegalArgumentException} naming the op ({@code ops.matmul: shapes (2, 3) and (4,
 * 5) do not multiply: inner dimensions 3 and 4 differ}).
 *
 * <p>The ops are grouped by concept in package-private classes this one extends: conversion,
 * dtypes, shapes and indexing ({@link Index}); creation; rearranging; element-wise maths;
 * comparisons and logic; reductions; linear algebra; sorting; and {@code keras.ops.nn}. {@code
 * keras.ops.image} is {@link ImageOps}.
 */
public final class Ops extends CrossentropyOps {
  private Ops() {}
}
