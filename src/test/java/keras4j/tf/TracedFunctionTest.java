package keras4j.tf;

import static keras4j.Keras.*;
import static keras4j.tf.TF.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomArrays;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

class TracedFunctionTest {

  @Test
  void tenThousandStepsNeitherGrowTheGraphNorTheProcess() throws IOException {
    RandomArrays rng = new RandomArrays(7);
    FloatNdArray x = rng.normal(0, 1, 64, 32);
    FloatNdArray y = rng.normal(0, 1, 64, 4);
    Variable w = variable(random.normal(new long[] {32, 4}, 0f, 0.1f, 1));
    Variable b = variable(zeros(4));
    Adam adam = new Adam(0.01);
    try (var step = function((xb, yb) -> {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        loss = reduceMean(square(subtract(nn.relu(add(matmul(xb, w), b)), yb)));
      }
      adam.applyGradients(tape.gradient(loss, List.of(w, b)), List.of(w, b));
      return loss;
    })) {
      float first = step.call(x, y).numpy().getFloat();
      int opsAfterFirstStep = step.graphSize();
      for (int i = 1; i < 1000; i++) {
        step.call(x, y);
      }
      // RSS after a GC every 1,000 steps: TF Java frees some native buffers only when their Java
      // objects are collected, so RSS between collections swings by ~100 MB either way.
      long rssStart = rssKb();
      long rssMax = rssStart;
      float last = 0;
      long started = System.nanoTime();
      for (int i = 1; i <= 10_000; i++) {
        last = step.call(x, y).numpy().getFloat();
        if (i % 1000 == 0) {
          rssMax = Math.max(rssMax, rssKb());
        }
      }
      System.out.printf("10,000 steps: %.0f us/step, %d graph ops, RSS %d KB -> max %d KB%n",
          (System.nanoTime() - started) / 1e7, step.graphSize(), rssStart, rssMax);
      assertEquals(opsAfterFirstStep, step.graphSize(), "the graph grew");
      assertEquals(1, step.tracingCount());
      assertEquals(11_000, adam.iterations());
      assertTrue(last < first, "loss " + first + " -> " + last);
      // Each step feeds 9 KB: leaking even a fifth of that would add 18 MB (measured: ~1 MB).
      assertTrue(rssMax - rssStart < 16_000,
          "RSS grew by " + (rssMax - rssStart) + " KB over 10,000 steps");
    }
  }

  private static long rssKb() throws IOException {
    System.gc();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  @Test
  void readsAfterAnUpdateSeeTheUpdatedValue() {
    Variable w = variable(constant(new float[] {2f}));
    SGD sgd = new SGD(0.1);
    try (var step = function(() -> {
      GradientTape tape = new GradientTape();
      KerasTensor before;
      try (tape) {
        before = reduceSum(square(w));
      }
      sgd.applyGradients(List.of(tape.gradient(before, w)), List.of(w));
      KerasTensor after = reduceSum(square(w));
      return List.of(before, after);
    })) {
      // w^2 with w = 2; the gradient 2w = 4 moves w to 2 - 0.1 * 4 = 1.6; then 1.6^2.
      List<KerasTensor> r = step.call();
      assertEquals(4f, r.get(0).numpy().getFloat(), 1e-6);
      assertEquals(2.56f, r.get(1).numpy().getFloat(), 1e-6);
      // Next call: 1.6 -> 1.6 - 0.32 = 1.28.
      r = step.call();
      assertEquals(2.56f, r.get(0).numpy().getFloat(), 1e-6);
      assertEquals(1.6384f, r.get(1).numpy().getFloat(), 1e-6);
      assertEquals(1.28f, w.numpy().getFloat(0), 1e-6);
    }
  }

  @Test
  void aTensorReturnedTwiceIsFetchedOnceAndGivenTwice() {
    try (var f = function(x -> {
      KerasTensor doubled = multiply(x, constant(2f));
      return List.of(doubled, reduceSum(x), doubled);
    })) {
      List<KerasTensor> r = f.call((Object) new float[] {1, 2});
      assertArrayEquals(new float[] {2, 4}, StdArrays.array1dCopyOf(r.get(0).numpy()));
      assertEquals(3f, r.get(1).numpy().getFloat());
      assertArrayEquals(new float[] {2, 4}, StdArrays.array1dCopyOf(r.get(2).numpy()));
    }
  }

  @Test
  void newShapesTraceOnceEach() {
    try (var f = function(x -> Map.of("sum", reduceSum(x), "double", multiply(x, constant(2f))))) {
      Map<String, KerasTensor> r = f.call((Object) new float[] {1, 2, 3});
      assertEquals(6f, r.get("sum").numpy().getFloat());
      assertArrayEquals(new float[] {2, 4, 6}, StdArrays.array1dCopyOf(r.get("double").numpy()));
      f.call((Object) new float[] {4, 5, 6});
      assertEquals(1, f.tracingCount());
      assertEquals(3f, f.call((Object) new float[] {1, 2}).get("sum").numpy().getFloat());
      assertEquals(2, f.tracingCount());
    }
  }

  @Test
  void randomOpsDrawNewValuesEachCallAndSeededValuesRepeat() {
    try (var f = function(() -> random.normal(3))) {
      float a = f.call().numpy().getFloat(0);
      float b = f.call().numpy().getFloat(0);
      assertNotEquals(a, b);
    }
    RandomSeed.set(5);
    FloatNdArray first = random.uniform(new long[] {4}, -1f, 1f).numpy();
    RandomSeed.set(5);
    assertEquals(first, random.uniform(new long[] {4}, -1f, 1f).numpy());
    first.scalars().forEach(s -> assertTrue(s.getFloat() >= -1f && s.getFloat() < 1f));
  }

  @Test
  void modelsTrainedInAFunctionPredictWithTheNewWeightsAndBack() {
    float[][] x = {{1, 2}, {3, 4}, {5, 6}};
    float[][] y = {{1}, {0}, {1}};
    try (var model = new Sequential(new Dense(3, activation("relu"), inputShape(2)), new Dense(1));
        var forward = function(xb -> model.apply(xb));
        var step = function((xb, yb) -> {
          GradientTape tape = new GradientTape();
          KerasTensor loss;
          try (tape) {
            loss = reduceMean(square(subtract(model.apply(xb, true), yb)));
          }
          var vars = model.trainableVariables();
          new SGD(0.05).applyGradients(tape.gradient(loss, vars), vars);
          return loss;
        })) {
      FloatNdArray before = model.predict(x);
      step.call(x, y);
      FloatNdArray inFunction = forward.call((Object) x).numpy();
      FloatNdArray predicted = model.predict(x);
      assertNotEquals(before, predicted, "the step changed nothing");
      assertEquals(inFunction, predicted);
      model.compile(optimizer(new SGD(0.05)), loss("mse"));
      model.fit(x, y, epochs(1), batchSize(3), verbose(0));
      assertEquals(model.predict(x), forward.call((Object) x).numpy(), "the function kept stale weights");
    }
  }

  @Test
  void aModelFirstBuiltInAFunctionKeepsAnUnknownBatchSize() {
    try (var model = new Sequential(new Dense(2, inputShape(3)));
        var forward = function(xb -> model.apply(xb))) {
      forward.call((Object) new float[8][3]);
      assertEquals(-1, model.inputShape().get(0));
      assertEquals(5, model.predict(new float[5][3]).shape().get(0));
    }
  }

  @Test
  void tensorsOfAnotherGraphAreRejected() {
    Variable w = variable(constant(new float[] {1f}));
    KerasTensor[] leaked = new KerasTensor[1];
    try (var f = function(x -> leaked[0] = multiply(x, w));
        var g = function(x -> add(x, leaked[0]))) {
      f.call((Object) new float[] {1f});
      var e = assertThrows(IllegalArgumentException.class, () -> g.call((Object) new float[] {1f}));
      assertTrue(e.getMessage().contains("belongs to another graph"), e.getMessage());
      var noValue = assertThrows(IllegalStateException.class, () -> leaked[0].numpy());
      assertTrue(noValue.getMessage().contains("return it from the traced function"),
          noValue.getMessage());
    }
  }

  @Test
  void lowLevelOpsAndVariableReadsOutsideAFunctionExplainWhatToDo() {
    Variable w = variable(constant(new float[] {1f}));
    var e = assertThrows(IllegalStateException.class, () -> matmul(w, w));
    assertTrue(e.getMessage().contains("TF.function"), e.getMessage());
    e = assertThrows(IllegalStateException.class, w::value);
    assertTrue(e.getMessage().contains("TF.function"), e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> new SGD().applyGradients(List.of(constant(new float[] {1f})), List.of(w)));
    assertTrue(e.getMessage().contains("TF.function"), e.getMessage());
  }

  @Test
  void misuseGivesClearErrors() {
    var f = function(x -> {
      variable(constant(1f));
      return x;
    });
    var e = assertThrows(IllegalStateException.class, () -> f.call(1f));
    assertTrue(e.getMessage().contains("outside the body"), e.getMessage());
    var arity = assertThrows(IllegalArgumentException.class, () -> f.call(1f, 2f));
    assertTrue(arity.getMessage().contains("takes 1 argument"), arity.getMessage());
    f.close();
    e = assertThrows(IllegalStateException.class, () -> f.call(1f));
    assertTrue(e.getMessage().contains("was closed"), e.getMessage());

    try (var g = function(() -> "loss")) {
      var type = assertThrows(IllegalArgumentException.class, g::call);
      assertTrue(type.getMessage().contains("returns a KerasTensor"), type.getMessage());
    }
    Variable w = variable(constant(new float[] {1f}));
    try (var h = function(() -> {
      new SGD().applyGradients(java.util.Collections.singletonList(null), List.of(w));
      return null;
    })) {
      var none = assertThrows(IllegalArgumentException.class, h::call);
      assertTrue(none.getMessage().contains("No gradients provided"), none.getMessage());
    }
  }
}
