package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.layers.Add;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Training a functional model of two inputs and two outputs: one SGD step with per-output losses,
 * lossWeights and metrics against the numbers Python Keras 3.15.1 wrote (and numpy recomputed)
 * for the same weights and data (src/test/resources/keras4j/models/make_multi_output_step.py),
 * Keras's log names, and the errors for data and compile arguments that do not fit the model.
 */
class MultiOutputTrainingTest {
  private static final int N = 8;
  // Printed by make_multi_output_step.py: fit's logs of the step, then evaluate after it.
  private static final Map<String, Double> STEP_LOGS = Map.of("loss", 2.6404537,
      "reg_loss", 0.4084798, "cls_loss", 1.2181069, "reg_mae", 0.53773125, "cls_accuracy", 0.25);
  private static final Map<String, Double> EVALUATE_AFTER = Map.of("loss", 2.5609553,
      "reg_loss", 0.38278343, "cls_loss", 1.1847818, "reg_mae", 0.52428156, "cls_accuracy", 0.25);
  private static final Map<String, float[][]> WEIGHTS_AFTER = Map.of(
      "dense_a", new float[][] {{-0.30191623f, -0.0025518792f, 0.30000001f, -0.1031123f,
          0.19960513f, 0.2f, -0.19990595f, 0.1f, -0.29159299f, -0.0038772057f, 0.0019162149f,
          0.30455605f, -0.1f, 0.19413763f, -0.19248403f, -0.20095811f, 0.09557674f, -0.30000001f,
          -0.00070468436f, 0.29377988f},
          {-0.18246756f, 0.12262397f, -0.2863f, -0.014838788f, 0.31031553f}},
      "dense_b", new float[][] {{-0.10681224f, 0.19437199f, -0.19177566f, 0.098132151f,
          -0.30622014f, -0.29623088f, 0.0021833467f, 0.29304832f, -0.093623891f, 0.20297624f,
          0.20048653f, -0.20127628f, 0.099838615f, -0.30450104f, -0.00039487281f},
          {-0.0057714527f, 0.29900253f, -0.081833716f, 0.17236346f, -0.20338447f}},
      "reg", new float[][] {{0.099726981f, -0.11503159f, -0.29316872f, 0.18783904f,
          0.0022266643f}, {0.17613013f}},
      "cls", new float[][] {{0.30343941f, -0.09794552f, 0.19450612f, 0.11537291f, -0.29236764f,
          -0.023005279f, -0.10113977f, 0.19150055f, -0.19036078f, -0.2917284f, 0.0046018985f,
          0.2871265f, 0.20049361f, -0.19526302f, 0.094769412f},
          {-0.27217415f, 0.020556839f, 0.25161731f}});

  /** The script's grid(): ((i*5 + j*3 + k) % 7 - 3) / 10 + offset, rounded to float32. */
  private static float[][] grid(int rows, int cols, int k, double offset) {
    float[][] out = new float[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = (float) (((i * 5 + j * 3 + k) % 7 - 3) / 10.0 + offset);
      }
    }
    return out;
  }

  /** The script's data(): ((n*3 + i*2 + k) % 5 - 2) / 4 for sample n. */
  private static float[][] data(int cols, int k) {
    float[][] out = new float[N][cols];
    for (int n = 0; n < N; n++) {
      for (int i = 0; i < cols; i++) {
        out[n][i] = (float) (((n * 3 + i * 2 + k) % 5 - 2) / 4.0);
      }
    }
    return out;
  }

  private static final float[][] XA = data(4, 0);
  private static final float[][] XB = data(3, 1);
  private static final float[][] Y_REG = new float[N][1];
  private static final float[] Y_CLS = new float[N];

  static {
    for (int n = 0; n < N; n++) {
      Y_REG[n][0] = (float) ((n % 4 - 1.5) / 2);
      Y_CLS[n] = n % 3;
    }
  }

  private static void set(Dense layer, int in, int out, int kernelK, int biasK, double offset) {
    layer.setWeights(List.of(StdArrays.ndCopyOf(grid(in, out, kernelK, 0)),
        StdArrays.ndCopyOf(grid(1, out, biasK, offset)[0])));
  }

  /** The script's model: two inputs, a = 4 and b = 3 features; outputs reg (1) and cls (3). */
  private static final class Net {
    final KerasTensor a = Input.named("a", 4);
    final KerasTensor b = Input.named("b", 3);
    final Dense denseA = new Dense(5, activation("relu"), name("dense_a"));
    final Dense denseB = new Dense(5, name("dense_b"));
    final KerasTensor hidden = new Add().apply(denseA.apply(a), denseB.apply(b));
    final Dense regLayer = new Dense(1, name("reg"));
    final Dense clsLayer = new Dense(3, activation("softmax"), name("cls"));
    final KerasTensor reg = regLayer.apply(hidden);
    final KerasTensor cls = clsLayer.apply(hidden);

    void setWeights() {
      set(denseA, 4, 5, 0, 1, 0.0137);
      set(denseB, 3, 5, 2, 3, 0);
      set(regLayer, 5, 1, 4, 5, 0);
      set(clsLayer, 5, 3, 6, 0, 0);
    }
  }

  private static Model listModel() {
    Net net = new Net();
    Model model = new Model(List.of(net.a, net.b), List.of(net.reg, net.cls));
    net.setWeights();
    return model;
  }

  /** The script's model, compiled as the script compiles it. */
  private static Model scriptModel() {
    Model model = listModel();
    model.compile(optimizer(new SGD(0.1)),
        loss(List.of("mse", "sparse_categorical_crossentropy")), lossWeights(0.5, 2.0),
        metrics(List.of("mae"), List.of("accuracy")));
    return model;
  }

  private static float[] flat(FloatNdArray array) {
    float[] out = new float[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + "[" + i + "]");
    }
  }

  private static void assertStepMatchesKeras(Model model, Map<String, List<Double>> history,
      Map<String, Double> evaluated) {
    STEP_LOGS.forEach((name, value) ->
        assertEquals(value, history.get(name).get(0), 1e-5, "fit's " + name));
    EVALUATE_AFTER.forEach((name, value) ->
        assertEquals(value, evaluated.get(name), 1e-5, "evaluate's " + name));
    WEIGHTS_AFTER.forEach((layer, expected) -> {
      List<FloatNdArray> weights = model.getLayer(layer).getWeights();
      assertClose(expected[0], flat(weights.get(0)), 1e-5, layer + " kernel");
      assertClose(expected[1], flat(weights.get(1)), 1e-5, layer + " bias");
    });
  }

  @Test
  void oneStepWithLossWeightsMatchesKeras() {
    try (Model model = scriptModel()) {
      var history = model.fit(List.of(XA, XB), List.of(Y_REG, Y_CLS), batchSize(N), epochs(1),
          shuffle(false), verbose(0)).history();
      // Keras's names. The callbacks get them sorted, as Keras's (so History's order is
      // Keras's); evaluate's order is Keras's list: loss, each output's loss, the metrics.
      assertEquals(List.of("cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae"),
          List.copyOf(history.keySet()));
      Map<String, Double> evaluated = model.evaluate(List.of(XA, XB), List.of(Y_REG, Y_CLS),
          batchSize(N), verbose(0));
      assertEquals(List.of("loss", "reg_loss", "cls_loss", "cls_accuracy", "reg_mae"),
          List.copyOf(evaluated.keySet()));
      assertStepMatchesKeras(model, history, evaluated);
    }
  }

  @Test
  void mapsByNameGiveTheSameStep() {
    Net net = new Net();
    // Outputs by map keys, sorted as Keras flattens a dict: cls before reg.
    try (Model model = new Model(Map.of("a", net.a, "b", net.b),
        Map.of("reg", net.reg, "cls", net.cls))) {
      net.setWeights();
      assertEquals(List.of("a", "b"), model.inputNames());
      assertEquals(List.of("cls", "reg"), model.outputNames());
      // Unlike Keras 3.15 (it applies a weight map in sorted key order to a loss list), by name.
      model.compile(optimizer(new SGD(0.1)),
          loss(Map.of("reg", "mse", "cls", "sparse_categorical_crossentropy")),
          lossWeights(Map.of("reg", 0.5, "cls", 2.0)),
          metrics(Map.of("cls", "accuracy", "reg", List.of("mae"))));
      var history = model.fit(Map.of("b", XB, "a", XA), Map.of("reg", Y_REG, "cls", Y_CLS),
          batchSize(N), shuffle(false), verbose(0)).history();
      assertEquals(List.of("cls_accuracy", "cls_loss", "loss", "reg_loss", "reg_mae"),
          List.copyOf(history.keySet()));
      Map<String, Double> evaluated = model.evaluate(Map.of("a", XA, "b", XB),
          List.of(Y_CLS, Y_REG), batchSize(N), verbose(0));
      assertEquals(List.of("loss", "cls_loss", "reg_loss", "cls_accuracy", "reg_mae"),
          List.copyOf(evaluated.keySet()));
      assertStepMatchesKeras(model, history, evaluated);

      Map<String, FloatNdArray> named = model.predictNamed(Map.of("a", XA, "b", XB));
      List<FloatNdArray> all = model.predictAll(List.of(XA, XB));
      assertEquals(List.of("cls", "reg"), List.copyOf(named.keySet()));
      assertEquals(Shape.of(N, 3), all.get(0).shape());
      assertEquals(Shape.of(N, 1), named.get("reg").shape());
      assertClose(flat(all.get(1)), flat(named.get("reg")), 0, "predictNamed");
      var e = assertThrows(IllegalStateException.class, () -> model.predict(List.of(XA, XB)));
      assertEquals("Model '" + model.name() + "' has 2 outputs [cls, reg]: predict returns one"
          + " array; call predictAll(x) for a list of them in this order, or predictNamed(x) for"
          + " a map by output name", e.getMessage());
    }
  }

  @Test
  void progressBarAndValidationUseKerasNames() {
    try (Model model = scriptModel()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      Map<String, List<Double>> history;
      try {
        history = model.fit(List.of(XA, XB), List.of(Y_REG, Y_CLS), batchSize(N), shuffle(false),
            verbose(2), validationData(List.of(XA, XB), List.of(Y_REG, Y_CLS))).history();
      } finally {
        System.setOut(stdout);
      }
      String line = bytes.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("1/1")).findFirst().orElseThrow();
      // As Keras 3.15 prints it (see make_multi_output_step.py's model): sorted names.
      assertTrue(line.endsWith(" - cls_accuracy: 0.2500 - cls_loss: 1.2181 - loss: 2.6405"
          + " - reg_loss: 0.4085 - reg_mae: 0.5377 - val_cls_accuracy: 0.2500 - val_cls_loss:"
          + " 1.1848 - val_loss: 2.5610 - val_reg_loss: 0.3828 - val_reg_mae: 0.5243"), line);
      EVALUATE_AFTER.forEach((name, value) ->
          assertEquals(value, history.get("val_" + name).get(0), 1e-5, "val_" + name));
    }
  }

  @Test
  void validationSplitSlicesEveryArray() {
    try (Model model = listModel()) {
      model.compile(optimizer(new SGD(0.1)), loss("mse"), metrics(List.of(), List.of("mae")));
      float[][] yCls = new float[N][3];
      for (int n = 0; n < N; n++) {
        yCls[n][(int) Y_CLS[n]] = 1;
      }
      var history = model.fit(List.of(XA, XB), List.of(Y_REG, yCls), batchSize(N), shuffle(false),
          verbose(0), validationSplit(0.25)).history();
      // One loss for both outputs: each logs its own, as Keras's "single loss both outputs".
      assertEquals(List.of("cls_loss", "cls_mae", "loss", "reg_loss", "val_cls_loss",
          "val_cls_mae", "val_loss", "val_reg_loss"), List.copyOf(history.keySet()));
      // The validation numbers are an evaluate of the last quarter of every array.
      Map<String, Double> last = model.evaluate(
          List.of(Arrays.copyOfRange(XA, 6, 8), Arrays.copyOfRange(XB, 6, 8)),
          List.of(Arrays.copyOfRange(Y_REG, 6, 8), Arrays.copyOfRange(yCls, 6, 8)), verbose(0));
      last.forEach((name, value) ->
          assertEquals(value, history.get("val_" + name).get(0), 1e-6, "val_" + name));
    }
  }

  @Test
  void anOutputWithoutALossIsNotLogged() {
    try (Model model = listModel()) {
      model.compile(optimizer(new SGD(0.1)), loss(Arrays.asList("mse", null)));
      var history = model.fit(List.of(XA, XB), List.of(Y_REG, Y_CLS), batchSize(N),
          shuffle(false), verbose(0)).history();
      // As Keras: a single loss left, no per-output trackers; loss is the mse of reg alone.
      assertEquals(List.of("loss"), List.copyOf(history.keySet()));
      assertEquals(STEP_LOGS.get("reg_loss"), history.get("loss").get(0), 1e-5);
    }
  }

  @Test
  void dataThatDoesNotFitTheModelIsRefusedByName() {
    try (Model model = listModel()) {
      model.compile(optimizer("sgd"), loss(List.of("mse", "sparse_categorical_crossentropy")));
      String name = model.name();
      var missing = assertThrows(IllegalArgumentException.class,
          () -> model.fit(Map.of("a", XA), List.of(Y_REG, Y_CLS), verbose(0)));
      assertEquals("Missing data for input 'b' of model '" + name + "': x has the keys [a] but"
          + " the model's inputs are [a, b]", missing.getMessage());
      var unknown = assertThrows(IllegalArgumentException.class,
          () -> model.fit(List.of(XA, XB), Map.of("reg", Y_REG, "cls", Y_CLS, "clz", Y_CLS)));
      assertEquals("y has an entry 'clz', which is not an output of model '" + name + "'; its"
          + " outputs are [reg, cls]", unknown.getMessage());
      var count = assertThrows(IllegalArgumentException.class,
          () -> model.evaluate(List.of((Object) XA), List.of(Y_REG, Y_CLS)));
      assertEquals("Model '" + name + "' has 2 inputs [a, b] but x is a list of 1 arrays: pass"
          + " one array per input, in this order", count.getMessage());
      // List.of(XA) lists XA's 8 rows (javac warns; the cast makes it explicit): the message
      // says so.
      var rows = assertThrows(IllegalArgumentException.class,
          () -> model.evaluate(List.of((Object[]) XA), List.of(Y_REG, Y_CLS)));
      assertTrue(rows.getMessage().endsWith("x is a list of 8 arrays: pass one array per input,"
          + " in this order (List.of(array) of one array lists its rows: write"
          + " List.of((Object) array))"), rows.getMessage());
      var one = assertThrows(IllegalArgumentException.class,
          () -> model.evaluate(List.of(XA, XB), Y_REG));
      assertEquals("Model '" + name + "' has 2 outputs [reg, cls] but y is one array: pass a"
          + " list of 2 arrays in this order, or a map by output name", one.getMessage());
      var cardinality = assertThrows(IllegalArgumentException.class, () -> model.fit(
          List.of(XA, Arrays.copyOf(XB, 5)), List.of(Y_REG, Y_CLS), validationData(
              List.of(XA, XB), List.of(Y_REG, Y_CLS))));
      assertEquals("Data cardinality is ambiguous: make sure all arrays contain the same number"
          + " of samples. x sizes: a=8, b=5; y sizes: reg=8, cls=8", cardinality.getMessage());
      var validation = assertThrows(IllegalArgumentException.class, () -> model.fit(
          List.of(XA, XB), List.of(Y_REG, Y_CLS), validationData(
              List.of(XA, XB), List.of(Y_REG, Arrays.copyOf(Y_CLS, 3)))));
      assertEquals("Data cardinality is ambiguous: make sure all arrays contain the same number"
          + " of samples. validation x sizes: a=8, b=8; validation y sizes: reg=8, cls=3",
          validation.getMessage());
      var shape = assertThrows(IllegalArgumentException.class,
          () -> model.predictAll(List.of(XA, XA)));
      assertEquals("Model '" + name + "' expects input 'b' of shape (None, 3) but x['b'] has"
          + " samples of shape (4,) ((8, 4) in all)",
          shape.getMessage());
    }
  }

  @Test
  void compileArgumentsNamingNoOutputAreRefused() {
    try (Model model = listModel()) {
      String name = model.name();
      var lossMap = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss(Map.of("rg", "mse"))));
      assertEquals("loss names 'rg', which is not an output of model '" + name + "'; its outputs"
          + " are [reg, cls]", lossMap.getMessage());
      var weights = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss("mse"), lossWeights(Map.of("cls", 1.0, "klass", 2.0))));
      assertTrue(weights.getMessage().startsWith("lossWeights names 'klass', which is not an"
          + " output of model '" + name + "'"), weights.getMessage());
      var metricMap = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss("mse"), metrics(Map.of("cls", "accuracy", "out", "mae"))));
      assertEquals("metrics names 'out', which is not an output of model '" + name + "'; its"
          + " outputs are [reg, cls]", metricMap.getMessage());
      var lossList = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss(List.of("mse", "mse", "mse"))));
      assertEquals("loss is a list of 3 but model '" + name + "' has 2 outputs [reg, cls]: give"
          + " one per output (null for none), or a map by output name", lossList.getMessage());
      var weightList = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss("mse"), lossWeights(1.0)));
      assertTrue(weightList.getMessage().startsWith("lossWeights is a list of 1 but model"),
          weightList.getMessage());
      // As Keras: with two outputs a flat list of metrics must have one entry per output.
      var flatMetrics = assertThrows(IllegalArgumentException.class,
          () -> model.compile(loss("mse"), metrics("mae")));
      assertEquals("metrics has 1 entries but model '" + name + "' has 2 outputs [reg, cls]:"
          + " give one entry per output (a metric, a list of metrics, or an empty list), or a map"
          + " by output name, e.g. metrics(Map.of(\"cls\", \"accuracy\"))",
          flatMetrics.getMessage());
    }
  }

  @Test
  void labelsThatDoNotFitAnOutputsLossNameTheOutput() {
    try (Model model = listModel()) {
      model.compile(optimizer("sgd"), loss(List.of("mse", "mse")));
      var e = assertThrows(IllegalArgumentException.class, () -> model.fit(
          List.of(XA, XB), List.of(Y_REG, NdArrays.ofFloats(Shape.of(N, 2))), verbose(0)));
      assertTrue(e.getMessage().startsWith("Output 'cls': mean_squared_error needs labels shaped"
          + " like the model's outputs (None, 3)"), e.getMessage());
    }
  }

  @Test
  void perOutputCompileSettingsRoundTripThroughKerasCompileConfig() {
    Map<String, Double> before;
    String json;
    try (Model model = scriptModel()) {
      before = model.evaluate(List.of(XA, XB), List.of(Y_REG, Y_CLS), verbose(0));
      json = keras4j.saving.Json.write(CompileConfig.toConfig(model));
    }
    // Keras's compile_config keeps the structure compile was given, one entry per output.
    assertTrue(json.contains("\"loss\": [\"mean_squared_error\","
        + " \"sparse_categorical_crossentropy\"], \"loss_weights\": [0.5, 2.0], \"metrics\": [[\"mae\"], [\"accuracy\"]]"), json);
    try (Model copy = listModel()) {
      CompileConfig.compile(copy,
          keras4j.saving.ConfigReader.of(keras4j.saving.Json.parse(json), "compile_config"));
      Map<String, Double> after =
          copy.evaluate(List.of(XA, XB), List.of(Y_REG, Y_CLS), verbose(0));
      assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
      before.forEach((name, value) -> assertEquals(value, after.get(name), 1e-6, name));
    }
  }

  @Test
  void aSavedTwoOutputModelLoadsCompiledAsBefore(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("two_outputs.keras");
    Map<String, Double> before;
    try (Model model = scriptModel()) {
      before = model.evaluate(List.of(XA, XB), List.of(Y_REG, Y_CLS), verbose(0));
      model.save(file);
    }
    try (Model loaded = Model.load(file)) {
      Map<String, Double> after =
          loaded.evaluate(List.of(XA, XB), List.of(Y_REG, Y_CLS), verbose(0));
      assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
      before.forEach((name, value) -> assertEquals(value, after.get(name), 1e-6, name));
    }
  }
}
