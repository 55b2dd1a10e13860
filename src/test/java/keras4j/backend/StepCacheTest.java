package keras4j.backend;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import keras4j.layers.Dense;
import keras4j.losses.Losses;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.junit.jupiter.api.Test;

/** Step functions are built once per label shape and stepsPerExecution, not once per fit. */
class StepCacheTest {
  @Test
  void equalLabelShapesWithAnUnknownBatchShareOneStepFunction() {
    try (Sequential model = new Sequential(new Dense(2, inputShape(3)));
        Executor executor = new Executor(model, Shape.of(-1, 3), 0, -1)) {
      executor.inference();
      var sgd = new SGD();
      var mse = Losses.get("mse");
      // Two Shape objects: TF Java's Shape.equals is false when a dimension is unknown.
      StepFunction first =
          executor.trainStep(Shape.of(-1, 2), 1, mse, List.of(), sgd, model.trainableVariables());
      StepFunction again =
          executor.trainStep(Shape.of(-1, 2), 1, mse, List.of(), sgd, model.trainableVariables());
      assertSame(first, again);
      StepFunction unrolled =
          executor.trainStep(Shape.of(-1, 2), 4, mse, List.of(), sgd, model.trainableVariables());
      assertNotSame(first, unrolled);
      assertEquals(4, unrolled.stepsPerExecution());
      assertSame(executor.testStep(Shape.of(-1, 2), 1, mse, List.of()),
          executor.testStep(Shape.of(-1, 2), 1, mse, List.of()));

      try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 3));
          TFloat32 y = TFloat32.tensorOf(Shape.of(2, 2))) {
        var e = assertThrows(IllegalArgumentException.class, () -> unrolled.run(2, x, y));
        assertEquals("This step runs 1 or 4 batches at a time, not 2", e.getMessage());
      }
    }
  }
}
