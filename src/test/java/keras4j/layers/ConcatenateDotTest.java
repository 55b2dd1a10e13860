package keras4j.layers;

import static keras4j.Keras.axis;
import static keras4j.Keras.name;
import static keras4j.Keras.normalize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Concatenate and Dot: forward passes against values computed here by plain loops from Keras's
 * definitions (numpy's concatenate, batch_dot, x / ||x||), output shapes, configs and Keras's
 * error messages (printed by Keras 3.15.1 for the same shapes).
 */
class ConcatenateDotTest {
  /** An array of {@code shape} holding sin(1 + i * step) at flat index i: varied, signed values. */
  private static FloatNdArray values(Shape shape, double step) {
    FloatNdArray out = NdArrays.ofFloats(shape);
    long[] i = {0};
    out.scalars().forEach(s -> s.setFloat((float) Math.sin(1 + step * i[0]++)));
    return out;
  }

  private static FloatNdArray run(Layer layer, FloatNdArray a, FloatNdArray b) {
    try (TracedFunction<KerasTensor> f = TF.function((x, y) -> layer.apply(x, y))) {
      return f.call(a, b).numpy();
    }
  }

  private static float at(FloatNdArray a, long... index) {
    return a.getFloat(index);
  }

  @Test
  void concatenateJoinsAlongTheAxis() {
    FloatNdArray a = values(Shape.of(2, 3, 2), 0.7);
    FloatNdArray b = values(Shape.of(2, 4, 2), 1.3);
    FloatNdArray out = run(new Concatenate(axis(1)), a, b);
    assertEquals(Shape.of(2, 7, 2), out.shape());
    for (long n = 0; n < 2; n++) {
      for (long i = 0; i < 7; i++) {
        for (long j = 0; j < 2; j++) {
          float expected = i < 3 ? at(a, n, i, j) : at(b, n, i - 3, j);
          assertEquals(expected, at(out, n, i, j), 1e-6);
        }
      }
    }
    FloatNdArray last = run(new Concatenate(), values(Shape.of(2, 3), 0.4),
        values(Shape.of(2, 1), 0.9));
    assertEquals(Shape.of(2, 4), last.shape());
    assertEquals(at(values(Shape.of(2, 1), 0.9), 1, 0), at(last, 1, 3), 1e-6);
  }

  @Test
  void concatenateShapesAndMessagesAsKeras() {
    var a = Input.shape(3);
    var b = Input.shape(4, 2);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Concatenate(name("join")).apply(a, b));
    assertEquals("Layer 'join' (Concatenate): A `Concatenate` layer requires inputs with"
        + " matching shapes except for the concatenation axis. Received: input_shape=[(None, 3),"
        + " (None, 4, 2)]", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> new Concatenate(axis(1), name("j1")).apply(Input.shape(3, 2), Input.shape(4, 5)));
    assertEquals("Layer 'j1' (Concatenate): A `Concatenate` layer requires inputs with matching"
        + " shapes except for the concatenation axis. Received: input_shape=[(None, 3, 2),"
        + " (None, 4, 5)]", e2.getMessage());
    assertEquals("(None, 7, 2)", Shapes.toKeras(
        new Concatenate(axis(1)).apply(Input.shape(3, 2), Input.shape(4, 2)).shape()));
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> new Concatenate(axis(5), name("far")).apply(Input.shape(3), Input.shape(3)));
    assertEquals("Layer 'far' (Concatenate): axis 5 is out of range for inputs of rank 2",
        e3.getMessage());
  }

  @Test
  void dotOfVectorsAndCosine() {
    FloatNdArray a = values(Shape.of(3, 4), 0.8);
    FloatNdArray b = values(Shape.of(3, 4), 1.9);
    FloatNdArray dot = run(new Dot(1), a, b);
    FloatNdArray cos = run(new Dot(-1, normalize(true)), a, b);
    assertEquals(Shape.of(3, 1), dot.shape());
    for (long n = 0; n < 3; n++) {
      double sum = 0;
      double na = 0;
      double nb = 0;
      for (long k = 0; k < 4; k++) {
        sum += at(a, n, k) * at(b, n, k);
        na += at(a, n, k) * at(a, n, k);
        nb += at(b, n, k) * at(b, n, k);
      }
      assertEquals(sum, at(dot, n, 0), 1e-6);
      assertEquals(sum / Math.sqrt(na * nb), at(cos, n, 0), 1e-6);
    }
  }

  @Test
  void dotOverAPairOfAxesIsKerasBatchDot() {
    // Keras's docstring example: (2, 3, 5) and (2, 10, 3) with axes=(1, 2) give (2, 5, 10),
    // out[n, i, j] = sum_k x[n, k, i] * y[n, j, k].
    FloatNdArray x = values(Shape.of(2, 3, 5), 0.3);
    FloatNdArray y = values(Shape.of(2, 10, 3), 0.55);
    Dot layer = new Dot(new int[] {1, 2});
    assertEquals("(None, 5, 10)", Shapes.toKeras(
        layer.computeOutputShapes(List.of(Shape.of(-1, 3, 5), Shape.of(-1, 10, 3))).get(0)));
    FloatNdArray out = run(layer, x, y);
    assertEquals(Shape.of(2, 5, 10), out.shape());
    for (long n = 0; n < 2; n++) {
      for (long i = 0; i < 5; i++) {
        for (long j = 0; j < 10; j++) {
          double sum = 0;
          for (long k = 0; k < 3; k++) {
            sum += at(x, n, k, i) * at(y, n, j, k);
          }
          assertEquals(sum, at(out, n, i, j), 1e-6);
        }
      }
    }
  }

  @Test
  void dotMessagesAsKeras() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Dot(1, name("sim")).apply(Input.shape(3), Input.shape(4)));
    assertEquals("Layer 'sim' (Dot): Incompatible input shapes: axis values 3 (at axis 1) != 4"
        + " (at axis 1). Full input shapes: (None, 3), (None, 4)", e.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> new Dot(1, name("three")).apply(Input.shape(3), Input.shape(3), Input.shape(3)));
    assertEquals("Layer 'three' (Dot): A `Dot` layer should be called on a list of 2 inputs."
        + " Received: input_shape=[(None, 3), (None, 3), (None, 3)]", e2.getMessage());
    // Keras fails later, in batch_dot; keras4j says so when the layer is called.
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> new Dot(new int[] {0, 0}, name("batch")).apply(Input.shape(3), Input.shape(3)));
    assertEquals("Layer 'batch' (Dot): Cannot perform batch_dot over axis 0. If your inputs are"
        + " not batched, add a dummy batch dimension to your inputs using"
        + " keras.ops.expand_dims(x, 0)", e3.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dot(new int[] {1, 2, 3}));
  }

  /** The config as a Keras file holds it: through JSON. */
  private static ConfigReader json(Map<String, Object> config) {
    return ConfigReader.of(Json.parseObject(Json.write(config), "test"), "config");
  }

  @Test
  void configsRoundTripAsKeras() {
    Map<String, Object> concat = new Concatenate(axis(1), name("c")).getConfig();
    assertEquals(1, concat.get("axis"));
    Concatenate back = Concatenate.fromConfig(json(concat));
    assertEquals(1, back.axis());
    Map<String, Object> dot = new Dot(new int[] {1, 2}, normalize(true), name("d")).getConfig();
    assertEquals(List.of(1, 2), dot.get("axes"));
    assertEquals(true, dot.get("normalize"));
    assertEquals(dot, Dot.fromConfig(json(dot)).getConfig());
    Map<String, Object> single = new Dot(-1, name("e")).getConfig();
    assertEquals(-1, single.get("axes"));
    assertEquals(false, single.get("normalize"));
    assertArrayEquals(new Object[] {"name", "trainable", "dtype", "axes", "normalize"},
        single.keySet().toArray());
  }
}
