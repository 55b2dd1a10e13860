package keras4j.optimizers;

import static keras4j.Keras.dynamicGrowthSteps;
import static keras4j.Keras.initialScale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/**
 * LossScaleOptimizer's dynamic scale against numbers worked by hand: SGD(1) on w = 1 with scaled
 * gradients, initial scale 4, growth every 2 finite steps.
 */
class LossScaleOptimizerTest {
  @Test
  void unscalesGrowsAfterTheGrowthStepsAndSkipsNonFiniteStepsHalvingTheScale() {
    Variable w = new Variable("w", StdArrays.ndCopyOf(new float[] {1f}), true);
    LossScaleOptimizer optimizer =
        new LossScaleOptimizer(new SGD(1.0), initialScale(4), dynamicGrowthSteps(2));
    assertEquals(4, optimizer.dynamicScale());
    try (TracedFunction<KerasTensor> step = TF.function(g -> {
      optimizer.applyGradients(List.of(g), List.of(w));
      return g;
    })) {
      // {scaled gradient, w after, scale after, step counter after}
      float inf = Float.POSITIVE_INFINITY;
      float[][] expected = {
          {8, 1 - 8 / 4f, 4, 1},       // finite: w -= 8 / 4, one finite step counted
          {8, -1 - 8 / 4f, 8, 0},      // the second finite step in a row doubles the scale
          {inf, -3, 4, 0},             // skipped: w kept, scale halved
          {Float.NaN, -3, 2, 0},       // skipped again
          {8, -3 - 8 / 2f, 2, 1},      // unscaled by the halved scale
      };
      for (float[] row : expected) {
        step.call((Object) new float[] {row[0]});
        assertEquals(row[1], w.numpy().getFloat(0), "w after a gradient of " + row[0]);
        assertEquals(row[2], optimizer.dynamicScale(), "scale after " + row[0]);
        assertEquals((long) row[3], optimizer.stepCounter(), "counter after " + row[0]);
      }
    }
    // The skipped steps did not count as updates of the inner optimizer.
    assertEquals(3, optimizer.iterations());
    assertEquals(3, optimizer.innerOptimizer().iterations());
  }

  @Test
  void kerasDefaultsAndArgumentChecks() {
    LossScaleOptimizer optimizer = new LossScaleOptimizer(new SGD(0.1));
    assertEquals(32768, optimizer.dynamicScale());
    assertEquals(2000, optimizer.getConfig().get("dynamic_growth_steps"));
    assertEquals(0.1, optimizer.getLearningRate(), 1e-7);
    assertThrows(IllegalArgumentException.class,
        () -> new LossScaleOptimizer(optimizer));
    assertThrows(IllegalArgumentException.class,
        () -> new LossScaleOptimizer(new SGD(0.1), dynamicGrowthSteps(0)));
  }
}
