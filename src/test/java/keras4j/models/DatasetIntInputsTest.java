package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.GlobalAveragePooling1D;
import keras4j.layers.Input;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Datasets of integer inputs (issue 18): batches keep their int arrays as int32 and feed an
 * int32 Input, training as fit on the same arrays does, to numbers computed by hand.
 */
class DatasetIntInputsTest {
  private static final int[][][] IDS = {{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {0, 1, 2}}};
  private static final float[][] TARGETS = {{1, -1}, {0.5f, 2}};

  // Embedding row i is 0.1 i in every column, Dense's kernel 1 and bias 0.5: a prediction is
  // 4 * 0.1 * mean(ids) + 0.5.
  private static Model model() {
    KerasTensor in = Input.ofType("int32", NONE);
    Embedding embedding = new Embedding(10, 4);
    Dense dense = new Dense(1);
    Model model = new Model(in, dense.apply(new GlobalAveragePooling1D().apply(
        embedding.apply(in))));
    float[] table = new float[40];
    for (int i = 0; i < 40; i++) {
      table[i] = 0.1f * (i / 4);
    }
    embedding.setWeights(List.of(org.tensorflow.ndarray.NdArrays.wrap(
        org.tensorflow.ndarray.Shape.of(10, 4), DataBuffers.of(table))));
    dense.setWeights(List.of(
        org.tensorflow.ndarray.NdArrays.wrap(org.tensorflow.ndarray.Shape.of(4, 1),
            DataBuffers.of(new float[] {1, 1, 1, 1})),
        org.tensorflow.ndarray.NdArrays.wrap(org.tensorflow.ndarray.Shape.of(1),
            DataBuffers.of(new float[] {0.5f}))));
    model.compile(optimizer(new SGD(0.1)), loss("mse"));
    return model;
  }

  private static List<Batch> batches() {
    return List.of(Batch.of(IDS[0], TARGETS[0]), Batch.of(IDS[1], TARGETS[1]));
  }

  @Test
  void aGeneratorOfIntBatchesTrainsAsFitOnTheIntArrays() {
    try (Model fromDataset = model(); Model fromArrays = model()) {
      List<Double> streamed = fromDataset.fit(Dataset.fromGenerator(() -> batches().iterator()),
          epochs(2), verbose(0)).history().get("loss");
      List<Double> arrays = fromArrays.fit(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9},
          {0, 1, 2}}, new float[] {1, -1, 0.5f, 2}, batchSize(2), shuffle(false), epochs(2),
          verbose(0)).history().get("loss");
      assertEquals(arrays, streamed);
      assertArrayEquals(flat(fromArrays.getWeights().get(2)),
          flat(fromDataset.getWeights().get(2)));
    }
  }

  @Test
  void oneStepOnAnIntBatchMatchesTheHandComputedLossAndBias() {
    try (Model model = model()) {
      // Predictions 0.4 * 2 + 0.5 = 1.3 and 0.4 * 5 + 0.5 = 2.5 against 1 and -1.
      double e0 = 1.3 - 1;
      double e1 = 2.5 + 1;
      double loss = (e0 * e0 + e1 * e1) / 2;
      double bias = 0.5 - 0.1 * (e0 + e1); // d(mse)/db = 2/n * sum(errors), n = 2
      List<Double> losses = model.fit(Dataset.fromGenerator(() -> List.of(batches().get(0))
          .iterator()), verbose(0)).history().get("loss");
      assertEquals(loss, losses.get(0), 1e-5);
      assertEquals(bias, flat(model.getWeights().get(2))[0], 1e-6);
    }
  }

  @Test
  void typesSurviveSlicingBatchingShufflingAndMapping() {
    Dataset samples = Dataset.fromArrays(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9},
        {0, 1, 2}}, new float[] {1, -1, 0.5f, 2});
    try (Model fromSamples = model(); Model fromBatches = model()) {
      List<Double> a = fromSamples.fit(samples.map(b -> b).batch(2), verbose(0), shuffle(false))
          .history().get("loss");
      List<Double> b = fromBatches.fit(Dataset.fromGenerator(() -> batches().iterator())
          .unbatch().shuffle(1).batch(2), verbose(0)).history().get("loss");
      assertEquals(a, b);
      // Predicting from a dataset of int samples: 0.4 * mean(ids) + 0.5, from the weights trained.
      FloatNdArray predicted = fromSamples.predict(Dataset.fromArrays(
          new int[][] {{1, 2, 3}}).batch(1));
      assertEquals(1, predicted.shape().get(0));
    }
  }

  @Test
  void fractionsForAnIntInputAreRefusedAndWholeFloatsFed() {
    try (Model model = model()) {
      List<Double> losses = model.fit(Dataset.fromGenerator(() -> List.of(
          Batch.of(new float[][] {{1, 2, 3}, {4, 5, 6}}, TARGETS[0])).iterator()), verbose(0))
          .history().get("loss");
      assertEquals((0.3 * 0.3 + 3.5 * 3.5) / 2, losses.get(0), 1e-5);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.fit(Dataset.fromGenerator(() -> List.of(
              Batch.of(new float[][] {{1.5f, 2, 3}}, new float[] {1})).iterator()), verbose(0)));
      assertTrue(e.getMessage().contains("Batch 0 of the dataset's x holds float32 values such as"
          + " 1.5 but the model's input takes int32"), e.getMessage());
    }
  }

  @Test
  void stringAndLongBatchesFeedTheirInputsAndFloatsAreRefusedForStrings() {
    try (Sequential lookup = new Sequential(new keras4j.layers.InputLayer("string", 2),
        new keras4j.layers.StringLookup(vocabulary("yes", "no")))) {
      // Index 0 is the OOV token, then the vocabulary in order; two batches of strings.
      FloatNdArray ids = lookup.predict(Dataset.fromArrays(new String[][] {{"no", "yes"},
          {"?", "no"}, {"yes", "yes"}}).batch(2));
      assertArrayEquals(new float[] {2, 1, 0, 2, 1, 1}, flat(ids));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> lookup.predict(Dataset.fromArrays(new float[][] {{1, 2}}).batch(1)));
      assertTrue(e.getMessage().contains("takes string"), e.getMessage());
    }
    try (Model model = model()) {
      // int64 token ids fit an int32 input.
      List<Double> losses = model.fit(Dataset.fromGenerator(() -> List.of(Batch.of(
          new long[][] {{1, 2, 3}, {4, 5, 6}}, TARGETS[0])).iterator()), verbose(0))
          .history().get("loss");
      assertEquals((0.3 * 0.3 + 3.5 * 3.5) / 2, losses.get(0), 1e-5);
    }
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
