package keras4j.tf;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.losses.Loss;
import keras4j.losses.SparseCategoricalCrossentropy;
import keras4j.models.Sequential;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.Optimizers;
import keras4j.utils.RandomArrays;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.index.Indices;

/** A GradientTape loop with each of keras4j's optimizers takes the same steps as {@code fit}. */
class CustomLoopTest {

  @ParameterizedTest
  @MethodSource("keras4j.optimizers.Optimizers#aliases")
  void loopMatchesFitAfterThreeSteps(String alias) {
    RandomArrays rng = new RandomArrays(3);
    FloatNdArray x = rng.normal(0, 1, 24, 5);
    IntNdArray y = rng.randint(0, 3, 24);
    RandomSeed.set(11);
    try (Sequential looped = model(); Sequential fitted = model()) {
      fitted.setWeights(looped.getWeights());
      fitted.compile(optimizer(alias), loss("sparse_categorical_crossentropy"));
      fitted.fit(x, y, epochs(1), batchSize(8), shuffle(false), verbose(0));

      Optimizer optimizer = Optimizers.get(alias);
      Loss lossFn = new SparseCategoricalCrossentropy();
      try (var trainStep = TF.function((xb, yb) -> {
        GradientTape tape = new GradientTape();
        KerasTensor loss;
        try (tape) {
          loss = lossFn.apply(yb, looped.apply(xb, true));
        }
        var vars = looped.trainableVariables();
        optimizer.applyGradients(tape.gradient(loss, vars), vars);
        return loss;
      })) {
        List<FloatNdArray> initial = looped.getWeights();
        for (int from = 0; from < 24; from += 8) {
          trainStep.call(x.slice(Indices.range(from, from + 8)), y.slice(Indices.range(from, from + 8)));
        }
        assertEquals(3, optimizer.iterations());
        List<FloatNdArray> expected = fitted.getWeights();
        List<FloatNdArray> actual = looped.getWeights();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
          assertNotEquals(initial.get(i), actual.get(i), "weight " + i + " did not move");
          FloatNdArray e = expected.get(i);
          FloatNdArray a = actual.get(i);
          String name = "weight " + i;
          assertEquals(e.shape(), a.shape());
          e.scalars().forEachIndexed((at, s) -> assertEquals(s.getFloat(), a.getFloat(at), 1e-6, name));
        }
      }
    }
  }

  private static Sequential model() {
    return new Sequential(
        new Dense(8, activation("relu"), inputShape(5)), new Dense(3, activation("softmax")));
  }
}
