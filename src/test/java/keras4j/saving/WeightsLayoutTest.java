package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.layers.Normalization;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.RMSprop;
import keras4j.optimizers.SGD;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights file keeps Keras 3's layout: each optimizer's slots in the order its Keras {@code
 * build} creates them, Normalization's third (count) variable.
 */
class WeightsLayoutTest {
  @TempDir Path dir;

  /** The optimizer's saved variables, as written to a weights file after one epoch. */
  private List<float[]> savedOptimizer(Optimizer optimizer, List<Variable> trainable, Path file,
      Sequential model) {
    float[][] x = RoundTripTest.data(8, 2, 5);
    float[][] y = RoundTripTest.data(8, 1, 6);
    model.compile(optimizer(optimizer), loss("mse"));
    model.fit(x, y, epochs(1), batchSize(4), verbose(0));
    trainable.addAll(model.trainableVariables());
    model.saveWeights(file);
    List<float[]> out = new ArrayList<>();
    try (HdfFile h5 = new HdfFile(file)) {
      for (Dataset d : SaveableWalk.numbered(H5Reader.childGroup(
          H5Reader.childGroup(h5, "optimizer"), "vars"))) {
        out.add(H5Reader.floats(d));
      }
    }
    assertArrayEquals(new float[] {2}, out.get(0)); // 8 samples, batches of 4
    assertArrayEquals(new float[] {(float) optimizer.getLearningRate()}, out.get(1));
    return out;
  }

  /** The slot Keras names {@code <optimizer>/<variable path with _>_<name>}. */
  private static float[] slot(Optimizer optimizer, Variable variable, String name) {
    String slotName = optimizer.name() + "/" + variable.name().replace('/', '_') + "_" + name;
    return RoundTripTest.flat(optimizer.variables().stream()
        .filter(v -> v.name().equals(slotName)).findFirst().orElseThrow().numpy());
  }

  private static Sequential model() {
    RandomSeed.set(2);
    return new Sequential(new Dense(3, inputShape(2)), new Dense(1));
  }

  @Test
  void adamInterleavesMomentumAndVelocityVariableByVariable() {
    Adam adam = new Adam(0.01);
    List<Variable> trainable = new ArrayList<>();
    try (Sequential model = model()) {
      List<float[]> saved = savedOptimizer(adam, trainable, dir.resolve("a.weights.h5"), model);
      assertEquals(2 + 2 * 4, saved.size());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(slot(adam, trainable.get(i), "momentum"), saved.get(2 + 2 * i));
        assertArrayEquals(slot(adam, trainable.get(i), "velocity"), saved.get(3 + 2 * i));
      }
    }
  }

  @Test
  void rmspropWithMomentumKeepsEveryVelocityThenEveryMomentum() {
    RMSprop rmsprop = new RMSprop(0.01, 0.9, 0.5, 1e-7);
    List<Variable> trainable = new ArrayList<>();
    try (Sequential model = model()) {
      List<float[]> saved = savedOptimizer(rmsprop, trainable, dir.resolve("r.weights.h5"), model);
      assertEquals(2 + 2 * 4, saved.size());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(slot(rmsprop, trainable.get(i), "velocity"), saved.get(2 + i));
        assertArrayEquals(slot(rmsprop, trainable.get(i), "momentum"), saved.get(6 + i));
      }
    }
  }

  @Test
  void nadamKeepsItsMomentumProductAfterTheSlots() {
    keras4j.optimizers.Nadam nadam = new keras4j.optimizers.Nadam(0.01);
    List<Variable> trainable = new ArrayList<>();
    try (Sequential model = model()) {
      List<float[]> saved = savedOptimizer(nadam, trainable, dir.resolve("n.weights.h5"), model);
      assertEquals(2 + 2 * 4 + 1, saved.size());
      for (int i = 0; i < 4; i++) {
        assertArrayEquals(slot(nadam, trainable.get(i), "momentum"), saved.get(2 + 2 * i));
        assertArrayEquals(slot(nadam, trainable.get(i), "velocity"), saved.get(3 + 2 * i));
      }
      Variable uProduct = nadam.variables().stream()
          .filter(v -> v.name().endsWith("u_product")).findFirst().orElseThrow();
      assertArrayEquals(RoundTripTest.flat(uProduct.numpy()), saved.get(10));
    }
  }

  @Test
  void optimizersWithoutSlotsKeepIterationsAndLearningRateOnly() {
    try (Sequential model = model()) {
      assertEquals(2, savedOptimizer(new SGD(0.1), new ArrayList<>(),
          dir.resolve("s.weights.h5"), model).size());
    }
    try (Sequential model = model()) {
      // Without momentum, RMSprop keeps the 4 velocities only.
      assertEquals(2 + 4, savedOptimizer(new RMSprop(0.01), new ArrayList<>(),
          dir.resolve("r0.weights.h5"), model).size());
    }
  }

  @Test
  void normalizationSavesKerasCountAfterMeanAndVariance() {
    Path file = dir.resolve("n.weights.h5");
    Normalization normalization = new Normalization(inputShape(2));
    normalization.adapt(new float[][] {{1, 2}, {3, 6}});
    try (Sequential model = new Sequential(normalization)) {
      model.saveWeights(file);
    }
    try (HdfFile h5 = new HdfFile(file)) {
      List<Dataset> vars = SaveableWalk.numbered((io.jhdf.api.Group) h5.getByPath(
          "layers/normalization/vars"));
      assertEquals(3, vars.size());
      assertArrayEquals(new float[] {2, 4}, H5Reader.floats(vars.get(0)));
      assertArrayEquals(new float[] {1, 4}, H5Reader.floats(vars.get(1)));
      assertEquals(0L, vars.get(2).getData());
    }
    try (Sequential other = new Sequential(new Normalization(inputShape(2)))) {
      other.loadWeights(file);
      assertArrayEquals(new float[] {0, 0}, RoundTripTest.flat(
          other.predict(new float[][] {{2, 4}})));
    }
  }

  @Test
  void aLegacyNormalizationWithKerasCountLoads() throws java.io.IOException {
    // A Keras 2 model.save("m.h5") of Normalization (mean, variance, count) and Dense.
    H5Writer out = new H5Writer();
    out.group("").putAttribute("model_config", "{\"class_name\": \"Sequential\", \"config\":"
        + " {\"name\": \"seq\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\":"
        + " {\"batch_input_shape\": [null, 2], \"name\": \"input_1\"}}, {\"class_name\":"
        + " \"Normalization\", \"config\": {\"name\": \"normalization\", \"axis\": [-1]}},"
        + " {\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 1}}]}}");
    out.group("model_weights").putAttribute("layer_names",
        new String[] {"input_1", "normalization", "dense"});
    out.group("model_weights/input_1"); // an InputLayer has no weights
    io.jhdf.api.WritableGroup norm = out.group("model_weights/normalization");
    norm.putAttribute("weight_names", new String[] {"normalization/mean:0",
        "normalization/variance:0", "normalization/count:0"});
    H5Writer.putFloats(out.group("model_weights/normalization/normalization"), "mean:0",
        org.tensorflow.ndarray.StdArrays.ndCopyOf(new float[] {1, 2}));
    H5Writer.putFloats(out.group("model_weights/normalization/normalization"), "variance:0",
        org.tensorflow.ndarray.StdArrays.ndCopyOf(new float[] {4, 16}));
    out.group("model_weights/normalization/normalization").putDataset("count:0", 2L);
    out.group("model_weights/dense").putAttribute("weight_names",
        new String[] {"dense/kernel:0", "dense/bias:0"});
    H5Writer.putFloats(out.group("model_weights/dense/dense"), "kernel:0",
        org.tensorflow.ndarray.StdArrays.ndCopyOf(new float[][] {{1}, {1}}));
    H5Writer.putFloats(out.group("model_weights/dense/dense"), "bias:0",
        org.tensorflow.ndarray.StdArrays.ndCopyOf(new float[] {0.5f}));
    Path file = dir.resolve("legacy.h5");
    out.write(file);
    try (keras4j.models.Model model = keras4j.models.Model.load(file)) {
      // ((3 - 1) / 2) + ((10 - 2) / 4) + 0.5
      assertArrayEquals(new float[] {3.5f}, RoundTripTest.flat(
          model.predict(new float[][] {{3, 10}})), 1e-6f);
    }
  }
}
