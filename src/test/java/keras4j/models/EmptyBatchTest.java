package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.backend.HostArray;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * An empty batch: predict returns empty predictions shaped as the model's outputs (Keras 3.15.1's
 * predict fails on one with an UnboundLocalError), while fit and evaluate, which have nothing to
 * learn or measure, say so.
 */
class EmptyBatchTest {
  @Test
  void predictOnNoSamplesReturnsNoPredictions() {
    assertEquals(0, HostArray.of(NdArrays.ofFloats(Shape.of(0, 4)), "x").samples());
    try (var model = new Sequential(new Dense(2, inputShape(4)))) {
      assertEquals(Shape.of(0, 2), model.predict(NdArrays.ofFloats(Shape.of(0, 4))).shape());
      // A Java float[0][4] records no row length: the model's input shape stands in for it.
      assertEquals(Shape.of(0, 2), model.predict(new float[0][4]).shape());
      model.compile(optimizer("sgd"), loss("mse"));
      var e = assertThrows(IllegalArgumentException.class,
          () -> model.fit(new float[0][4], new float[0][2]));
      assertTrue(e.getMessage().contains("x is empty"), e.getMessage());
    }
    var a = Input.named("a", 3);
    var b = Input.named("b", 2);
    var hidden = new Dense(4).apply(new keras4j.layers.Concatenate().apply(a, b));
    try (var model = new Model(List.of(a, b),
        List.of(new Dense(1, name("one")).apply(hidden), new Dense(5, name("five")).apply(hidden)))) {
      List<Shape> shapes = model.predictAll(List.of(new float[0][3], new float[0][2])).stream()
          .map(out -> out.shape()).toList();
      assertEquals(List.of(Shape.of(0, 1), Shape.of(0, 5)), shapes);
    }
  }

  @Test
  void anUnbuiltModelCannotShapeNoPredictions() {
    try (var model = new Sequential(new Dense(2))) {
      var e = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[0][4]));
      assertTrue(e.getMessage().contains("inputShape(...)"), e.getMessage());
    }
  }
}
