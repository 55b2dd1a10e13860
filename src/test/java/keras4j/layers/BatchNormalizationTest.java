package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

class BatchNormalizationTest {
  @Test
  void aTrainingStepMovesTheStatisticsAsKeras() {
    float[][] x = {{1, 2}, {3, -1}, {0.5f, 0}, {2.5f, 4}};
    BatchNormalization bn = new BatchNormalization(inputShape(2));
    try (Sequential model = new Sequential(bn)) {
      model.compile(optimizer("sgd"), loss("mse"));
      model.fit(x, new float[4][2], epochs(1), batchSize(4), verbose(0));
      // numpy: m, v = x.mean(0), x.var(0); 0.99 * 0 + 0.01 * m; 0.99 * 1 + 0.01 * v
      List<float[]> weights = model.getWeights().stream()
          .map(w -> StdArrays.array1dCopyOf(w)).toList();
      assertArrayEquals(new float[] {0.0175f, 0.0125f}, weights.get(2), 1e-7f);
      assertArrayEquals(new float[] {1.000625f, 1.026875f}, weights.get(3), 1e-7f);
    }
  }
}
