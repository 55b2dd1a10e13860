package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/** The node graph of functional models: shared layers, nested models, feature extractors. */
class FunctionalGraphTest {
  private static FloatNdArray matrix(float[][] values) {
    return StdArrays.ndCopyOf(values);
  }

  /** A 1x1 Dense layer y = w x + b. */
  private static Dense scalar(String name, float w, float b) {
    Dense dense = new Dense(1, name(name));
    dense.ensureBuilt(org.tensorflow.ndarray.Shape.of(-1, 1));
    dense.setWeights(List.of(matrix(new float[][] {{w}}), StdArrays.ndCopyOf(new float[] {b})));
    return dense;
  }

  @Test
  void sharedLayerRunsTwiceWithOneSetOfWeights() {
    var inputs = Input.shape(1);
    Dense shared = scalar("shared", 2f, 1f);
    var first = shared.apply(inputs);
    var second = shared.apply(first);
    try (var model = new Model(inputs, second)) {
      assertEquals(2, shared.inboundNodes().size());
      assertEquals(1, second.kerasHistory().nodeIndex());
      assertEquals(2, model.variables().size());
      // x = 3: 2 * (2 * 3 + 1) + 1 = 15; x = -1: 2 * (-1) + 1 = -1, then -1.
      float[][] out = toFloats(model.predict(new float[][] {{3f}, {-1f}}));
      assertEquals(15f, out[0][0], 1e-6);
      assertEquals(-1f, out[1][0], 1e-6);
    }
  }

  private static float[][] toFloats(FloatNdArray array) {
    float[][] out = new float[(int) array.shape().get(0)][(int) array.shape().get(1)];
    StdArrays.copyFrom(array, out);
    return out;
  }

  @Test
  void nestedSequentialIsALayerAndFreezes() {
    Sequential base = new Sequential(scalar("inner", 3f, 0f));
    var inputs = Input.shape(1);
    var features = base.apply(inputs, false);
    var outputs = scalar("head", 1f, 0.5f).apply(features);
    try (var model = new Model(inputs, outputs)) {
      // 1 * (3 * 2) + 0.5 = 6.5
      assertEquals(6.5f, toFloats(model.predict(new float[][] {{2f}}))[0][0], 1e-6);
      assertSame(base, model.getLayer(base.name()));
      assertEquals(4, model.trainableVariables().size());
      base.setTrainable(false);
      assertEquals(2, model.trainableVariables().size());
    }
  }

  @Test
  void featureExtractorFromIntermediateOutput() {
    var inputs = Input.shape(1);
    var hidden = scalar("hidden", 2f, 0f).apply(inputs);
    var outputs = scalar("out", 10f, 0f).apply(hidden);
    try (var full = new Model(inputs, outputs);
        var extractor = new Model(full.input(), hidden)) {
      assertEquals(40f, toFloats(full.predict(new float[][] {{2f}}))[0][0], 1e-6);
      assertEquals(4f, toFloats(extractor.predict(new float[][] {{2f}}))[0][0], 1e-6);
      assertEquals(List.of("hidden"),
          extractor.layers().stream().skip(1).map(l -> l.name()).toList());
    }
  }

  @Test
  void outputsNotComputedFromTheInputsAreRefused() {
    var inputs = Input.shape(1);
    var other = Input.named("other", 1);
    var outputs = new Dense(1).apply(other);
    var e = assertThrows(IllegalArgumentException.class, () -> new Model(inputs, outputs));
    assertTrue(e.getMessage().contains("'other'"), e.getMessage());
  }

  @Test
  void getLayerNamesTheLayersWhenMissing() {
    var inputs = Input.shape(1);
    try (var model = new Model(inputs, new Dense(1, name("d")).apply(inputs))) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.getLayer("nope"));
      assertTrue(e.getMessage().contains("d]"), e.getMessage());
    }
  }

  @Test
  void residualAddAndMergesFromSetWeights() {
    var inputs = Input.shape(1);
    var branch = scalar("branch", 2f, 1f).apply(inputs);
    var sum = new keras4j.layers.Add().apply(inputs, branch);
    var diff = new keras4j.layers.Subtract().apply(sum, inputs);
    var mean = new keras4j.layers.Average().apply(diff, inputs, sum);
    var top = new keras4j.layers.Maximum().apply(mean, new keras4j.layers.Minimum().apply(
        new keras4j.layers.Multiply().apply(sum, inputs), diff));
    try (var model = new Model(inputs, top)) {
      // x = 2: branch 5, sum 7, diff 5, mean (5 + 2 + 7) / 3 = 14/3, product 14, min(14, 5) = 5,
      // max(14/3, 5) = 5. x = -3: branch -5, sum -8, diff -5, mean -16/3, product 24,
      // min(24, -5) = -5, max(-16/3, -5) = -5.
      float[][] out = toFloats(model.predict(new float[][] {{2f}, {-3f}}));
      assertEquals(5f, out[0][0], 1e-6);
      assertEquals(-5f, out[1][0], 1e-6);
    }
    try (var model = new Model(inputs, mean)) {
      assertEquals(14f / 3, toFloats(model.predict(new float[][] {{2f}}))[0][0], 1e-6);
    }
  }

  @Test
  void mismatchedMergeShapesNameTheLayer() {
    var a = Input.shape(3);
    var b = Input.shape(4);
    var add = new keras4j.layers.Add(name("joint"));
    var e = assertThrows(IllegalArgumentException.class, () -> add.apply(a, b));
    assertTrue(e.getMessage().contains("'joint'") && e.getMessage().contains("(None, 4)"),
        e.getMessage());
    var subtract = new keras4j.layers.Subtract(name("minus"));
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> subtract.apply(a, a, a));
    assertTrue(e2.getMessage().contains("exactly 2"), e2.getMessage());
  }
}
