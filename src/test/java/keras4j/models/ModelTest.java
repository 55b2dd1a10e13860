package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.callbacks.History;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.utils.RandomArrays;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/** The three ways to build a model, and what fit/evaluate/predict/summary return. */
class ModelTest {

  /** The subclassed MLP of tutorial script 3. */
  static final class Mlp extends Model {
    private final Dense hidden = new Dense(8, activation("relu"));
    private final Dense output = new Dense(3, activation("softmax"));

    @Override
    public KerasTensor call(KerasTensor inputs) {
      return output.apply(hidden.apply(inputs));
    }
  }

  @Test
  void functionalSummaryMatchesKerasLayout() {
    var inputs = Input.shape(784);
    var hidden = new Dense(128, activation("relu"), name("hidden")).apply(inputs);
    var outputs = new Dense(10, activation("softmax"), name("out")).apply(hidden);
    try (var model = new Model(inputs, outputs, name("mlp"))) {
      String expected = String.join("\n",
          "Model: \"mlp\"",
          "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
          "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
          "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
          "│ " + String.format("%-31s", inputs.kerasHistory().operation().name() + " (InputLayer)")
              + " │ (None, 784)            │             0 │",
          "├─────────────────────────────────┼────────────────────────┼───────────────┤",
          "│ hidden (Dense)                  │ (None, 128)            │       100,480 │",
          "├─────────────────────────────────┼────────────────────────┼───────────────┤",
          "│ out (Dense)                     │ (None, 10)             │         1,290 │",
          "└─────────────────────────────────┴────────────────────────┴───────────────┘",
          " Total params: 101,770 (397.54 KB)",
          " Trainable params: 101,770 (397.54 KB)",
          " Non-trainable params: 0 (0.00 B)",
          "");
      assertEquals(expected, model.summaryText());
    }
  }

  @Test
  void subclassedModelTracesOnFirstUseAndTrains() {
    RandomSeed.set(3);
    var random = new RandomArrays(1);
    var x = random.rand(60, 5);
    var y = random.randint(0, 3, 60);
    try (var model = new Mlp()) {
      assertEquals("mlp", model.name());
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      History history = model.fit(x, y, epochs(20), verbose(0));
      List<Double> losses = history.history().get("loss");
      assertEquals(20, losses.size());
      assertTrue(losses.get(19) < losses.get(0), "loss did not decrease: " + losses);
      assertEquals(2, model.layers().size());
      assertEquals(5 * 8 + 8 + 8 * 3 + 3, model.countParams());
      float[][] predictions = StdArrays.array2dCopyOf(model.predict(x));
      assertEquals(60, predictions.length);
      float sum = predictions[0][0] + predictions[0][1] + predictions[0][2];
      assertEquals(1f, sum, 1e-5f);
    }
  }

  @Test
  void validationSplitAddsValLogsAndUsesTheLastSamples() {
    var random = new RandomArrays(2);
    try (var model = new Sequential(new Dense(1, inputShape(3)))) {
      model.compile(optimizer("sgd"), loss("mse"), metrics("mae"));
      var history = model.fit(random.rand(50, 3), random.rand(50, 1), epochs(2),
          validationSplit(0.2), verbose(0));
      assertEquals(List.of("loss", "mae", "val_loss", "val_mae"),
          List.copyOf(history.history().keySet()));
    }
  }

  @Test
  void predictWorksBeforeCompileAndDropoutOnlyTrains() {
    var random = new RandomArrays(4);
    var x = random.rand(16, 4);
    try (var model = new Sequential(new Dense(32, inputShape(4)), new Dropout(0.5),
        new Dense(2))) {
      float[][] first = StdArrays.array2dCopyOf(model.predict(x));
      float[][] second = StdArrays.array2dCopyOf(model.predict(x, batchSize(5)));
      for (int i = 0; i < first.length; i++) {
        assertArrayEquals(first[i], second[i], 1e-6f);
      }
      // In training, Dropout zeroes about half of the 16 x 32 hidden units: the loss differs
      // from the inference loss computed on the same weights.
      model.compile(optimizer(new keras4j.optimizers.SGD(1e-9)), loss("mse"));
      double inference = model.evaluate(x, random.rand(16, 2), verbose(0)).get("loss");
      double training = model.fit(x, random.rand(16, 2), verbose(0), shuffle(false))
          .history().get("loss").get(0);
      assertNotEquals(inference, training, 1e-6);
    }
  }

  @Test
  void sequentialInfersItsInputShapeFromData() {
    try (var model = new Sequential(new Flatten(), new Dense(4))) {
      float[][] out = StdArrays.array2dCopyOf(model.predict(new float[3][2][5]));
      assertEquals(3, out.length);
      assertEquals(4, out[0].length);
      assertEquals(10 * 4 + 4, model.countParams());
      var error = assertThrows(IllegalArgumentException.class,
          () -> model.predict(new float[3][2][6]));
      assertTrue(error.getMessage().contains("(None, 2, 5)"), error.getMessage());
    }
  }

  @Test
  void modelsReleaseNativeMemoryButKeepWeights() {
    var model = new Sequential(new Dense(2, inputShape(3)));
    float[][] before = StdArrays.array2dCopyOf(model.predict(new float[][] {{1, 2, 3}}));
    model.close();
    float[][] kernel = StdArrays.array2dCopyOf(model.getWeights().get(0));
    assertEquals(3, kernel.length);
    try (var again = model) {
      float[][] after = StdArrays.array2dCopyOf(again.predict(new float[][] {{1, 2, 3}}));
      assertArrayEquals(before[0], after[0], 1e-6f);
    }
  }
}
