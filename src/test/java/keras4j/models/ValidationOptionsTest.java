package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.ops.Ops;
import org.junit.jupiter.api.Test;

/**
 * fit's validationFreq and validationBatchSize, evaluate's returnDict, as Keras's {@code
 * validation_freq}, {@code validation_batch_size} and {@code return_dict}.
 */
class ValidationOptionsTest {
  private static final float[][] X = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}};
  private static final float[][] Y = X;

  /** y = w x whose evaluation logs the size of its last batch as "rows". */
  private static Sequential model() {
    Sequential model = new Sequential(new Dense(1, inputShape(1), useBias(false))) {
      @Override
      public Map<String, KerasTensor> testStep(KerasTensor x, KerasTensor y) {
        Map<String, KerasTensor> logs = new LinkedHashMap<>(super.testStep(x, y));
        logs.put("rows", Ops.batchSize(x));
        return logs;
      }
    };
    model.compile(optimizer("sgd"), loss("mse"), metrics("mse", "mae"));
    return model;
  }

  private static History fit(Sequential model, Object... extra) {
    List<Object> args = new java.util.ArrayList<>(List.of(epochs(4), batchSize(10), verbose(0),
        shuffle(false), validationData(X, Y)));
    args.addAll(List.of(extra));
    return model.fit(X, Y, args.toArray(new keras4j.core.FitArg[0]));
  }

  @Test
  void validationFreqValidatesEveryNthOrListedEpoch() {
    try (Sequential model = model()) {
      assertEquals(2, fit(model, validationFreq(2)).history().get("val_loss").size());
      assertEquals(4, fit(model).history().get("val_loss").size());
      History listed = fit(model, validationFreq(List.of(1, 3, 4)));
      assertEquals(3, listed.history().get("val_loss").size());
      assertEquals(4, listed.history().get("loss").size());
    }
    assertThrows(IllegalArgumentException.class, () -> validationFreq(0));
  }

  @Test
  void validationBatchSizeSetsTheValidationBatches() {
    try (Sequential model = model()) {
      // 10 validation samples: one batch of 10 by default (batchSize 10), 4 + 4 + 2 with 4.
      assertEquals(List.of(10.0, 10.0, 10.0, 10.0), fit(model).history().get("val_rows"));
      assertEquals(List.of(2.0, 2.0, 2.0, 2.0),
          fit(model, validationBatchSize(4)).history().get("val_rows"));
    }
  }

  @Test
  void returnDictSortsByNameAsKerasDict() {
    try (Sequential model = model()) {
      assertEquals(List.of("loss", "mse", "mae", "rows"),
          List.copyOf(model.evaluate(X, Y, verbose(0)).keySet()));
      Map<String, Double> dict = model.evaluate(X, Y, verbose(0), returnDict(true));
      assertEquals(List.of("loss", "mae", "mse", "rows"), List.copyOf(dict.keySet()));
      assertEquals(dict.get("loss"), dict.get("mse"), 1e-6);
    }
  }
}
