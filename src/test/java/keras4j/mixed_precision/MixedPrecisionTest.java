package keras4j.mixed_precision;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.models.Sequential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/** Dtype policies, the global policy, and a layer computing under mixed_bfloat16 by hand. */
class MixedPrecisionTest {
  @AfterEach
  void backToFloat32() {
    MixedPrecision.setGlobalPolicy("float32");
  }

  @Test
  void policiesNameTheirComputeAndVariableDtypesAsKeras() {
    DTypePolicy mixed = DTypePolicy.of("mixed_bfloat16");
    assertEquals("bfloat16", mixed.computeDtype());
    assertEquals("float32", mixed.variableDtype());
    assertTrue(mixed.isMixed());
    assertEquals("float16", DTypePolicy.of("mixed_float16").computeDtype());
    assertFalse(DTypePolicy.of("float32").isMixed());
    assertEquals("float16", DTypePolicy.of("float16").variableDtype());
    assertEquals("<DTypePolicy \"mixed_bfloat16\">", mixed.toString());
    assertEquals(mixed, DTypePolicies.get(Map.of("module", "keras", "class_name", "DTypePolicy",
        "config", Map.of("name", "mixed_bfloat16"))));
  }

  @Test
  void quantizedAndUnknownPoliciesAreRefused() {
    String quantized = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicy.of("int8_from_mixed_bfloat16")).getMessage();
    assertTrue(quantized.contains("quantized"), quantized);
    String config = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicies.get(Map.of("class_name", "QuantizedDTypePolicy", "config",
            Map.of("mode", "int8", "source_name", "float32")))).getMessage();
    assertTrue(config.contains("QuantizedDTypePolicy"), config);
    String unknown = assertThrows(IllegalArgumentException.class,
        () -> DTypePolicy.of("mixed_float64")).getMessage();
    assertTrue(unknown.contains("mixed_float16"), unknown);
  }

  @Test
  void aPolicyWithLowPrecisionVariablesIsRefusedNamingTheMixedOne() {
    String message = assertThrows(IllegalArgumentException.class,
        () -> new Dense(2, dtype("bfloat16"))).getMessage();
    assertTrue(message.contains("'mixed_bfloat16'"), message);
  }

  @Test
  void layersTakeTheGlobalPolicyWhenConstructedUnlessGivenADtype() {
    Dense before = new Dense(2);
    MixedPrecision.setGlobalPolicy("mixed_bfloat16");
    Dense after = new Dense(2);
    Dense plain = new Dense(2, dtype("float32"));
    assertEquals("float32", before.dtypePolicy().name());
    assertEquals("mixed_bfloat16", after.dtypePolicy().name());
    assertEquals("bfloat16", after.computeDtype());
    assertEquals("float32", plain.computeDtype());
    assertEquals(Map.of("module", "keras", "class_name", "DTypePolicy", "config",
        Map.of("name", "mixed_bfloat16")), withoutNull(after.getConfig().get("dtype")));
  }

  private static Map<?, ?> withoutNull(Object config) {
    Map<Object, Object> out = new java.util.HashMap<>((Map<?, ?>) config);
    assertTrue(out.containsKey("registered_name"));
    assertEquals(null, out.remove("registered_name"));
    return out;
  }

  /** Round to nearest even bfloat16, as TensorFlow's float32 to bfloat16 cast. */
  static float bf16(float x) {
    int bits = Float.floatToIntBits(x);
    int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(rounded & 0xFFFF0000);
  }

  @Test
  void aMixedBfloat16DenseComputesOnBfloat16InputsAndWeights() {
    float x = 1.01f;
    float kernel = 0.3f;
    float bias = 0.0123f;
    try (var model = new Sequential(
        new Dense(1, activation("relu"), inputShape(1), dtype("mixed_bfloat16")))) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{kernel}}),
          StdArrays.ndCopyOf(new float[] {bias})));
      float got = model.predict(new float[][] {{x}}).getFloat(0, 0);
      // bfloat16 operands; TensorFlow fuses the matmul, bias add and relu (as for Keras's graph)
      // into one kernel that sums in float32 and rounds the result once to bfloat16.
      float expected = bf16(bf16(x) * bf16(kernel) + bf16(bias));
      assertEquals(expected, got);
      assertTrue(Math.abs(got - (x * kernel + bias)) > 1e-4, "computed in float32: " + got);
      // The variables stay float32.
      assertEquals(kernel, model.getWeights().get(0).getFloat(0, 0));
    }
  }

  @Test
  void aFloat32LastLayerAfterAMixedOneTakesItsOutputInFloat32() {
    MixedPrecision.setGlobalPolicy("mixed_bfloat16");
    Layer last = new Dense(1, dtype("float32"));
    try (var model = new Sequential(new Dense(1, inputShape(1)), last)) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{0.3f}}),
          StdArrays.ndCopyOf(new float[] {0f}), StdArrays.ndCopyOf(new float[][] {{1.01f}}),
          StdArrays.ndCopyOf(new float[] {0.001f})));
      float got = model.predict(new float[][] {{1f}}).getFloat(0, 0);
      // The first layer's bfloat16 output, then float32 arithmetic on float32 weights.
      assertEquals(bf16(0.3f) * 1.01f + 0.001f, got, 1e-7);
    }
  }
}
