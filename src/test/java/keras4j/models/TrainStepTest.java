package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.callbacks.LambdaCallback;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.ops.Ops;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.SGD;
import keras4j.tf.GradientTape;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import keras4j.utils.RandomArrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * An overridden {@link Model#trainStep} runs under {@code fit}, with callbacks and History, and
 * computes exactly what the same step written as a {@code TF.function} GradientTape loop does.
 */
class TrainStepTest {
  private static final FloatNdArray X = new RandomArrays(3).normal(0f, 1f, 8, 3);
  private static final FloatNdArray Y = new RandomArrays(4).normal(0f, 1f, 8, 1);

  /** Mean squared error plus 0.1 times the mean squared output: an extra loss term. */
  static KerasTensor penalizedLoss(KerasTensor y, KerasTensor yPred) {
    return Ops.add(Ops.mean(Ops.square(Ops.subtract(yPred, y))),
        Ops.multiply(Ops.mean(Ops.square(yPred)), 0.1));
  }

  /** A regression MLP whose training step adds a penalty on its outputs. */
  static final class PenalizedMlp extends Sequential {
    PenalizedMlp() {
      super(new Dense(4, activation("tanh"), keras4j.Keras.inputShape(3)), new Dense(1));
    }

    @Override
    public Map<String, KerasTensor> trainStep(KerasTensor x, KerasTensor y) {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        loss = penalizedLoss(y, apply(x, true));
      }
      List<Variable> weights = trainableVariables();
      optimizer().applyGradients(tape.gradient(loss, weights), weights);
      return Map.of("loss", loss);
    }
  }

  @Test
  void overriddenTrainStepUnderFitEqualsAHandWrittenTapeLoop() {
    try (var model = new PenalizedMlp();
        var reference = new Sequential(
            new Dense(4, activation("tanh"), inputShape(3)), new Dense(1))) {
      reference.setWeights(model.getWeights());
      model.compile(optimizer(new SGD(0.1)));
      List<Double> seen = new ArrayList<>();
      History history = model.fit(X, Y, epochs(3), batchSize(8), shuffle(false), verbose(0),
          callbacks(LambdaCallback.onEpochEnd((epoch, logs) -> seen.add(logs.get("loss")))));

      Optimizer sgd = new SGD(0.1);
      List<Float> handLosses = new ArrayList<>();
      try (TracedFunction<KerasTensor> step = TF.function((x, y) -> {
        GradientTape tape = new GradientTape();
        KerasTensor loss;
        try (tape) {
          loss = penalizedLoss(y, reference.apply(x, true));
        }
        List<Variable> weights = reference.trainableVariables();
        sgd.applyGradients(tape.gradient(loss, weights), weights);
        return loss;
      })) {
        for (int i = 0; i < 3; i++) {
          handLosses.add(step.call(X, Y).numpy().getFloat());
        }
      }
      for (int i = 0; i < 3; i++) {
        assertEquals(handLosses.get(i), history.history().get("loss").get(i), 1e-6);
        assertEquals(handLosses.get(i), seen.get(i), 1e-6);
      }
      List<FloatNdArray> trained = model.getWeights();
      List<FloatNdArray> expected = reference.getWeights();
      for (int w = 0; w < trained.size(); w++) {
        FloatNdArray a = trained.get(w);
        FloatNdArray b = expected.get(w);
        a.scalars().forEachIndexed((index, value) ->
            assertEquals(b.getFloat(index), value.getFloat(), 1e-6));
      }
      assertNotEquals(handLosses.get(0), handLosses.get(2));
    }
  }

  /**
   * Keras's "GAN overriding train_step": a discriminator step and a generator step with two
   * optimizers, the noise taken from the labels so the run is deterministic.
   */
  static final class Gan extends Model {
    final Sequential generator =
        new Sequential(new Dense(6, activation("relu"), keras4j.Keras.inputShape(1)), new Dense(3));
    final Sequential discriminator =
        new Sequential(new Dense(6, activation("relu"), keras4j.Keras.inputShape(3)), new Dense(1));
    final Optimizer dOptimizer = new SGD(0.05);
    final Optimizer gOptimizer = new SGD(0.05);

    @Override
    public KerasTensor call(KerasTensor noise) {
      return generator.apply(noise);
    }

    @Override
    public Map<String, KerasTensor> trainStep(KerasTensor noise, KerasTensor real) {
      return ganStep(this, noise, real);
    }
  }

  /** One GAN step on {@code gan}'s parts; its losses by name. */
  static Map<String, KerasTensor> ganStep(Gan gan, KerasTensor noise, KerasTensor real) {
    GradientTape dTape = new GradientTape();
    KerasTensor dLoss;
    try (dTape) {
      KerasTensor fake = gan.generator.apply(noise, true);
      KerasTensor realScore = Ops.sigmoid(gan.discriminator.apply(real, true));
      KerasTensor fakeScore = Ops.sigmoid(gan.discriminator.apply(fake, true));
      dLoss = Ops.add(Ops.mean(Ops.square(Ops.subtract(Ops.onesLike(realScore), realScore))),
          Ops.mean(Ops.square(fakeScore)));
    }
    List<Variable> dVars = gan.discriminator.trainableVariables();
    gan.dOptimizer.applyGradients(dTape.gradient(dLoss, dVars), dVars);
    GradientTape gTape = new GradientTape();
    KerasTensor gLoss;
    try (gTape) {
      KerasTensor score = Ops.sigmoid(gan.discriminator.apply(gan.generator.apply(noise, true), true));
      gLoss = Ops.mean(Ops.square(Ops.subtract(Ops.onesLike(score), score)));
    }
    List<Variable> gVars = gan.generator.trainableVariables();
    gan.gOptimizer.applyGradients(gTape.gradient(gLoss, gVars), gVars);
    Map<String, KerasTensor> logs = new LinkedHashMap<>();
    logs.put("d_loss", dLoss);
    logs.put("g_loss", gLoss);
    return logs;
  }

  @Test
  void ganTrainStepWithTwoOptimizersTrainsUnderFitWithACallback() {
    float[][] real = StdArrays.array2dCopyOf(new RandomArrays(5).normal(2f, 0.5f, 16, 3));
    float[][] noise = StdArrays.array2dCopyOf(new RandomArrays(6).normal(0f, 1f, 16, 1));
    try (Gan gan = new Gan(); Gan twin = new Gan()) {
      twin.generator.setWeights(gan.generator.getWeights());
      twin.discriminator.setWeights(gan.discriminator.getWeights());
      gan.compile();
      List<Integer> batches = new ArrayList<>();
      History history = gan.fit(noise, real, epochs(2), batchSize(8), shuffle(false), verbose(0),
          callbacks(LambdaCallback.onBatchEnd((batch, logs) -> {
            assertTrue(logs.containsKey("d_loss") && logs.containsKey("g_loss"), logs.toString());
            batches.add(batch);
          })));
      assertEquals(List.of(0, 1, 0, 1), batches);

      // The same four steps by hand: TF.function over the twin's parts.
      List<Float> dLosses = new ArrayList<>();
      try (var step = TF.function((z, x) -> ganStep(twin, z, x).get("d_loss"))) {
        for (int epoch = 0; epoch < 2; epoch++) {
          for (int from = 0; from < 16; from += 8) {
            dLosses.add(step.call(Arrays.copyOfRange(noise, from, from + 8),
                Arrays.copyOfRange(real, from, from + 8)).numpy().getFloat());
          }
        }
      }
      // History keeps each epoch's last batch.
      assertEquals(dLosses.get(1), history.history().get("d_loss").get(0), 1e-6);
      assertEquals(dLosses.get(3), history.history().get("d_loss").get(1), 1e-6);
      List<FloatNdArray> g = gan.generator.getWeights();
      List<FloatNdArray> gTwin = twin.generator.getWeights();
      for (int w = 0; w < g.size(); w++) {
        FloatNdArray b = gTwin.get(w);
        g.get(w).scalars().forEachIndexed((index, value) ->
            assertEquals(b.getFloat(index), value.getFloat(), 1e-6));
      }
    }
  }
}
