package keras4j.ops;

import static keras4j.ops.Index.at;
import static keras4j.ops.Index.ellipsis;
import static keras4j.ops.Index.from;
import static keras4j.ops.Index.newAxis;
import static keras4j.ops.Index.range;
import static keras4j.ops.Ops.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tensorflow.ndarray.BooleanNdArray;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.ShortNdArray;

/**
 * Every op against what Keras 3's {@code keras.ops} computes for the same inputs, value and
 * dtype (ops_expected.json, written by make_ops_fixtures.py next to it), eagerly on values and
 * inside a traced function; and the errors bad arguments give.
 */
class OpsTest {
  // The literals of make_ops_fixtures.py.
  static final float[][] X = {{1.5f, -2.0f, 3.0f}, {0.5f, 4.0f, -1.0f}};
  static final int[][] I = {{1, 2, 3}, {4, 5, 6}};
  static final float[] V = {10, 20, 30};
  static final boolean[][] B = {{true, false, true}, {false, false, true}};
  static final float[][] P = {{0.2f, 0.9f, 0.4f}, {0.7f, -0.1f, 0.6f}};
  static final float[][] M = {{1, 2}, {3, 4}, {5, 6}};

  // Keras's activations by name, as make_ops_fixtures.py's ACTIVATIONS.
  static final List<String> ACTIVATIONS = List.of("celu", "squareplus", "soft_shrink",
      "sparse_plus", "tanh_shrink", "sparse_sigmoid", "exponential", "hard_silu",
      "hard_tanh", "hard_shrink", "linear", "mish", "log_softmax", "sparsemax", "swish");

  static KerasTensor x() {
    return convertToTensor(X);
  }

  static KerasTensor i() {
    return convertToTensor(I);
  }

  static KerasTensor v() {
    return convertToTensor(V);
  }

  static KerasTensor b() {
    return convertToTensor(B);
  }

  static KerasTensor p() {
    return convertToTensor(P);
  }

  static KerasTensor m() {
    return convertToTensor(M);
  }

  static KerasTensor t() {
    return reshape(arange(0.0, 12.0, 1.0), 2, 2, 3);
  }

  static Map<String, Supplier<KerasTensor>> cases() {
    Map<String, Supplier<KerasTensor>> c = new LinkedHashMap<>();
    c.put("add_broadcast", () -> add(x(), v()));
    c.put("add_int_float", () -> add(i(), x()));
    c.put("add_int_weak_int", () -> add(i(), 2));
    c.put("add_int_weak_float", () -> add(i(), 2.5));
    c.put("subtract", () -> subtract(x(), v()));
    c.put("multiply_int", () -> multiply(i(), i()));
    c.put("divide_int", () -> divide(i(), 4));
    c.put("floor_divide", () -> floorDivide(x(), 2));
    c.put("mod", () -> mod(x(), 2));
    c.put("power_int", () -> power(i(), 2));
    c.put("maximum", () -> maximum(x(), 1.0));
    c.put("minimum", () -> minimum(x(), v()));
    c.put("where", () -> where(b(), x(), -1.0));
    c.put("clip", () -> clip(x(), -1.0, 2.0));
    c.put("clip_int", () -> clip(i(), 2, 5));
    c.put("negative", () -> negative(x()));
    c.put("abs_int", () -> abs(negative(i())));
    c.put("square_int", () -> square(i()));
    c.put("sign", () -> sign(x()));
    c.put("sqrt_int", () -> sqrt(i()));
    c.put("exp", () -> exp(x()));
    c.put("log", () -> log(abs(x())));
    c.put("log1p", () -> log1p(abs(x())));
    c.put("expm1", () -> expm1(p()));
    c.put("log2", () -> log2(abs(x())));
    c.put("log10", () -> log10(abs(x())));
    c.put("sin", () -> sin(x()));
    c.put("cos", () -> cos(x()));
    c.put("tan", () -> tan(p()));
    c.put("arcsin", () -> arcsin(p()));
    c.put("arccos", () -> arccos(p()));
    c.put("arctan", () -> arctan(x()));
    c.put("arctan2", () -> arctan2(x(), v()));
    c.put("sinh", () -> sinh(p()));
    c.put("cosh", () -> cosh(p()));
    c.put("tanh", () -> tanh(x()));
    c.put("arcsinh", () -> arcsinh(x()));
    c.put("arctanh", () -> arctanh(p()));
    c.put("floor", () -> floor(x()));
    c.put("ceil", () -> ceil(x()));
    c.put("round", () -> round(convertToTensor(new float[] {0.5f, 1.5f, 2.5f, -0.5f, 2.4f})));
    c.put("reciprocal", () -> reciprocal(x()));
    c.put("equal", () -> equal(x(), 1.5));
    c.put("not_equal", () -> notEqual(i(), 2));
    c.put("greater", () -> greater(x(), divide(v(), 10)));
    c.put("greater_equal", () -> greaterEqual(i(), 3));
    c.put("less", () -> less(x(), 0));
    c.put("less_equal", () -> lessEqual(i(), 4));
    c.put("logical_and", () -> logicalAnd(b(), greater(x(), 0)));
    c.put("logical_or", () -> logicalOr(b(), greater(x(), 0)));
    c.put("logical_xor", () -> logicalXor(b(), greater(x(), 0)));
    c.put("logical_not", () -> logicalNot(b()));
    c.put("isnan", () -> isnan(log(x())));
    c.put("isfinite", () -> isfinite(log(abs(subtract(x(), 0.5)))));
    c.put("sum_all", () -> sum(x()));
    c.put("sum_axis0", () -> sum(x(), 0));
    c.put("sum_axes_keepdims", () -> sum(t(), new int[] {0, 2}, true));
    c.put("sum_int", () -> sum(i(), 1));
    c.put("sum_bool", () -> sum(b()));
    c.put("mean_int", () -> mean(i(), 0));
    c.put("mean_keepdims", () -> mean(x(), -1, true));
    c.put("max_axis", () -> max(x(), 1));
    c.put("min_all", () -> min(x()));
    c.put("prod", () -> prod(x(), 0));
    c.put("std", () -> std(x(), 1));
    c.put("var", () -> var(x()));
    c.put("any", () -> any(b(), 1));
    c.put("all", () -> all(b(), 0));
    c.put("argmax", () -> argmax(x(), 1));
    c.put("argmax_flat", () -> argmax(x()));
    c.put("argmin", () -> argmin(x(), 0));
    c.put("logsumexp", () -> logsumexp(x(), 1));
    c.put("logsumexp_all", () -> logsumexp(x()));
    c.put("cumsum", () -> cumsum(i(), 1));
    c.put("cumsum_flat", () -> cumsum(x()));
    c.put("cumprod", () -> cumprod(x(), 0));
    c.put("reshape", () -> reshape(t(), 3, -1));
    c.put("transpose", () -> transpose(t()));
    c.put("transpose_axes", () -> transpose(t(), 1, 2, 0));
    c.put("swapaxes", () -> swapaxes(t(), 0, 2));
    c.put("moveaxis", () -> moveaxis(t(), 0, -1));
    c.put("expand_dims", () -> expandDims(x(), 1));
    c.put("squeeze", () -> squeeze(ones(1, 3, 1), -1));
    c.put("concatenate", () -> concatenate(List.of(x(), i()), 1));
    c.put("stack", () -> stack(List.of(x(), multiply(x(), 2)), 1));
    c.put("split_1", () -> split(t(), 3, 2).get(1));
    c.put("split_indices", () -> split(v(), new int[] {1}, 0).get(1));
    c.put("tile", () -> tile(v(), 2, 2));
    c.put("repeat", () -> repeat(x(), 2, 1));
    c.put("repeat_flat", () -> repeat(i(), 2));
    c.put("pad", () -> pad(x(), new int[][] {{1, 0}, {0, 2}}));
    c.put("pad_reflect", () -> pad(x(), new int[][] {{0, 0}, {2, 1}}, "reflect", 0));
    c.put("pad_symmetric", () -> pad(x(), new int[][] {{1, 1}, {1, 0}}, "symmetric", 0));
    c.put("flip", () -> flip(x(), 1));
    c.put("flip_all", () -> flip(x()));
    c.put("roll", () -> roll(x(), 1, 1));
    c.put("roll_flat", () -> roll(x(), -2));
    c.put("take", () -> take(x(), new int[] {2, 0, -1}, 1));
    c.put("take_flat", () -> take(x(), new long[][] {{0, 5}, {1, 4}}));
    c.put("take_along_axis", () -> takeAlongAxis(x(), argsort(x(), 1), 1));
    c.put("one_hot", () -> oneHot(convertToTensor(new long[] {0, 2, 1, 5}), 3));
    c.put("broadcast_to", () -> broadcastTo(v(), 2, 3));
    c.put("arange", () -> arange(2, 11, 3));
    c.put("arange_float", () -> arange(0.0, 1.0, 0.25));
    c.put("linspace", () -> linspace(0.0, 1.0, 5));
    c.put("linspace_no_end", () -> linspace(-1.0, 1.0, 4, false, "float32"));
    c.put("zeros", () -> zeros(2, 2));
    c.put("full_int", () -> full(new long[] {2, 3}, 7, "int32"));
    c.put("eye", () -> eye(3, 4, 1));
    c.put("ones_like_int", () -> onesLike(i()));
    c.put("matmul", () -> matmul(x(), m()));
    c.put("matmul_batched", () -> matmul(t(), m()));
    c.put("matmul_vector", () -> matmul(x(), v()));
    c.put("matmul_int", () -> matmul(i(), new int[][] {{1}, {0}, {2}}));
    c.put("einsum", () -> einsum("bij,jk->bik", t(), m()));
    c.put("tensordot", () -> tensordot(t(), m(), 1));
    c.put("tensordot_axes", () -> tensordot(t(), x(), new int[] {0, 2}, new int[] {0, 1}));
    c.put("dot", () -> dot(x(), m()));
    c.put("outer", () -> outer(v(), convertToTensor(new float[] {1, -1})));
    c.put("norm", () -> norm(x()));
    c.put("norm_axis", () -> norm(x(), 2, 1, false));
    c.put("norm_1", () -> norm(x(), 1, 0, false));
    c.put("norm_inf", () -> norm(x(), Double.POSITIVE_INFINITY, 1, true));
    c.put("sort", () -> sort(x()));
    c.put("sort_axis0", () -> sort(multiply(i(), new int[] {1, -1, 1}), 0));
    c.put("argsort", () -> argsort(x()));
    c.put("top_k_values", () -> topK(x(), 2).get(0));
    c.put("top_k_indices", () -> topK(x(), 2).get(1));
    c.put("in_top_k", () -> inTopK(convertToTensor(new long[] {2, 0}), x(), 1));
    c.put("slice_newaxis", () -> slice(x(), Index.all(), from(1), newAxis()));
    c.put("slice_ellipsis", () -> slice(t(), "..., 0"));
    c.put("slice_step", () -> slice(x(), range(null, null, -1), range(null, null, 2)));
    c.put("slice_point", () -> slice(t(), at(1), Index.all(), at(-1)));
    c.put("relu", () -> relu(x()));
    c.put("relu6", () -> relu6(multiply(x(), 2)));
    c.put("sigmoid", () -> sigmoid(x()));
    c.put("softplus", () -> softplus(x()));
    c.put("softsign", () -> softsign(x()));
    c.put("silu", () -> silu(x()));
    c.put("gelu", () -> gelu(x()));
    c.put("elu", () -> elu(x()));
    c.put("selu", () -> selu(x()));
    c.put("leaky_relu", () -> leakyRelu(x(), 0.1));
    c.put("hard_sigmoid", () -> hardSigmoid(x()));
    c.put("log_sigmoid", () -> logSigmoid(x()));
    c.put("softmax", () -> softmax(x()));
    c.put("softmax_axis0", () -> softmax(x(), 0));
    c.put("log_softmax", () -> logSoftmax(x(), -1));
    c.put("normalize", () -> normalize(x(), -1));
    c.put("moments_mean", () -> moments(t(), new int[] {0, 1}, false).get(0));
    c.put("moments_var_keepdims", () -> moments(t(), new int[] {1}, true).get(1));
    c.put("cast_float_int", () -> cast(x(), "int32"));
    c.put("cast_int_bool", () -> cast(subtract(i(), 2), "bool"));
    c.put("cast_float64", () -> cast(x(), "float64"));
    c.put("convert_int64", () -> convertToTensor(new long[] {1, 2}));
    elementwiseAndDtypes(c);
    reductions(c);
    rearranging(c);
    creation(c);
    linearAlgebraAndSorting(c);
    neuralNetworks(c);
    return c;
  }

  /** ((k % mod) - shift) / scale for k = 0, 1, ..., as make_ops_fixtures.py's seq. */
  static KerasTensor seq(int mod, int shift, double scale, long... shape) {
    int n = (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      values[k] = (float) ((k % mod - shift) / scale);
    }
    return reshape(convertToTensor(values), shape);
  }

  static KerasTensor img() {
    return seq(7, 3, 2, 1, 5, 5, 2);
  }

  static KerasTensor sq() {
    return seq(7, 3, 2, 1, 7, 2);
  }

  static KerasTensor yb() {
    return cast(b(), "float32");
  }

  static KerasTensor pb() {
    return convertToTensor(new float[][] {{0.8f, 0.3f, 0.6f}, {0.1f, 0.95f, 0.5f}});
  }

  static KerasTensor pc() {
    return convertToTensor(new float[][] {{1, 2, 1}, {0.5f, 0.25f, 0.25f}});
  }

  static KerasTensor yc() {
    return convertToTensor(new float[][] {{0, 1, 0}, {1, 0, 0}});
  }

  static KerasTensor ys() {
    return convertToTensor(new int[] {1, 0});
  }

  private static void elementwiseAndDtypes(Map<String, Supplier<KerasTensor>> c) {
    c.put("arccosh", () -> arccosh(add(abs(x()), 1)));
    c.put("isinf", () -> isinf(log(abs(subtract(x(), 0.5)))));
    c.put("rsqrt", () -> rsqrt(abs(x())));
    c.put("trunc", () -> trunc(multiply(p(), 3)));
    c.put("trunc_int", () -> trunc(i()));
    c.put("floor_int", () -> floor(i()));
    c.put("ceil_int", () -> ceil(i()));
    c.put("round_int", () -> round(i()));
    c.put("sign_int", () -> sign(subtract(i(), 3)));
    c.put("abs_bool", () -> abs(b()));
    c.put("square_bool", () -> square(b()));
    c.put("exp_int", () -> exp(i()));
    c.put("sin_bool", () -> sin(b()));
    c.put("divide_no_nan", () -> divideNoNan(x(), subtract(x(), 1.5)));
    c.put("divide_no_nan_int", () -> divideNoNan(i(), new int[] {0, 2, 0}));
    c.put("divide_float_int", () -> divide(x(), i()));
    c.put("power_float_weak_int", () -> power(x(), 2));
    c.put("power_int_weak_float", () -> power(i(), 0.5));
    c.put("power_broadcast", () -> power(abs(x()), new float[][] {{1}, {0.5f}}));
    c.put("mod_int", () -> mod(negative(i()), 4));
    c.put("floor_divide_int", () -> floorDivide(negative(i()), 4));
    c.put("maximum_int_float", () -> maximum(i(), x()));
    c.put("minimum_int", () -> minimum(i(), 3));
    c.put("multiply_bool_int", () -> multiply(b(), i()));
    c.put("add_uint8_int32", () -> add(cast(i(), "uint8"), i()));
    c.put("add_uint8_weak", () -> add(cast(i(), "uint8"), 250));
    c.put("add_float16_float32", () -> add(cast(x(), "float16"), x()));
    c.put("add_float16_weak_float", () -> add(cast(x(), "float16"), 0.5));
    c.put("add_bfloat16_float16", () -> add(cast(x(), "bfloat16"), cast(x(), "float16")));
    c.put("add_float64_int", () -> add(cast(x(), "float64"), i()));
    c.put("add_int64_float32", () -> add(cast(i(), "int64"), x()));
    c.put("subtract_column", () -> subtract(x(), new float[][] {{1}, {2}}));
    c.put("multiply_3d_2d", () -> multiply(t(), x()));
    c.put("arctan2_int", () -> arctan2(i(), subtract(i(), 4)));
    c.put("equal_int_float", () -> equal(i(), add(x(), 0.5)));
    c.put("greater_broadcast", () -> greater(t(), divide(v(), 5)));
    c.put("less_equal_column", () -> lessEqual(i(), new int[][] {{2}, {5}}));
    c.put("not_equal_bool", () -> notEqual(b(), true));
    c.put("logical_and_numbers", () -> logicalAnd(x(), subtract(i(), 1)));
    c.put("logical_or_broadcast", () -> logicalOr(b(), new boolean[] {true, false, false}));
    c.put("logical_not_numbers", () -> logicalNot(subtract(i(), 2)));
    c.put("where_broadcast_condition",
        () -> where(convertToTensor(new boolean[] {true, false, true}), x(), i()));
    c.put("where_int", () -> where(b(), i(), 0));
    c.put("clip_bool", () -> clip(b(), 0, 1));
    c.put("clip_negative_float", () -> clip(negative(x()), -1.5, 0.5));
    c.put("exp_float16", () -> exp(cast(p(), "float16")));
    c.put("sqrt_float64", () -> sqrt(cast(abs(x()), "float64")));
    c.put("sum_float16", () -> sum(cast(x(), "float16"), 1));
    c.put("mean_bfloat16", () -> mean(cast(x(), "bfloat16"), 0));
    c.put("max_float64_keepdims", () -> max(cast(x(), "float64"), 1, true));
    c.put("matmul_float16", () -> matmul(cast(x(), "float16"), cast(m(), "float16")));
    c.put("moments_float16_var", () -> moments(cast(t(), "float16"), new int[] {0, 2}, false)
        .get(1));
    c.put("argmax_float16", () -> argmax(cast(x(), "float16"), 1));
    c.put("sort_int64", () -> sort(cast(negative(i()), "int64"), -1));
    c.put("cumsum_float64", () -> cumsum(cast(x(), "float64"), 1));
    c.put("where_float16_weak", () -> where(b(), cast(x(), "float16"), 0.5));
    c.put("cast_float_uint8", () -> cast(multiply(abs(x()), 2), "uint8"));
    c.put("cast_int_uint16", () -> cast(i(), "uint16"));
    c.put("cast_float16", () -> cast(p(), "float16"));
    c.put("cast_bfloat16", () -> cast(x(), "bfloat16"));
    c.put("cast_int_int64", () -> cast(i(), "int64"));
    c.put("cast_bool_float", () -> cast(b(), "float32"));
    c.put("cast_float_bool", () -> cast(subtract(x(), 0.5), "bool"));
    c.put("cast_negative_float_int", () -> cast(negative(x()), "int32"));
    c.put("cast_float64_int64", () -> cast(cast(x(), "float64"), "int64"));
  }

  private static void reductions(Map<String, Supplier<KerasTensor>> c) {
    c.put("sum_negative_axis", () -> sum(t(), -1));
    c.put("sum_axes_negative", () -> sum(t(), -1, 0));
    c.put("sum_all_keepdims", () -> sum(x(), null, true));
    c.put("sum_int64", () -> sum(cast(i(), "int64"), 0));
    c.put("mean_axes", () -> mean(t(), 0, 1));
    c.put("mean_bool", () -> mean(b()));
    c.put("mean_float64", () -> mean(cast(x(), "float64"), 1));
    c.put("max_keepdims", () -> max(t(), 1, true));
    c.put("max_int", () -> max(i()));
    c.put("max_negative_axis", () -> max(t(), -2));
    c.put("min_axes", () -> min(t(), 1, 2));
    c.put("min_int_keepdims", () -> min(i(), 0, true));
    c.put("prod_int", () -> prod(i()));
    c.put("prod_keepdims", () -> prod(t(), new int[] {0, 2}, true));
    c.put("prod_bool", () -> prod(b(), 0));
    c.put("std_keepdims", () -> std(t(), -1, true));
    c.put("std_int", () -> std(i()));
    c.put("var_axes", () -> var(t(), 0, 2));
    c.put("var_int", () -> var(i(), 1));
    c.put("any_numbers", () -> any(subtract(i(), 1), 0));
    c.put("all_keepdims", () -> all(b(), 1, true));
    c.put("any_all_axes", () -> any(b()));
    c.put("argmax_negative_axis", () -> argmax(t(), -1));
    c.put("argmax_int", () -> argmax(i(), 0));
    c.put("argmax_ties", () -> argmax(convertToTensor(new float[] {1, 3, 3, 2})));
    c.put("argmin_flat", () -> argmin(x()));
    c.put("argmax_keepdims", () -> argmax(t(), -2, true));
    c.put("argmin_flat_keepdims", () -> argmin(x(), null, true));
    c.put("argmax_negative_zero", () -> argmax(convertToTensor(new float[] {-0.0f, 0, -1})));
    c.put("argmin_negative_zero", () -> argmin(convertToTensor(new float[] {0, -0.0f, 1})));
    c.put("argmax_float64", () -> argmax(cast(x(), "float64"), 0));
    c.put("mean_int64", () -> mean(cast(i(), "int64"), 1));
    c.put("var_int64", () -> var(cast(i(), "int64")));
    c.put("argmin_negative_axis", () -> argmin(t(), -2));
    c.put("logsumexp_keepdims", () -> logsumexp(t(), new int[] {1, 2}, true));
    c.put("logsumexp_negative_axis", () -> logsumexp(x(), -2));
    c.put("cumsum_bool", () -> cumsum(b(), 0));
    c.put("cumsum_negative_axis", () -> cumsum(t(), -2));
    c.put("cumprod_int", () -> cumprod(i(), 1));
    c.put("cumprod_flat", () -> cumprod(x()));
  }

  private static void rearranging(Map<String, Supplier<KerasTensor>> c) {
    c.put("reshape_int", () -> reshape(i(), 3, 2));
    c.put("reshape_scalar", () -> reshape(convertToTensor(new float[] {5})));
    c.put("transpose_negative_axes", () -> transpose(t(), -1, 0, 1));
    c.put("transpose_int", () -> transpose(i()));
    c.put("swapaxes_negative", () -> swapaxes(t(), -1, -2));
    c.put("moveaxis_to_front", () -> moveaxis(t(), -1, 0));
    c.put("expand_dims_negative", () -> expandDims(x(), -1));
    c.put("expand_dims_front", () -> expandDims(i(), 0));
    c.put("squeeze_all", () -> squeeze(ones(1, 3, 1)));
    c.put("squeeze_two_axes", () -> squeeze(ones(1, 3, 1), 0, 2));
    c.put("concatenate_default_axis", () -> concatenate(List.of(x(), x())));
    c.put("concatenate_negative_axis", () -> concatenate(List.of(t(), t()), -2));
    c.put("concatenate_int_bool", () -> concatenate(List.of(i(), b()), 0));
    c.put("stack_default_axis", () -> stack(List.of(v(), multiply(v(), 2))));
    c.put("stack_negative_axis", () -> stack(List.of(x(), i()), -1));
    c.put("split_negative_axis", () -> split(t(), 2, -2).get(0));
    c.put("split_indices_last", () -> split(t(), new int[] {1, 2}, 2).get(2));
    c.put("split_indices_first", () -> split(t(), new int[] {1, 2}, -1).get(0));
    c.put("tile_longer", () -> tile(x(), 2, 1, 2));
    c.put("tile_shorter", () -> tile(t(), 2));
    c.put("tile_int", () -> tile(i(), 1, 2));
    c.put("repeat_negative_axis", () -> repeat(t(), 2, -1));
    c.put("repeat_axis0", () -> repeat(i(), 3, 0));
    c.put("pad_value_int", () -> pad(i(), new int[][] {{0, 1}, {1, 1}}, "constant", 9));
    c.put("pad_3d", () -> pad(t(), new int[][] {{0, 0}, {1, 0}, {0, 1}}));
    c.put("pad_reflect_both_axes", () -> pad(x(), new int[][] {{1, 1}, {2, 2}}, "reflect", 0));
    c.put("flip_negative_axis", () -> flip(t(), -2));
    c.put("flip_int", () -> flip(i(), 0));
    c.put("roll_negative_axis", () -> roll(t(), 2, -1));
    c.put("roll_axis0", () -> roll(x(), -1, 0));
    c.put("roll_large_shift", () -> roll(v(), 7));
    c.put("take_negative_axis", () -> take(t(), new int[] {1, -1}, -1));
    c.put("take_matrix_indices", () -> take(x(), new long[][] {{1, 0}, {0, 0}}, 0));
    c.put("take_int", () -> take(i(), new int[] {-1, 0}, 1));
    c.put("take_along_axis_broadcast", () -> takeAlongAxis(x(), new long[][] {{1, 0, 1}}, 0));
    c.put("take_along_axis_negative",
        () -> takeAlongAxis(t(), argsort(negative(t()), -1), -1));
    c.put("take_along_axis_int", () -> takeAlongAxis(i(), new long[][] {{2}, {0}}, 1));
    c.put("one_hot_axis0", () -> oneHot(convertToTensor(new long[] {0, 2, 1}), 3, 0, "float32"));
    c.put("one_hot_int32",
        () -> oneHot(convertToTensor(new long[][] {{0, 1}, {2, 0}}), 3, -1, "int32"));
    c.put("one_hot_negative_id", () -> oneHot(convertToTensor(new long[] {-1, 1}), 2));
    c.put("broadcast_to_3d", () -> broadcastTo(x(), 2, 2, 3));
    c.put("broadcast_to_int", () -> broadcastTo(convertToTensor(new int[][] {{1}, {2}}), 2, 3));
    c.put("slice_negative_range", () -> slice(x(), ":, -2:"));
    c.put("slice_reverse_range", () -> slice(t(), ":, ::-1, 2:0:-1"));
    c.put("slice_int_row", () -> slice(i(), at(1)));
    c.put("slice_strided_middle", () -> slice(t(), from(1), Index.all(), range(0L, 3L, 2L)));
    c.put("slice_newaxis_front", () -> slice(v(), "None, 1:"));
    c.put("slice_block", () -> slice(t(), new long[] {0, 1, 1}, new long[] {2, 1, 2}));
    c.put("slice_block_int", () -> slice(i(), new long[] {1, 0}, new long[] {1, 2}));
  }

  private static void creation(Map<String, Supplier<KerasTensor>> c) {
    c.put("arange_stop", () -> arange(5));
    c.put("arange_negative_step", () -> arange(5, -1, -2));
    c.put("arange_float64", () -> arange(0.5, 2.0, 0.5, "float64"));
    c.put("linspace_int", () -> linspace(0, 10, 5, true, "int32"));
    c.put("linspace_one", () -> linspace(2.0, 3.0, 1));
    c.put("linspace_descending", () -> linspace(1.0, -1.0, 5));
    c.put("eye_square", () -> eye(3));
    c.put("eye_below", () -> eye(3, 2, -1));
    c.put("identity", () -> identity(2));
    c.put("ones", () -> ones(2, 1));
    c.put("zeros_int", () -> zeros(new long[] {3}, "int32"));
    c.put("full_float", () -> full(new long[] {2, 2}, 0.25, "float32"));
    c.put("full_weak_int", () -> full(new long[] {2}, 7));
    c.put("full_weak_float", () -> full(new long[] {2, 1}, 0.5));
    c.put("full_bool", () -> full(new long[] {3}, 1, "bool"));
    c.put("zeros_like_bool", () -> zerosLike(b()));
    c.put("zeros_like_float", () -> zerosLike(x()));
    c.put("full_like_int", () -> fullLike(i(), 3));
    c.put("ones_like_float", () -> onesLike(p()));
    c.put("size", () -> size(t()));
    c.put("stop_gradient", () -> stopGradient(x()));
  }

  private static void linearAlgebraAndSorting(Map<String, Supplier<KerasTensor>> c) {
    c.put("matmul_vector_left", () -> matmul(v(), m()));
    c.put("matmul_vector_vector", () -> matmul(v(), v()));
    c.put("matmul_batch_broadcast", () -> matmul(t(), seq(5, 2, 4, 1, 3, 2)));
    c.put("matmul_batch_both", () -> matmul(t(), seq(5, 2, 4, 2, 3, 2)));
    c.put("matmul_float64", () -> matmul(cast(x(), "float64"), m()));
    c.put("matmul_int_float", () -> matmul(i(), m()));
    c.put("einsum_trace", () -> einsum("ii->", (Object) new float[][] {{1, 2}, {3, 4}}));
    c.put("einsum_ellipsis", () -> einsum("...j,j->...", t(), v()));
    c.put("einsum_outer", () -> einsum("i,j->ij", v(), new float[] {1, 2}));
    c.put("einsum_transpose", () -> einsum("ijk->kji", t()));
    c.put("einsum_int", () -> einsum("ij,j->i", i(), new int[] {1, 0, 2}));
    c.put("einsum_three", () -> einsum("ij,jk,k->i", x(), m(), new float[] {1, -1}));
    c.put("tensordot_0", () -> tensordot(v(), convertToTensor(new float[] {1, 2}), 0));
    c.put("tensordot_2", () -> tensordot(t(), x(), 2));
    c.put("tensordot_negative_axes", () -> tensordot(t(), m(), new int[] {-1}, new int[] {0}));
    c.put("dot_vectors", () -> dot(v(), v()));
    c.put("dot_scalar", () -> dot(x(), convertToTensor(2.0)));
    c.put("dot_3d", () -> dot(t(), m()));
    c.put("dot_matrix_vector", () -> dot(x(), v()));
    c.put("outer_int", () -> outer(convertToTensor(new int[] {1, 2}), i()));
    c.put("norm_negative_inf", () -> norm(x(), Double.NEGATIVE_INFINITY, 0, false));
    c.put("norm_0", () -> norm(subtract(x(), 0.5), 0, 1, false));
    c.put("norm_3", () -> norm(x(), 3, -1, false));
    c.put("norm_int", () -> norm(i()));
    c.put("norm_keepdims", () -> norm(t(), 2, -2, true));
    c.put("norm_matrix_fro", () -> norm(t(), "fro", new int[] {1, 2}, false));
    c.put("norm_matrix_1", () -> norm(t(), 1, new int[] {1, 2}, false));
    c.put("norm_matrix_inf",
        () -> norm(t(), Double.POSITIVE_INFINITY, new int[] {-2, -1}, true));
    c.put("norm_matrix_2", () -> norm(x(), 2, new int[] {0, 1}, false));
    c.put("norm_matrix_nuc", () -> norm(t(), "nuc", new int[] {1, 2}, false));
    c.put("norm_matrix_negative_2_keepdims", () -> norm(t(), -2, new int[] {0, 2}, true));
    c.put("norm_matrix_2_default_axes", () -> norm(x(), 2, (Integer) null, false));
    c.put("norm_matrix_1_default_axes", () -> norm(x(), 1, (Integer) null, false));
    c.put("norm_matrix_negative_inf_swapped",
        () -> norm(t(), Double.NEGATIVE_INFINITY, new int[] {2, 1}, false));
    c.put("einsum_three_implicit", () -> einsum("ij,jk,kl", x(), m(), ones(2, 2)));
    c.put("einsum_three_ellipsis",
        () -> einsum("...ij,jk,k->...i", t(), m(), new float[] {1, -1}));
    c.put("norm_matrix_negative_1", () -> norm(x(), -1, new int[] {0, 1}, false));
    c.put("sort_negative_axis", () -> sort(t(), -2));
    c.put("sort_float64", () -> sort(cast(x(), "float64"), 0));
    c.put("argsort_axis0", () -> argsort(x(), 0));
    c.put("argsort_ties", () -> argsort(convertToTensor(new float[] {3, 1, 3, 1, 2})));
    c.put("argsort_int", () -> argsort(multiply(i(), new int[] {1, -1, 1}), -1));
    c.put("top_k_int_values", () -> topK(i(), 1).get(0));
    c.put("top_k_3d_indices", () -> topK(t(), 2).get(1));
    c.put("top_k_ties_indices", () -> topK(convertToTensor(new float[] {1, 3, 3, 2}), 3).get(1));
    c.put("in_top_k_2", () -> inTopK(convertToTensor(new long[] {2, 0}), x(), 2));
  }

  private static void neuralNetworks(Map<String, Supplier<KerasTensor>> c) {
    c.put("relu_int_cast", () -> relu(subtract(cast(i(), "float32"), 3)));
    c.put("leaky_relu_default", () -> leakyRelu(x()));
    c.put("elu_alpha", () -> elu(x(), 0.5));
    c.put("gelu_exact", () -> gelu(x(), false));
    c.put("sigmoid_extremes", () -> sigmoid(convertToTensor(new float[] {-100, 0, 100})));
    c.put("softplus_extremes", () -> softplus(convertToTensor(new float[] {-100, 0, 100})));
    c.put("softmax_3d_axis1", () -> softmax(t(), 1));
    c.put("softmax_large", () -> softmax(convertToTensor(new float[] {1000, 1001, 999})));
    c.put("log_softmax_axis0", () -> logSoftmax(x(), 0));
    c.put("log_softmax_default", () -> logSoftmax(t()));
    c.put("normalize_axis0", () -> normalize(x(), 0));
    c.put("normalize_zero_row", () -> normalize(convertToTensor(new float[][] {{0, 0}, {3, 4}}),
        -1));
    c.put("moments_int_mean", () -> moments(i(), new int[] {0}, false).get(0));
    c.put("moments_negative_axis_var", () -> moments(t(), new int[] {-1}, false).get(1));
    c.put("batch_normalization", () -> batchNormalization(t(), convertToTensor(new float[] {1, 2,
        3}), convertToTensor(new float[] {0.5f, 1, 2}), convertToTensor(new float[] {0.1f, 0.2f,
        0.3f}), convertToTensor(new float[] {2, 1, 0.5f}), 1e-3));
    c.put("batch_normalization_plain", () -> batchNormalization(x(), convertToTensor(
        new float[] {1, 0, -1}), convertToTensor(new float[] {4, 1, 0.25f}), null, null, 1e-3));
    c.put("batch_normalization_axis1", () -> batchNormalization(t(), convertToTensor(
        new float[] {1, 2}), convertToTensor(new float[] {0.5f, 2}), 1, convertToTensor(
            new float[] {0.1f, 0.2f}), convertToTensor(new float[] {2, 0.5f}), 1e-3));
    int[] one = {1, 1};
    int[] two = {2, 2};
    c.put("conv2d_valid", () -> conv(img(), k2(), one, "valid", one));
    c.put("conv2d_same_stride2", () -> conv(img(), k2(), two, "same", one));
    c.put("conv2d_dilated", () -> conv(img(), k2(), one, "valid", two));
    c.put("conv2d_strides_1_2", () -> conv(img(), k2(), new int[] {1, 2}, "same", one));
    c.put("conv1d_valid", () -> conv(sq(), k1(), new int[] {1}, "valid", new int[] {1}));
    c.put("conv1d_same_stride2", () -> conv(sq(), k1(), new int[] {2}, "same", new int[] {1}));
    c.put("conv1d_dilated_same", () -> conv(sq(), k1(), new int[] {1}, "same", new int[] {2}));
    c.put("depthwise_conv2d", () -> depthwiseConv(img(), dk2(), one, "valid", one));
    c.put("depthwise_conv2d_same_stride2", () -> depthwiseConv(img(), dk2(), two, "same", one));
    c.put("depthwise_conv1d",
        () -> depthwiseConv(sq(), seq(5, 2, 4, 3, 2, 2), new int[] {1}, "same", new int[] {1}));
    c.put("separable_conv2d",
        () -> separableConv(img(), dk2(), seq(3, 1, 2, 1, 1, 4, 3), one, "same", one));
    c.put("conv_transpose2d_valid_stride2",
        () -> convTranspose(img(), tk2(), two, "valid", null, one));
    c.put("conv_transpose2d_same", () -> convTranspose(img(), tk2(), one, "same", null, one));
    c.put("conv_transpose1d_same_stride2", () -> convTranspose(sq(), seq(5, 2, 4, 3, 3, 2),
        new int[] {2}, "same", null, new int[] {1}));
    c.put("max_pool2d_valid", () -> maxPool(img(), two, two, "valid"));
    c.put("max_pool2d_same_stride2", () -> maxPool(img(), new int[] {3, 3}, two, "same"));
    c.put("max_pool2d_window_2_3", () -> maxPool(img(), new int[] {2, 3}, one, "valid"));
    c.put("max_pool2d_default_strides", () -> maxPool(img(), two, null, "valid"));
    c.put("average_pool1d_default_strides",
        () -> averagePool(sq(), new int[] {3}, null, "same"));
    c.put("max_pool1d", () -> maxPool(sq(), new int[] {2}, new int[] {2}, "valid"));
    c.put("max_pool1d_same", () -> maxPool(sq(), new int[] {3}, new int[] {2}, "same"));
    c.put("average_pool2d_valid", () -> averagePool(img(), two, one, "valid"));
    c.put("average_pool2d_same", () -> averagePool(img(), new int[] {3, 3}, two, "same"));
    c.put("average_pool1d", () -> averagePool(sq(), new int[] {3}, new int[] {2}, "valid"));
    c.put("average_pool1d_same", () -> averagePool(sq(), new int[] {2}, new int[] {1}, "same"));
    c.put("binary_crossentropy", () -> binaryCrossentropy(yb(), pb(), false));
    c.put("binary_crossentropy_logits", () -> binaryCrossentropy(yb(), x(), true));
    c.put("binary_crossentropy_clipped", () -> binaryCrossentropy(
        convertToTensor(new float[] {1, 0}), convertToTensor(new float[] {0, 1}), false));
    c.put("categorical_crossentropy", () -> categoricalCrossentropy(yc(), pc(), false, -1));
    c.put("categorical_crossentropy_logits",
        () -> categoricalCrossentropy(yc(), x(), true, -1));
    c.put("categorical_crossentropy_axis0",
        () -> categoricalCrossentropy(transpose(yc()), transpose(pc()), false, 0));
    c.put("categorical_crossentropy_logits_axis0",
        () -> categoricalCrossentropy(transpose(yc()), transpose(x()), true, 0));
    c.put("sparse_categorical_crossentropy",
        () -> sparseCategoricalCrossentropy(ys(), pb(), false, -1));
    c.put("sparse_categorical_crossentropy_logits",
        () -> sparseCategoricalCrossentropy(ys(), x(), true, -1));
    c.put("sparse_categorical_crossentropy_column",
        () -> sparseCategoricalCrossentropy(reshape(ys(), 2, 1), x(), true, -1));
    c.put("binary_crossentropy_of_sigmoid",
        () -> binaryCrossentropy(yb(), sigmoid(multiply(x(), 10)), false));
    c.put("categorical_crossentropy_of_softmax",
        () -> categoricalCrossentropy(yc(), softmax(multiply(x(), 10)), false, -1));
    c.put("sparse_categorical_crossentropy_of_softmax",
        () -> sparseCategoricalCrossentropy(ys(), softmax(multiply(x(), 10)), false, -1));
    KerasTensor affine = convertToTensor(new float[][] {{1, 0.2f, -0.5f, 0.1f, 1, 0.3f, 0, 0}});
    c.put("affine_transform_bilinear",
        () -> ImageOps.affineTransform(img(), affine, "bilinear", "constant", 0));
    c.put("affine_transform_nearest_reflect",
        () -> ImageOps.affineTransform(img(), affine, "nearest", "reflect", 0));
    c.put("affine_transform_wrap_projective", () -> ImageOps.affineTransform(img(),
        convertToTensor(new float[][] {{0.9f, 0.1f, 0.5f, -0.2f, 1.1f, 0, 0.02f, -0.01f}}),
        "bilinear", "wrap", 0));
    c.put("affine_transform_nearest_fill",
        () -> ImageOps.affineTransform(img(), affine, "bilinear", "nearest", 0));
    c.put("affine_transform_constant_value",
        () -> ImageOps.affineTransform(img(), affine, "nearest", "constant", -9));
    c.put("image_crop", () -> ImageOps.crop(img(), 1, 1, 2, 0));
    c.put("image_window", () -> ImageOps.window(img(), 1, 0, 3, 3));
    c.put("image_upsample_nearest", () -> ImageOps.upsample(img(), 2, 3, "nearest"));
    c.put("image_upsample_bilinear", () -> ImageOps.upsample(img(), 2, 1, "bilinear"));
    c.put("squared_difference", () -> squaredDifference(x(), v()));
    c.put("activation_glu", () -> activation("glu", m()));
    for (String name : ACTIVATIONS) {
      c.put("activation_" + name, () -> activation(name, x()));
    }
    c.put("resize_bilinear", () -> ImageOps.resize(img(), 3, 4, "bilinear"));
    c.put("resize_nearest", () -> ImageOps.resize(img(), 3, 4, "nearest"));
    c.put("resize_bicubic", () -> ImageOps.resize(img(), 3, 4, "bicubic"));
    c.put("resize_up_bilinear", () -> ImageOps.resize(img(), 8, 7, "bilinear"));
    c.put("resize_up_nearest", () -> ImageOps.resize(img(), 10, 10, "nearest"));
    c.put("resize_up_bicubic", () -> ImageOps.resize(img(), 7, 6, "bicubic"));
  }

  static KerasTensor k2() {
    return seq(5, 2, 4, 3, 3, 2, 3);
  }

  static KerasTensor k1() {
    return seq(5, 2, 4, 3, 2, 3);
  }

  static KerasTensor dk2() {
    return seq(5, 2, 4, 3, 3, 2, 2);
  }

  static KerasTensor tk2() {
    return seq(5, 2, 4, 3, 3, 3, 2);
  }

  static Map<String, Object> expected() throws IOException {
    return expected("ops_expected.json");
  }

  /** A fixture of this package's resources: case name to Keras's dtype, shape and values. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> expected(String resource) throws IOException {
    try (InputStream in = OpsTest.class.getResourceAsStream(resource)) {
      return (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyFixtureCaseHasAJavaCaseAndBack() throws IOException {
    assertEquals(expected().keySet(), new java.util.TreeSet<>(cases().keySet()));
  }

  @TestFactory
  Stream<DynamicTest> eachOpMatchesKerasEagerly() throws IOException {
    Map<String, Object> expected = expected();
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
        () -> check(e.getKey(), expected.get(e.getKey()), e.getValue().get())));
  }

  @Test
  void everyOpMatchesKerasInsideATracedFunction() throws IOException {
    checkTraced(cases(), expected());
  }

  /** One traced function returning every case: its graph holds all the ops at once. */
  static void checkTraced(Map<String, Supplier<KerasTensor>> cases, Map<String, Object> expected) {
    try (TracedFunction<Map<String, KerasTensor>> all = TF.function(() -> {
      Map<String, KerasTensor> out = new LinkedHashMap<>();
      cases.forEach((name, c) -> out.put(name, c.get()));
      return out;
    })) {
      Map<String, KerasTensor> results = all.call();
      List<String> failures = new ArrayList<>();
      results.forEach((name, value) -> {
        try {
          check(name, expected.get(name), value);
        } catch (AssertionError err) {
          failures.add(err.getMessage());
        }
      });
      assertEquals(List.of(), failures);
    }
  }

  @SuppressWarnings("unchecked")
  static void check(String name, Object fixture, KerasTensor actual) {
    Map<String, Object> want = (Map<String, Object>) fixture;
    assertEquals(want.get("dtype"), actual.dtype(), name + ": dtype");
    List<Object> shape = (List<Object>) want.get("shape");
    long[] dims = actual.shape().asArray();
    assertEquals(shape.size(), dims.length, name + ": rank of " + actual.shape());
    for (int d = 0; d < dims.length; d++) {
      assertEquals(((Number) shape.get(d)).longValue(), dims[d], name + ": shape " + actual.shape());
    }
    List<Object> values = (List<Object>) want.get("values");
    List<Object> got = flat(actual.value());
    assertEquals(values.size(), got.size(), name + ": size");
    for (int k = 0; k < values.size(); k++) {
      Object w = values.get(k);
      Object g = got.get(k);
      if (w instanceof Boolean) {
        assertEquals(w, g, name + " at " + k);
      } else {
        double wd = ((Number) w).doubleValue();
        double gd = ((Number) g).doubleValue();
        if (Double.isNaN(wd)) {
          assertTrue(Double.isNaN(gd), name + " at " + k + ": want NaN, got " + gd);
        } else {
          assertEquals(wd, gd, 2e-6 * Math.max(1, Math.abs(wd)), name + " at " + k);
        }
      }
    }
  }

  static List<Object> flat(NdArray<?> array) {
    List<Object> out = new ArrayList<>();
    array.scalars().forEach(s -> {
      if (s instanceof FloatNdArray f) {
        out.add((double) f.getFloat());
      } else if (s instanceof DoubleNdArray d) {
        out.add(d.getDouble());
      } else if (s instanceof IntNdArray n) {
        out.add((double) n.getInt());
      } else if (s instanceof LongNdArray n) {
        out.add((double) n.getLong());
      } else if (s instanceof BooleanNdArray bool) {
        out.add(bool.getBoolean());
      } else if (s instanceof ByteNdArray u8) {
        out.add((double) Byte.toUnsignedInt(u8.getByte()));
      } else if (s instanceof ShortNdArray u16) {
        out.add((double) Short.toUnsignedInt(u16.getShort()));
      } else {
        fail("unexpected array " + s.getClass());
      }
    });
    return out;
  }

  // ------------------------------------------------------------------ errors

  static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void badAxesShapesAndIndicesSayWhatIsWrong() {
    assertEquals("ops.sum: axis 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
        message(() -> sum(x(), 2)));
    assertEquals("ops.expand_dims: axis -4 is out of range for a tensor of rank 3 (valid: -3 to"
        + " 2)", message(() -> expandDims(x(), -4)));
    assertEquals("ops.add: shapes (2, 3) and (2,) do not broadcast (sizes 3 and 2 differ and"
        + " neither is 1)", message(() -> add(x(), new float[] {1, 2})));
    assertEquals("ops.matmul: shapes (2, 3) and (2, 3) do not multiply: inner dimensions 3 and"
        + " 2 differ", message(() -> matmul(x(), x())));
    assertEquals("ops.reshape: cannot reshape 6 values of shape (2, 3) to [4, -1]",
        message(() -> reshape(x(), 4, -1)));
    assertEquals("ops.slice: index 2 is out of range for axis 0 of size 2 (shape (2, 3))",
        message(() -> slice(x(), "2")));
    assertEquals("ops.squeeze: axis 1 of shape (2, 3) has size 3, not 1",
        message(() -> squeeze(x(), 1)));
    assertEquals("ops.split: axis 1 of size 3 does not split into 2 equal parts",
        message(() -> split(x(), 2, 1)));
    assertEquals("ops.sum: axis -2 is repeated in [0, -2]",
        message(() -> sum(x(), new int[] {0, -2}, false)));
    assertTrue(message(() -> slice(x(), "1:2:x")).startsWith("Cannot read '1:2:x'"));
    assertTrue(message(() -> cast(x(), "int8")).startsWith("Invalid dtype 'int8'"));
    assertTrue(message(() -> relu(i())).startsWith("ops.relu: Expected a float32 tensor, got"
        + " int32"));
    assertTrue(message(() -> take(x(), new float[] {1}, 0)).contains("indices must be integers"));
  }

  /** The exception of {@code r}, which must be an IllegalArgumentException of keras4j's own. */
  static String ownMessage(Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(IllegalArgumentException.class, e.getClass(), "not TensorFlow's: " + e);
    return e.getMessage();
  }

  @Test
  void elementwiseAndLogicOpsNameTheShapesThatDoNotBroadcast() {
    assertEquals("ops.where: shapes (2,) and (2, 3) do not broadcast (sizes 2 and 3 differ and"
        + " neither is 1)", ownMessage(() -> where(convertToTensor(new boolean[] {true, false}),
            x(), 1.0)));
    assertEquals("ops.logical_and: shapes (2, 3) and (2,) do not broadcast (sizes 3 and 2 differ"
        + " and neither is 1)", ownMessage(() -> logicalAnd(x(), new boolean[] {true, false})));
    assertEquals("ops.greater: shapes (2, 3) and (2,) do not broadcast (sizes 3 and 2 differ and"
        + " neither is 1)", ownMessage(() -> greater(x(), new float[] {1, 2})));
    assertEquals("ops.clip takes numbers, got a string tensor",
        ownMessage(() -> clip(convertToTensor(new String[] {"a"}), 0, 1)));
    assertEquals("ops.add: Strings do not mix with numbers: got [string] and a Java number",
        ownMessage(() -> add(convertToTensor(new String[] {"a"}), 1)));
  }

  @Test
  void rearrangingOpsNameTheArgumentAndTheShapes() {
    assertEquals("ops.concatenate: shapes (2, 3) and (3, 2) do not join along axis 0 (every other"
        + " dimension must be equal)", ownMessage(() -> concatenate(List.of(x(), m()), 0)));
    assertEquals("ops.broadcast_to: shape (2, 3) does not broadcast to [3, 3] (each dimension"
        + " must be equal, or 1 in x)", ownMessage(() -> broadcastTo(x(), 3, 3)));
    assertEquals("ops.tile: repeats [-1, 2] must be at least 0", ownMessage(() -> tile(x(), -1,
        2)));
    assertEquals("ops.repeat: repeats must be at least 0, got -1",
        ownMessage(() -> repeat(x(), -1, 0)));
    assertEquals("ops.take: index 5 is out of range for an axis of size 3",
        ownMessage(() -> take(x(), new int[] {5}, 1)));
    assertEquals("ops.take_along_axis: index -4 is out of range for an axis of size 3",
        ownMessage(() -> takeAlongAxis(x(), new long[][] {{-4, 0, 0}}, 1)));
    assertEquals("ops.one_hot: num_classes must be at least 0, got -3",
        ownMessage(() -> oneHot(x(), -3)));
    assertEquals("ops.pad: mode 'reflect' pads axis 0 of size 2 (shape (2, 3)) by at most 1 on"
        + " each side, got [5, 5]",
        ownMessage(() -> pad(x(), new int[][] {{5, 5}, {0, 0}}, "reflect", 0)));
    assertEquals("ops.slice: a block of shape [3, 1] from [0, 0] does not fit in x of shape (2,"
        + " 3) (axis 0)", ownMessage(() -> slice(x(), new long[] {0, 0}, new long[] {3, 1})));
    assertEquals("ops.transpose: axis 0 is repeated in [0, 0, 1]",
        ownMessage(() -> transpose(t(), 0, 0, 1)));
    assertEquals("ops.full: shape [-2] has a negative dimension",
        ownMessage(() -> full(new long[] {-2}, 1, "float32")));
  }

  @Test
  void reductionLinalgAndSortingOpsNameTheAxisAndTheShapes() {
    assertEquals("ops.argmax: axis -3 is out of range for a tensor of rank 2 (valid: -2 to 1)",
        ownMessage(() -> argmax(x(), -3)));
    assertEquals("ops.moments: axis 2 is out of range for a tensor of rank 2 (valid: -2 to 1)",
        ownMessage(() -> moments(x(), new int[] {2}, false)));
    assertEquals("ops.norm: x of shape (2, 2, 3) has 3 axes; a norm is over one axis (vectors) or"
        + " two (matrices): give axis, or flatten x (ops.reshape(x, -1))",
        ownMessage(() -> norm(t())));
    assertEquals("ops.norm: ord 'fro' is a matrix norm, but axis [1] names one axis; give two"
        + " axes", ownMessage(() -> norm(x(), "fro", new int[] {1}, false)));
    // TensorFlow's own shape error, without the node of the graph, keeps the input shapes.
    assertEquals("ops.einsum: Dimensions must be equal, but are 3 and 2 with input shapes: [2,3],"
        + " [2,3].", ownMessage(() -> einsum("ij,jk->ik", x(), x())));
    assertEquals("ops.einsum: 'ij,jk,k->i' names 3 operands, got 2",
        ownMessage(() -> einsum("ij,jk,k->i", x(), m())));
    assertEquals("ops.in_top_k: targets of shape (3,) and predictions of shape (2, 3) do not"
        + " match: give (batch) targets and (batch, classes) predictions",
        ownMessage(() -> inTopK(convertToTensor(new long[] {1, 2, 3}), x(), 1)));
    assertEquals("ops.argsort takes numbers, got strings",
        ownMessage(() -> argsort(convertToTensor(new String[] {"a"}))));
  }

  @Test
  void neuralNetworkOpsNameTheArgumentAndTheShapes() {
    int[] one = {1, 1};
    assertEquals("ops.conv: kernel of shape (3, 2, 3) for x of shape (1, 5, 5, 2): the kernel is"
        + " (*window, in, out), of rank 4", ownMessage(() -> conv(img(), k1(), one, "valid",
            one)));
    assertEquals("ops.conv: unknown padding 'full'. Valid: valid, same (and causal, 1-D)",
        ownMessage(() -> conv(img(), k2(), one, "full", one)));
    assertEquals("ops.conv: a window of 7 on spatial axis 0 of size 5 (x of shape (1, 5, 5, 2))"
        + " does not fit with padding 'valid'; use padding 'same' or a smaller window",
        ownMessage(() -> conv(img(), seq(3, 1, 1, 7, 7, 2, 2), one, "valid", one)));
    assertEquals("ops.conv: the input's 2 channels are not a multiple of the kernel's 3 input"
        + " channels", ownMessage(() -> conv(img(), seq(3, 1, 1, 3, 3, 3, 2), one, "valid",
            one)));
    assertEquals("ops.depthwise_conv: kernel of shape (3, 3, 3, 2) takes 3 input channels, x of"
        + " shape (1, 5, 5, 2) has 2", ownMessage(() -> depthwiseConv(img(), seq(3, 1, 1, 3, 3,
            3, 2), one, "valid", one)));
    assertEquals("ops.conv_transpose: kernel of shape (3, 3, 3, 3) takes 3 input channels, x of"
        + " shape (1, 5, 5, 2) has 2", ownMessage(() -> convTranspose(img(), seq(3, 1, 1, 3, 3,
            3, 3), one, "valid", null, one)));
    assertEquals("ops.separable_conv: pointwise_kernel of shape (1, 1, 3, 3) must take the 4"
        + " channels the depthwise kernel of shape (3, 3, 2, 2) makes of x of shape (1, 5, 5, 2)"
        + " (channels x multiplier)", ownMessage(() -> separableConv(img(), dk2(), seq(3, 1, 1,
            1, 1, 3, 3), one, "valid", one)));
    assertEquals("ops.average_pool: x of shape (1, 5, 5, 2), strides [1] and pool_size [2, 2] do"
        + " not agree: x is (batch, *spatial, channels) with 1 to 3 spatial axes, and strides and"
        + " pool_size have one entry per spatial axis",
        ownMessage(() -> averagePool(img(), new int[] {2, 2}, new int[] {1}, "valid")));
    assertEquals("ops.max_pool: a window of 7 on spatial axis 0 of size 5 (x of shape (1, 5, 5,"
        + " 2)) does not fit with padding 'valid'; use padding 'same' or a smaller window",
        ownMessage(() -> maxPool(img(), new int[] {7, 7}, one, "valid")));
    assertEquals("ops.batch_normalization (mean): shapes (2, 3) and (2,) do not broadcast (sizes"
        + " 3 and 2 differ and neither is 1)", ownMessage(() -> batchNormalization(x(),
            convertToTensor(new float[] {1, 2}), convertToTensor(new float[] {1, 2}), null, null,
            1e-3)));
    assertEquals("ops.binary_crossentropy: target and output must have the same shape, got"
        + " target (2, 3) and output (3,)", ownMessage(() -> binaryCrossentropy(x(), v(),
            false)));
    assertEquals("ops.categorical_crossentropy: target must be float32, got int32 (shape (2,"
        + " 3)); cast it first, Ops.cast(target, \"float32\")",
        ownMessage(() -> categoricalCrossentropy(i(), x(), false, -1)));
    assertEquals("ops.sparse_categorical_crossentropy: target of shape (3,) does not match output"
        + " of shape (2, 3) (target must be output's shape without its last axis)",
        ownMessage(() -> sparseCategoricalCrossentropy(convertToTensor(new int[] {1, 2, 3}), x(),
            true, -1)));
    assertEquals("ops.sparse_categorical_crossentropy: the classes must be on the last axis"
        + " (axis=-1), got axis 0 for an output of shape (2, 3)",
        ownMessage(() -> sparseCategoricalCrossentropy(ys(), x(), true, 0)));
    assertEquals("ops.sparse_categorical_crossentropy: target holds class id 3, outside [0, 3)"
        + " for an output of shape (2, 3)", ownMessage(() -> sparseCategoricalCrossentropy(
            convertToTensor(new int[] {0, 3}), x(), true, -1)));
    assertEquals("ops.image.resize: images of shape (2, 3) to (2, 2): give a batch (batch,"
        + " height, width, channels) and a size of at least 1 by 1",
        ownMessage(() -> ImageOps.resize(x(), 2, 2, "bilinear")));
    assertEquals("ops.image.resize: Unknown interpolation 'lanczos'; keras4j has bilinear,"
        + " nearest, lanczos3, lanczos5, bicubic, area, as Keras", ownMessage(() -> ImageOps.resize(img(), 2, 2,
            "lanczos")));
  }

  @Test
  void eagerResultsReadInTheirOwnArrayTypes() {
    KerasTensor ids = argmax(x(), 1);
    assertEquals("int32", ids.dtype());
    assertTrue(ids.value() instanceof IntNdArray);
    IllegalStateException e = assertThrows(IllegalStateException.class, ids::numpy);
    assertTrue(e.getMessage().startsWith("This tensor is int32, not float32"), e.getMessage());
    assertEquals(2.5f, add(i(), 0.5).value().getObject(0, 1));
    assertEquals(-2.0f, slice(x(), ":, 1:, None").numpy().getFloat(0, 0, 0));
    assertEquals(List.of(0.0f, 0.5f, 1.0f, 1.5f), List.of(
        (Float) ellipsisCheck().getObject(0), (Float) ellipsisCheck().getObject(1),
        (Float) ellipsisCheck().getObject(2), (Float) ellipsisCheck().getObject(3)));
  }

  private static NdArray<?> ellipsisCheck() {
    return slice(linspace(0, 1.5, 4), ellipsis()).value();
  }
}
