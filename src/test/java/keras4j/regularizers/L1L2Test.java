package keras4j.regularizers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/**
 * Penalties are added to the loss. By hand: kernel [[1, 2], [3, 4]] maps x = [1, 0] to [1, 2],
 * exactly the label, so the MSE is 0 and the loss is the penalty: l2 = 0.1 * (1 + 4 + 9 + 16) = 3,
 * l1 = 0.5 * (1 + 2 + 3 + 4) = 5.
 */
class L1L2Test {
  private static double penalizedLoss(Regularizer regularizer) {
    Dense dense = new Dense(2, useBias(false), kernelRegularizer(regularizer), inputShape(2));
    try (var model = new Sequential(dense)) {
      model.setWeights(List.of(StdArrays.ndCopyOf(new float[][] {{1, 2}, {3, 4}})));
      model.compile(optimizer("sgd"), loss("mse"));
      return model.evaluate(new float[][] {{1, 0}}, new float[][] {{1, 2}}, verbose(0))
          .get("loss");
    }
  }

  @Test
  void l2PenaltyIsAddedToTheLoss() {
    assertEquals(3.0, penalizedLoss(L1L2.l2(0.1)), 1e-6);
  }

  @Test
  void l1PenaltyIsAddedToTheLoss() {
    assertEquals(5.0, penalizedLoss(L1L2.l1(0.5)), 1e-6);
  }

  @Test
  void bothPenaltiesAdd() {
    assertEquals(8.0, penalizedLoss(L1L2.l1L2(0.5, 0.1)), 1e-6);
  }
}
