package keras4j.optimizers;

import static keras4j.Keras.callbacks;
import static keras4j.Keras.clipnorm;
import static keras4j.Keras.clipvalue;
import static keras4j.Keras.emaMomentum;
import static keras4j.Keras.gradientAccumulationSteps;
import static keras4j.Keras.learningRate;
import static keras4j.Keras.momentum;
import static keras4j.Keras.useEma;
import static keras4j.optimizers.TinyRegression.X;
import static keras4j.optimizers.TinyRegression.Y;
import static keras4j.optimizers.TinyRegression.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.Keras;
import keras4j.callbacks.LearningRateScheduler;
import keras4j.models.Sequential;
import keras4j.optimizers.schedules.CosineDecay;
import keras4j.optimizers.schedules.ExponentialDecay;
import keras4j.optimizers.schedules.PiecewiseConstantDecay;
import org.junit.jupiter.api.Test;

/** The common options' and schedules' rules and errors, as Keras's. */
class OptimizerOptionsTest {
  @Test
  void aScheduledLearningRateCannotBeSetAsInKeras() {
    Adam adam = new Adam(learningRate(new ExponentialDecay(0.1, 2, 0.5)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> adam.setLearningRate(0.01));
    assertTrue(e.getMessage().contains("not settable"), e.getMessage());
    // Keras's variables: no learning_rate variable with a schedule, only the iteration count.
    assertEquals(1, adam.variables().size());
    assertEquals(0.1, adam.getLearningRate(), 1e-8);
  }

  @Test
  void learningRateSchedulerOnAScheduleIsKerasError() {
    try (Sequential model = model(new SGD(learningRate(new CosineDecay(0.1, 10))))) {
      LearningRateScheduler scheduler = new LearningRateScheduler((epoch, lr) -> lr / 2);
      assertThrows(IllegalStateException.class, () -> model.fit(X, Y, Keras.epochs(1),
          Keras.verbose(0), callbacks(scheduler)));
    }
  }

  @Test
  void learningRateSchedulerStillSetsANumberRate() {
    SGD sgd = new SGD(0.1);
    try (Sequential model = model(sgd)) {
      model.fit(X, Y, Keras.epochs(2), Keras.verbose(0),
          callbacks(new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1))));
      assertEquals(0.05, sgd.getLearningRate(), 1e-8);
    }
  }

  @Test
  void theScheduleIsEvaluatedAtTheIterationCount() {
    SGD sgd = new SGD(learningRate(new PiecewiseConstantDecay(
        java.util.List.of(1, 3), java.util.List.of(0.1, 0.05, 0.01))));
    try (Sequential model = model(sgd)) {
      assertEquals(0.1, sgd.getLearningRate(), 1e-8);
      TinyRegression.fit(model, 1);
      assertEquals(0.05, sgd.getLearningRate(), 1e-8);
      TinyRegression.fit(model, 1);
      assertEquals(0.01, sgd.getLearningRate(), 1e-8);
    }
  }

  @Test
  void optionsAreCheckedWithKerasRules() {
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> new Adam(clipnorm(1.0), clipvalue(0.5)));
    assertTrue(two.getMessage().startsWith("Only one of clipnorm, clipvalue and globalClipnorm"),
        two.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SGD(gradientAccumulationSteps(1)));
    assertThrows(IllegalArgumentException.class, () -> new SGD(useEma(true), emaMomentum(1.5)));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new Adam(momentum(0.9)));
    assertTrue(unknown.getMessage().startsWith(
        "Adam() got an unexpected keyword argument 'momentum'"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExponentialDecay(0.1, 0, 0.5));
    assertThrows(IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(java.util.List.of(1), java.util.List.of(0.1)));
  }

  @Test
  void weightDecayExclusionsAreSetBeforeBuilding() {
    AdamW adamW = new AdamW();
    try (Sequential model = model(adamW)) {
      TinyRegression.fit(model, 1);
      assertThrows(IllegalStateException.class, () -> adamW.excludeFromWeightDecay(
          java.util.List.of(), java.util.List.of("bias")));
    }
  }
}
