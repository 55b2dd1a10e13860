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

import java.util.HashMap;
import java.util.Map;
import keras4j.Keras;
import keras4j.callbacks.ReduceLROnPlateau;
import keras4j.core.Kwarg;
import keras4j.callbacks.LearningRateScheduler;
import keras4j.models.Sequential;
import keras4j.optimizers.schedules.CosineDecay;
import keras4j.optimizers.schedules.ExponentialDecay;
import keras4j.optimizers.schedules.PiecewiseConstantDecay;
import keras4j.saving.ConfigReader;
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

  /** Keras 3.15.1's TypeError when anything sets a scheduled learning rate. */
  private static final String NOT_SETTABLE = "This optimizer was created with a"
      + " `LearningRateSchedule` object as its `learning_rate` constructor argument, hence its"
      + " learning rate is not settable. If you need the learning rate to be settable, you should"
      + " instantiate the optimizer with a float `learning_rate` argument.";

  @Test
  void reduceLrOnPlateauOnAScheduleFailsWithKerasError() {
    // Learning rate 5 diverges: the second epoch's loss is worse, and the callback reduces the
    // rate, which Keras refuses for a schedule with this message (a TypeError in Python).
    try (Sequential model = model(new SGD(learningRate(new ExponentialDecay(5, 100, 0.9))))) {
      ReduceLROnPlateau plateau = new ReduceLROnPlateau("loss").patience(0);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.fit(X, Y,
          Keras.epochs(3), Keras.verbose(0), callbacks(plateau)));
      assertEquals(NOT_SETTABLE, e.getMessage());
    }
  }

  @Test
  void settingAScheduledRateIsKerasErrorWordForWord() {
    SGD sgd = new SGD(learningRate(new ExponentialDecay(0.1, 10, 0.9)));
    assertEquals(NOT_SETTABLE,
        assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.01)).getMessage());
  }

  @Test
  void optimizersAreNamedUniquelyAsKeras() {
    // Keras 3.15.1: Adam().name is "adam", the next "adam_1", ...; an explicit name does not
    // count; AdamW's prefix is "adam_w". Other tests of this JVM may have taken the first ones.
    String first = new Adam().name();
    int n = first.equals("adam") ? 0 : Integer.parseInt(first.substring("adam_".length()));
    assertEquals("x", new Adam(new Kwarg("name", "x")).name());
    Adam next = new Adam();
    assertEquals("adam_" + (n + 1), next.name());
    assertEquals(next.name(), next.getConfig().get("name"));
    assertTrue(new AdamW().name().matches("adam_w(_\\d+)?"));
  }

  @Test
  void adamWWithANullWeightDecayInAFileIsRefusedAsKeras() {
    // Keras 3.15.1: AdamW(weight_decay=None) and from_config raise ValueError("Argument
    // `weight_decay` must be a float. Received: weight_decay=None"); a keras4j load says the same.
    Map<String, Object> config = new HashMap<>(new AdamW().getConfig());
    config.put("weight_decay", null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdamW.fromConfig(ConfigReader.of(config, "compile_config.optimizer.config")));
    assertEquals("compile_config.optimizer.config.weight_decay: Argument `weight_decay` must be a"
        + " float. Received: weight_decay=None", e.getMessage());
  }
}
