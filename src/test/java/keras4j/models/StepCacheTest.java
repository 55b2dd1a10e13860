package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import keras4j.layers.Dense;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** Step functions are built once per label shape and stepsPerExecution, not once per fit. */
class StepCacheTest {
  private static final List<Shape> X = List.of(Shape.of(-1, 3));

  @Test
  void equalLabelShapesWithAnUnknownBatchShareOneStepFunction() {
    try (Sequential model = new Sequential(new Dense(2, inputShape(3)));
        GraphSteps steps = new GraphSteps(model, List.of(Shape.of(-1, 3)), 0, -1, false)) {
      model.compile(optimizer("sgd"), loss("mse"));
      steps.predictFunction();
      // Two Shape objects: TF Java's Shape.equals is false when a dimension is unknown.
      GraphSteps.Step first = steps.trainStep(X, List.of(Shape.of(-1, 2)), false, 1);
      GraphSteps.Step again = steps.trainStep(X, List.of(Shape.of(-1, 2)), false, 1);
      assertSame(first, again);
      GraphSteps.Step unrolled = steps.trainStep(X, List.of(Shape.of(-1, 2)), false, 4);
      assertNotSame(first, unrolled);
      assertEquals(4, unrolled.stepsPerExecution());
      assertSame(steps.testStep(X, List.of(Shape.of(-1, 2)), false, 1),
          steps.testStep(X, List.of(Shape.of(-1, 2)), false, 1));

      try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 3));
          TFloat32 y = TFloat32.tensorOf(Shape.of(2, 2))) {
        var e = assertThrows(IllegalArgumentException.class, () -> unrolled.run(2, x, y));
        assertEquals("This step runs 1 or 4 batches at a time, not 2", e.getMessage());
      }
    }
  }
}
