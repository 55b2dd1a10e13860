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
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;

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
    return c;
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
    assertTrue(message(() -> relu(i())).startsWith("Expected a float32 tensor, got int32"));
    assertTrue(message(() -> take(x(), new float[] {1}, 0)).contains("indices must be integers"));
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
