package keras4j.optimizers;

import static keras4j.Keras.amsgrad;
import static keras4j.Keras.beta;
import static keras4j.Keras.beta1;
import static keras4j.Keras.beta2;
import static keras4j.Keras.beta2Decay;
import static keras4j.Keras.centered;
import static keras4j.Keras.clipThreshold;
import static keras4j.Keras.clipnorm;
import static keras4j.Keras.clipvalue;
import static keras4j.Keras.emaMomentum;
import static keras4j.Keras.emaOverwriteFrequency;
import static keras4j.Keras.epsilon;
import static keras4j.Keras.epsilon1;
import static keras4j.Keras.epsilon2;
import static keras4j.Keras.globalClipnorm;
import static keras4j.Keras.gradientAccumulationSteps;
import static keras4j.Keras.initialAccumulatorValue;
import static keras4j.Keras.l1RegularizationStrength;
import static keras4j.Keras.l2RegularizationStrength;
import static keras4j.Keras.l2ShrinkageRegularizationStrength;
import static keras4j.Keras.learningRate;
import static keras4j.Keras.learningRatePower;
import static keras4j.Keras.momentum;
import static keras4j.Keras.nesterov;
import static keras4j.Keras.relativeStep;
import static keras4j.Keras.rho;
import static keras4j.Keras.useEma;
import static keras4j.Keras.weightDecay;
import static keras4j.optimizers.TinyRegression.assertClose;
import static keras4j.optimizers.TinyRegression.fit;
import static keras4j.optimizers.TinyRegression.floats;
import static keras4j.optimizers.TinyRegression.model;
import static keras4j.optimizers.TinyRegression.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import keras4j.models.Sequential;
import keras4j.ops.Ops;
import keras4j.optimizers.schedules.CosineDecay;
import keras4j.optimizers.schedules.CosineDecayRestarts;
import keras4j.optimizers.schedules.ExponentialDecay;
import keras4j.optimizers.schedules.InverseTimeDecay;
import keras4j.optimizers.schedules.PiecewiseConstantDecay;
import keras4j.optimizers.schedules.PolynomialDecay;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer, option and schedule against Python Keras 3.15.1: keras_steps.json, written by
 * make_keras_optimizer_fixtures.py, holds each case's weights after 3 epochs of {@link
 * TinyRegression} (6 steps, then fit's finalizeVariableValues) and its {@code get_config()}. Each
 * case below builds the optimizer the script builds under the same name, the Java way.
 */
class KerasParityTest {
  private static final Map<String, Object> STEPS = TinyRegression.json("keras_steps.json");

  /** The cases of make_keras_optimizer_fixtures.py's CASES, in Java. */
  static Map<String, Supplier<Optimizer>> cases() {
    Map<String, Supplier<Optimizer>> c = new LinkedHashMap<>();
    c.put("sgd", () -> new SGD(0.1));
    c.put("sgd_nesterov", () -> new SGD(learningRate(0.1), momentum(0.9), nesterov(true)));
    c.put("adam", () -> new Adam(0.1));
    c.put("adam_amsgrad", () -> new Adam(learningRate(0.05), amsgrad(true)));
    c.put("adamw", () -> new AdamW(0.05));
    c.put("adamw_amsgrad", () -> new AdamW(0.05, weightDecay(0.1), amsgrad(true)));
    c.put("adamw_exclude_bias", () -> {
      AdamW adamW = new AdamW(0.05, weightDecay(0.1));
      adamW.excludeFromWeightDecay(List.of(), List.of("bias"));
      return adamW;
    });
    c.put("rmsprop", () -> new RMSprop(0.05));
    c.put("rmsprop_centered", () -> new RMSprop(0.05, centered(true)));
    c.put("rmsprop_centered_momentum",
        () -> new RMSprop(0.05, rho(0.8), momentum(0.5), centered(true)));
    c.put("adagrad", () -> new Adagrad(0.1));
    c.put("adadelta", () -> new Adadelta(1.0));
    c.put("adamax", () -> new Adamax(0.1));
    c.put("nadam", () -> new Nadam(0.1));
    c.put("lion", () -> new Lion(0.01));
    c.put("lion_custom", () -> new Lion(0.02, beta1(0.8), beta2(0.9)));
    c.put("ftrl", () -> new Ftrl(0.1));
    c.put("ftrl_custom", () -> new Ftrl(0.1, learningRatePower(-0.7),
        initialAccumulatorValue(0.2), l1RegularizationStrength(0.01),
        l2RegularizationStrength(0.02), l2ShrinkageRegularizationStrength(0.03), beta(0.5)));
    c.put("adafactor", () -> new Adafactor(0.8));
    c.put("adafactor_custom", () -> new Adafactor(0.5, beta2Decay(-0.5), epsilon1(1e-3),
        epsilon2(0.1), clipThreshold(0.5), relativeStep(false)));
    c.put("lamb", () -> new Lamb(0.05));
    c.put("lamb_custom", () -> new Lamb(0.05, beta1(0.8), beta2(0.9), epsilon(0.1)));
    c.put("sgd_weight_decay", () -> new SGD(0.1, weightDecay(0.05)));
    c.put("adam_clipnorm", () -> new Adam(0.1, clipnorm(0.1)));
    c.put("sgd_clipvalue", () -> new SGD(0.1, clipvalue(0.05)));
    c.put("rmsprop_global_clipnorm", () -> new RMSprop(0.05, globalClipnorm(0.2)));
    c.put("adam_ema", () -> new Adam(0.1, useEma(true), emaMomentum(0.9)));
    c.put("sgd_ema_overwrite", () -> new SGD(0.1, momentum(0.9), useEma(true), emaMomentum(0.5),
        emaOverwriteFrequency(2)));
    c.put("adam_accumulation", () -> new Adam(0.1, gradientAccumulationSteps(3)));
    c.put("nadam_accumulation_ema", () -> new Nadam(0.1, gradientAccumulationSteps(2),
        useEma(true), emaMomentum(0.8)));
    c.put("sgd_exponential", () -> new SGD(learningRate(new ExponentialDecay(0.1, 2, 0.5))));
    c.put("sgd_exponential_staircase", () -> new SGD(learningRate(
        new ExponentialDecay(0.1, 3, 0.5, true, "ExponentialDecay"))));
    c.put("sgd_piecewise", () -> new SGD(learningRate(
        new PiecewiseConstantDecay(List.of(1, 3), List.of(0.1, 0.05, 0.01)))));
    c.put("sgd_inverse_time", () -> new SGD(learningRate(new InverseTimeDecay(0.1, 2, 0.5))));
    c.put("sgd_inverse_time_staircase", () -> new SGD(learningRate(
        new InverseTimeDecay(0.1, 2, 0.5, true, "InverseTimeDecay"))));
    c.put("sgd_polynomial", () -> new SGD(learningRate(
        new PolynomialDecay(0.1, 4, 0.01, 2.0, false, "PolynomialDecay"))));
    c.put("sgd_polynomial_cycle", () -> new SGD(learningRate(
        new PolynomialDecay(0.1, 2, 0.01, 1.5, true, "PolynomialDecay"))));
    c.put("adam_cosine", () -> new Adam(learningRate(
        new CosineDecay(0.1, 4, 0.1, "CosineDecay", null, 0))));
    c.put("adam_cosine_warmup", () -> new Adam(learningRate(
        new CosineDecay(0.01, 3, 0.1, "CosineDecay", 0.1, 2))));
    c.put("sgd_cosine_restarts", () -> new SGD(learningRate(
        new CosineDecayRestarts(0.1, 2, 2.0, 0.5, 0.1, "SGDRDecay"))));
    c.put("sgd_cosine_restarts_constant", () -> new SGD(learningRate(
        new CosineDecayRestarts(0.1, 2, 1.0, 0.8, 0.0, "SGDRDecay"))));
    c.put("adamw_cosine", () -> new AdamW(learningRate(new CosineDecay(0.05, 6)),
        weightDecay(0.1)));
    c.put("adafactor_schedule", () -> new Adafactor(learningRate(
        new ExponentialDecay(0.8, 2, 0.5))));
    return c;
  }

  static Stream<Arguments> named() {
    return cases().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @Test
  void everyKerasCaseHasAJavaCase() {
    assertEquals(STEPS.keySet(), cases().keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("named")
  void sixStepsMatchKeras(String name, Supplier<Optimizer> optimizer) {
    Map<?, ?> expected = (Map<?, ?>) STEPS.get(name);
    try (Sequential model = model(optimizer.get())) {
      fit(model, 3);
      assertClose(floats(expected.get("weights")), weights(model), name);
      assertEquals(((Number) expected.get("iterations")).longValue(),
          model.optimizer().iterations(), name + ": iterations");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("named")
  void configIsKerasConfig(String name, Supplier<Optimizer> optimizer) {
    Map<?, ?> keras = (Map<?, ?>) ((Map<?, ?>) STEPS.get(name)).get("config");
    // Through JSON, as a file holds it; Keras numbers its optimizers' names (adam_3).
    Object java = Json.parse(Json.write(optimizer.get().getConfig()));
    assertSameConfig(keras, java, name);
  }

  /** Same keys in the same order, same strings, booleans and nulls, numbers within 1e-6. */
  private static void assertSameConfig(Object keras, Object java, String at) {
    if (keras instanceof Map<?, ?> k) {
      Map<?, ?> j = (Map<?, ?>) java;
      assertEquals(new ArrayList<>(k.keySet()), new ArrayList<>(j.keySet()), at + ": keys");
      for (Object key : k.keySet()) {
        Object kv = k.get(key);
        Object jv = j.get(key);
        // Names are made unique per process (adam, adam_1, ...), in Keras and here alike.
        if (key.equals("name") && kv instanceof String s && jv instanceof String t) {
          kv = s.replaceAll("_[0-9]+$", "");
          jv = t.replaceAll("_[0-9]+$", "");
        }
        assertSameConfig(kv, jv, at + "." + key);
      }
    } else if (keras instanceof List<?> k) {
      List<?> j = (List<?>) java;
      assertEquals(k.size(), j.size(), at + ": length");
      for (int i = 0; i < k.size(); i++) {
        assertSameConfig(k.get(i), j.get(i), at + "[" + i + "]");
      }
    } else if (keras instanceof Number k) {
      assertTrue(java instanceof Number, at + ": " + java + " is not a number like " + k);
      double j = ((Number) java).doubleValue();
      assertEquals(k.doubleValue(), j, 1e-6 * Math.abs(k.doubleValue()), at);
    } else {
      assertEquals(keras, java, at);
    }
  }

  @Test
  void aUserScheduleIsEvaluatedInTheGraphLikeABuiltIn() {
    // The lambda is ExponentialDecay(0.1, 2, 0.5): Keras's "sgd_exponential" case.
    SGD sgd = new SGD(learningRate(
        step -> Ops.multiply(Ops.power(Ops.multiply(Ops.onesLike(step), 0.5),
            Ops.divide(step, Ops.add(Ops.zerosLike(step), 2.0))), 0.1)));
    try (Sequential model = model(sgd)) {
      fit(model, 3);
      Map<?, ?> expected = (Map<?, ?>) STEPS.get("sgd_exponential");
      assertClose(floats(expected.get("weights")), weights(model), "user schedule");
      // Evaluated now at the iteration count: 0.1 * 0.5^(6 / 2).
      assertEquals(0.0125, sgd.getLearningRate(), 1e-9);
    }
  }
}
