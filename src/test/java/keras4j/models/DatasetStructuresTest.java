package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.layers.Concatenate;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Datasets for models of several inputs and outputs: elements hold a list (model order) or a map
 * (by name) of arrays, as Keras's nested {@code (x, y)} structures, matched as {@code fit}
 * matches arrays.
 */
class DatasetStructuresTest {
  private static final float[][] A = {{1, 2}, {0, 1}, {2, 0}, {1, 1}};
  private static final float[][] B = {{1}, {2}, {0}, {3}};
  private static final float[] SUM = {3, 3, 2, 5};
  private static final float[] BONLY = {2, 4, 0, 6};

  /** Inputs a (2) and b (1); outputs "sum" = Dense(concat(a, b)) and "bonly" = Dense(b), zeroed. */
  private static Model twoByTwo() {
    var a = Input.named("a", 2);
    var b = Input.named("b", 1);
    var sum = new Dense(1, name("sum")).apply(new Concatenate().apply(a, b));
    var bOnly = new Dense(1, name("bonly")).apply(b);
    Model model = new Model(List.of(a, b), List.of(sum, bOnly));
    List<FloatNdArray> zeros = new ArrayList<>();
    for (FloatNdArray w : model.getWeights()) {
      zeros.add(NdArrays.ofFloats(w.shape()));
    }
    model.setWeights(zeros);
    model.compile(optimizer(new SGD(0.05)), loss("mse"));
    return model;
  }

  private static float[] flat(FloatNdArray a) {
    float[] out = new float[Math.toIntExact(a.shape().size())];
    a.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void aMapOfInputsAndAListOfLabelsTrainAsTheArraysDo() {
    try (Model streamed = twoByTwo(); Model arrays = twoByTwo()) {
      History d = streamed.fit(Dataset.fromArrays(Map.of("b", B, "a", A), List.of(SUM, BONLY))
          .batch(4), epochs(3), verbose(0));
      History h = arrays.fit(List.of(A, B), List.of(SUM, BONLY), epochs(3), batchSize(4),
          shuffle(false), verbose(0));
      // Zero weights: epoch 1's losses are mean(y^2) of each output, and their sum.
      assertEquals(47 / 4.0, d.history().get("sum_loss").get(0), 1e-5);
      assertEquals(56 / 4.0, d.history().get("bonly_loss").get(0), 1e-5);
      assertEquals(103 / 4.0, d.history().get("loss").get(0), 1e-5);
      assertEquals(h.history(), d.history());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(flat(arrays.getWeights().get(i)), flat(streamed.getWeights().get(i)),
            1e-6f, "weight " + i);
      }
      List<FloatNdArray> predicted = streamed.predictAll(
          Dataset.fromArrays(List.of(A, B)).batch(3));
      List<FloatNdArray> expected = streamed.predictAll(List.of(A, B), verbose(0));
      assertEquals(2, predicted.size());
      for (int k = 0; k < 2; k++) {
        assertEquals(Shape.of(4, 1), predicted.get(k).shape());
        assertArrayEquals(flat(expected.get(k)), flat(predicted.get(k)), 1e-6f, "output " + k);
      }
    }
  }

  @Test
  void samplesOfMapsBatchByNameWhateverTheMapsOrder() {
    List<Batch> samples = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> x = i % 2 == 0 ? new LinkedHashMap<>() : new HashMap<>();
      if (i % 2 == 0) {
        x.put("a", A[i]);
        x.put("b", B[i]);
      } else {
        x.put("b", B[i]);
        x.put("a", A[i]);
      }
      samples.add(Batch.sample(x, Map.of("sum", SUM[i], "bonly", BONLY[i])));
    }
    try (Model streamed = twoByTwo(); Model arrays = twoByTwo()) {
      Map<String, Double> fromSamples = streamed.evaluate(
          Dataset.fromIterator(samples.iterator()).batch(2), verbose(0));
      Map<String, Double> fromArrays = arrays.evaluate(List.of(A, B), List.of(SUM, BONLY),
          batchSize(2), verbose(0));
      assertEquals(103 / 4.0, fromSamples.get("loss"), 1e-5);
      assertEquals(fromArrays, fromSamples);
    }
  }

  @Test
  void dataNotMatchingTheModelsInputsOrOutputsIsNamed() {
    try (Model model = twoByTwo()) {
      String one = assertThrows(IllegalArgumentException.class, () -> model.fit(
          Dataset.fromArrays(A, List.of(SUM, BONLY)).batch(2), verbose(0))).getMessage();
      assertTrue(one.contains("has 2 inputs [a, b] but Batch 0 of the dataset's x is one array"),
          one);
      String key = assertThrows(IllegalArgumentException.class, () -> model.evaluate(
          Dataset.fromArrays(Map.of("a", A, "c", B), List.of(SUM, BONLY)).batch(2), verbose(0)))
          .getMessage();
      assertTrue(key.contains("Batch 0 of the dataset's x has an entry 'c', which is not an input"
          + " of model"), key);
      String single = assertThrows(IllegalStateException.class, () -> model.predict(
          Dataset.fromArrays(List.of(A, B)).batch(2))).getMessage();
      assertTrue(single.contains("call predictAll(x)"), single);
      String shape = assertThrows(IllegalArgumentException.class, () -> model.fit(
          Dataset.fromIterator(List.of(Batch.of(List.of(A, B), List.of(SUM, BONLY)),
              Batch.of(List.of(A, new float[4][2]), List.of(SUM, BONLY))).iterator()),
          verbose(0))).getMessage();
      assertTrue(shape.startsWith("Batch 1 of the dataset has x['b'] of shape (4, 2), but batch 0"
          + " had x['b'] of shape (4, 1)"), shape);
      String structure = assertThrows(IllegalArgumentException.class, () -> Dataset.fromIterator(
          List.of(Batch.sample(List.of(A[0], B[0]), 1f), Batch.sample(A[1], 2f)).iterator())
          .batch(2).iterator().next()).getMessage();
      assertTrue(structure.startsWith("Cannot batch elements whose x differ in structure:"
          + " element 0 has a list of 2 arrays but element 1 has one array"), structure);
    }
  }
}
