package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.layers.AveragePooling2D;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.layers.LeakyReLU;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.Normalization;
import keras4j.layers.ReLU;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.optimizers.RMSprop;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** save → load gives the same model: bit-identical predictions, summary, compile settings. */
class RoundTripTest {
  @TempDir Path dir;

  static float[][] data(int n, int d, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextFloat();
      }
    }
    return x;
  }

  static float[] flat(FloatNdArray a) {
    float[] out = new float[(int) a.shape().size()];
    a.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  @Test
  void sequentialTrainedModelRoundTripsBitExactly() {
    RandomSeed.set(3);
    float[][] x = data(32, 5, 1);
    int[] y = new int[32];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][0] + x[i][1] > 1 ? 1 : 0;
    }
    try (Sequential model = new Sequential(List.of(
        new Dense(16, activation("relu"), inputShape(5)), new Dropout(0.25), new Dense(8),
        new LeakyReLU(0.2), new Dense(2, activation("softmax"))), name("classifier"));
        Model loaded = roundTrip(trained(model, x, y), x, "mlp.keras")) {
      assertInstanceOf(Sequential.class, loaded);
      assertEquals("sparse_categorical_crossentropy", loaded.compiledLoss().name());
      assertEquals(List.of("accuracy"), loaded.compiledMetrics().stream().map(m -> m.name()).toList());
      assertInstanceOf(Adam.class, loaded.optimizer());
      assertEquals(0.01, loaded.optimizer().getLearningRate(), 1e-9);
      assertEquals(8, loaded.optimizer().iterations()); // 2 epochs x 4 batches
    }
  }

  private static Model trained(Model model, float[][] x, int[] y) {
    model.compile(optimizer(new Adam(0.01)), loss("sparse_categorical_crossentropy"),
        metrics("accuracy"));
    model.fit(x, y, epochs(2), batchSize(8), verbose(0));
    return model;
  }

  /**
   * Saves {@code model} to {@code fileName}, loads it back and checks the loaded model predicts
   * {@code x} bit for bit as the original and prints the same summary; returns it.
   */
  private Model roundTrip(Model model, Object x, String fileName) {
    float[] before = flat(model.predict(x));
    String summary = model.summaryText();
    Path file = dir.resolve(fileName);
    model.save(file);
    Model loaded = Model.load(file);
    assertArrayEquals(before, flat(loaded.predict(x)));
    assertEquals(summary, loaded.summaryText());
    return loaded;
  }

  @Test
  void functionalCnnWithBatchNormRoundTripsBitExactly() {
    RandomSeed.set(5);
    KerasTensor in = Input.named("image", 8, 8, 2);
    KerasTensor h = new Conv2D(4, 3, padding("same"), activation("relu")).apply(in);
    h = new BatchNormalization().apply(h);
    h = new MaxPooling2D(poolSize(2)).apply(h);
    h = new Conv2D(3, new int[] {2, 2}, strides(2), useBias(false)).apply(h);
    h = new ReLU(6.0, 0.1, 0, name("relu6ish")).apply(h);
    h = new AveragePooling2D(poolSize(2), padding("same")).apply(h);
    KerasTensor out = new Dense(3, activation("softmax")).apply(new Flatten().apply(h));
    FloatNdArray images = NdArrays.ofFloats(Shape.of(6, 8, 8, 2));
    java.util.Random random = new java.util.Random(2);
    images.scalars().forEach(s -> s.setFloat(random.nextFloat()));
    float[][] labels = new float[6][3];
    for (int i = 0; i < 6; i++) {
      labels[i][i % 3] = 1;
    }
    try (Model model = new Model(in, out, name("cnn"))) {
      model.compile(optimizer(new RMSprop(0.01, 0.9, 0.5, 1e-7)),
          loss("categorical_crossentropy"));
      model.fit(images, labels, epochs(2), batchSize(3), verbose(0));
      try (Model loaded = roundTrip(model, images, "cnn.keras")) {
        assertEquals(Model.class, loaded.getClass());
        assertInstanceOf(RMSprop.class, loaded.optimizer());
        assertEquals(4, loaded.optimizer().iterations());
      }
    }
  }

  @Test
  void resumingAfterLoadContinuesTheLossCurve() {
    RandomSeed.set(9);
    float[][] x = data(16, 3, 4);
    float[][] y = new float[16][1];
    for (int i = 0; i < 16; i++) {
      y[i][0] = 2 * x[i][0] - x[i][2];
    }
    Path file = dir.resolve("resume.keras");
    List<Double> continued;
    try (Sequential model = new Sequential(
        new Dense(8, activation("tanh"), inputShape(3)), new Dense(1))) {
      model.compile(optimizer(new Adam(0.05)), loss("mse"));
      model.fit(x, y, epochs(3), batchSize(8), shuffle(false), verbose(0));
      model.save(file);
      continued = model.fit(x, y, epochs(3), batchSize(8), shuffle(false), verbose(0))
          .history().get("loss");
    }
    try (Model loaded = Model.load(file)) {
      List<Double> resumed = loaded.fit(x, y, epochs(3), batchSize(8), shuffle(false), verbose(0))
          .history().get("loss");
      for (int i = 0; i < 3; i++) {
        assertEquals(continued.get(i), resumed.get(i), 1e-7 * continued.get(i),
            "epoch " + i + ": " + continued + " vs " + resumed);
      }
    }
  }

  @Test
  void resumingAPythonKerasCheckpointMatchesKerasLosses() {
    // Keras 3.15.1 trained resume_mlp for 2 epochs, saved it, then trained 3 more epochs
    // (Adam 0.05, full batch, no shuffle): these are its losses (make_keras_fixtures.py).
    double[] keras = {0.4669695198535919, 0.45370426774024963, 0.4341742694377899};
    float[][] x = Fixtures.csv("resume_x.csv");
    float[][] y = Fixtures.csv("resume_y.csv");
    try (Model loaded = Model.load(Fixtures.path("keras3_resume_mlp.keras"))) {
      assertEquals(2, loaded.optimizer().iterations());
      List<Double> losses = loaded.fit(x, y, epochs(3), batchSize(8), shuffle(false), verbose(0))
          .history().get("loss");
      for (int i = 0; i < 3; i++) {
        assertEquals(keras[i], losses.get(i), 1e-5, "epoch " + i + ": " + losses);
      }
    }
  }

  @Test
  void adaptedNormalizationRoundTrips() {
    RandomSeed.set(6);
    float[][] x = data(10, 3, 11);
    Normalization normalization = new Normalization(inputShape(3));
    normalization.adapt(x);
    try (Sequential model = new Sequential(normalization, new Dense(2));
        Model loaded = roundTrip(model, x, "norm.keras")) {
      assertInstanceOf(Normalization.class, loaded.layers().get(0));
    }
  }

  @Test
  void weightsRoundTripThroughWeightsH5() {
    RandomSeed.set(4);
    float[][] x = data(4, 3, 7);
    Path file = dir.resolve("w.weights.h5");
    float[] before;
    try (Sequential a = new Sequential(new Dense(4, activation("relu"), inputShape(3)),
        new Dense(2))) {
      before = flat(a.predict(x));
      a.saveWeights(file);
    }
    try (Sequential b = new Sequential(new Dense(4, activation("relu"), inputShape(3)),
        new Dense(2))) {
      b.loadWeights(file);
      assertArrayEquals(before, flat(b.predict(x)));
    }
  }

  @Test
  void kerasWrittenWeightsFileLoadsIntoTheSameArchitecture() {
    KerasTensor in = Input.named("features", 3);
    KerasTensor h = new Dense(8, activation("relu")).apply(in);
    h = new Dropout(0.1).apply(h);
    h = new LeakyReLU(0.1).apply(new Dense(4).apply(h));
    KerasTensor out = new Dense(2, activation("softmax")).apply(h);
    try (Model model = new Model(in, out)) {
      model.loadWeights(Fixtures.path("keras3_functional_mlp.weights.h5"));
      Fixtures.assertClose(Fixtures.csv("functional_mlp_expected.csv"),
          model.predict(Fixtures.csv("functional_mlp_input.csv")), 1e-5);
    }
  }

}
