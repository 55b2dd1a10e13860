package keras4j.tf;

import static keras4j.Keras.*;
import static keras4j.tf.TF.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.utils.RandomArrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;

/** Keras's GAN training step: two models, two optimizers, noise drawn in the graph. */
class GanStepTest {

  @Test
  void generatorAndDiscriminatorTrainInOneTracedStep() {
    FloatNdArray real = new RandomArrays(1).normal(3f, 0.5f, 16, 2);
    try (var generator = new Sequential(new Dense(8, activation("relu"), inputShape(4)), new Dense(2));
        var discriminator = new Sequential(new Dense(8, activation("relu"), inputShape(2)), new Dense(1))) {
      Adam dOptimizer = new Adam(0.01);
      Adam gOptimizer = new Adam(0.01);
      try (var trainStep = function(realImages -> {
        KerasTensor noise = random.normal(16, 4);
        GradientTape dTape = new GradientTape();
        KerasTensor dLoss;
        try (dTape) {
          KerasTensor fake = generator.apply(noise, true);
          KerasTensor logits = discriminator.apply(concat(List.of(fake, realImages), 0), true);
          KerasTensor labels = concat(List.of(ones(16, 1), zeros(16, 1)), 0);
          dLoss = reduceMean(nn.sigmoidCrossEntropyWithLogits(labels, logits));
        }
        var dVars = discriminator.trainableVariables();
        List<KerasTensor> dGrads = dTape.gradient(dLoss, dVars);
        dOptimizer.applyGradients(dGrads, dVars);

        GradientTape gTape = new GradientTape();
        KerasTensor gLoss;
        try (gTape) {
          KerasTensor logits = discriminator.apply(generator.apply(random.normal(16, 4), true), true);
          gLoss = reduceMean(nn.sigmoidCrossEntropyWithLogits(zeros(16, 1), logits));
        }
        var gVars = generator.trainableVariables();
        List<KerasTensor> gGrads = gTape.gradient(gLoss, gVars);
        gOptimizer.applyGradients(gGrads, gVars);
        return List.of(dLoss, gLoss);
      })) {
        List<FloatNdArray> g0 = generator.getWeights();
        List<FloatNdArray> d0 = discriminator.getWeights();
        trainStep.call(real);
        int ops = trainStep.graphSize();
        for (int i = 0; i < 20; i++) {
          List<KerasTensor> losses = trainStep.call(real);
          assertTrue(Float.isFinite(losses.get(0).numpy().getFloat()));
          assertTrue(Float.isFinite(losses.get(1).numpy().getFloat()));
        }
        assertEquals(ops, trainStep.graphSize());
        assertEquals(21, dOptimizer.iterations());
        assertEquals(21, gOptimizer.iterations());
        assertNotEquals(g0.get(0), generator.getWeights().get(0));
        assertNotEquals(d0.get(0), discriminator.getWeights().get(0));
      }
    }
  }
}
