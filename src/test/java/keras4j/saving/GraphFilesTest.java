package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Branching functional models written by Python Keras 3.15.1 (graphs/make_graph_fixtures.py), one
 * per topology, as .keras and legacy .h5: each loads and predicts Keras's numbers within 1e-5,
 * and keras4j's own saves of it (both formats) load back and predict the same. Set
 * {@code -Dkeras4j.graphSaves=DIR} to keep those saves for graphs/check_keras4j_saves.py, which
 * loads them in Python Keras.
 */
class GraphFilesTest {
  static Stream<String> topologies() {
    return Stream.of("residual", "concatenate", "multiply", "average", "subtract", "maximum",
        "dot", "two_input", "two_output", "siamese", "nested_sequential", "nested_functional");
  }

  /** The model's outputs on the fixture's inputs, through a traced call of the whole graph. */
  static List<FloatNdArray> predict(Model model, String name) {
    List<FloatNdArray> inputs = new ArrayList<>();
    for (int i = 0; Files.exists(Fixtures.path("graphs").resolve(name + "_x" + i + ".csv")); i++) {
      inputs.add(StdArrays.ndCopyOf(Fixtures.csv("graphs/" + name + "_x" + i + ".csv")));
    }
    assertEquals(inputs.size(), model.inputs().size(), "inputs of " + name);
    // Multi-input predict() is not on main yet: run the graph as a traced function instead.
    try (TracedFunction<List<KerasTensor>> forward = inputs.size() == 1
        ? TF.function(x -> model.applyAll(List.of(x)))
        : TF.function((a, b) -> model.applyAll(List.of(a, b)))) {
      List<FloatNdArray> out = new ArrayList<>();
      forward.call(inputs.toArray()).forEach(t -> out.add(t.numpy()));
      return out;
    }
  }

  static void assertPredictsKeras(Model model, String name) {
    List<FloatNdArray> outputs = predict(model, name);
    for (int i = 0; i < outputs.size(); i++) {
      Fixtures.assertClose(Fixtures.csv("graphs/" + name + "_y" + i + ".csv"), outputs.get(i),
          1e-5);
    }
    assertTrue(Files.notExists(Fixtures.path("graphs").resolve(name + "_y" + outputs.size()
        + ".csv")), name + " has more outputs in the fixture than the model");
  }

  @ParameterizedTest
  @MethodSource("topologies")
  void kerasFilesLoadAndPredict(String name) {
    for (String ext : List.of(".keras", ".h5")) {
      try (Model model = Model.load(Fixtures.path("graphs/" + name + ext))) {
        assertEquals(name, model.name());
        assertPredictsKeras(model, name);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("topologies")
  void keras4jSavesLoadBackAndPredictTheSame(String name, @TempDir Path temp) throws IOException {
    String keep = System.getProperty("keras4j.graphSaves");
    Path dir = keep == null ? temp : Files.createDirectories(Path.of(keep));
    try (Model model = Model.load(Fixtures.path("graphs/" + name + ".keras"))) {
      model.save(dir.resolve(name + ".keras"));
      model.save(dir.resolve(name + ".h5"));
    }
    for (String ext : List.of(".keras", ".h5")) {
      try (Model model = Model.load(dir.resolve(name + ext))) {
        assertPredictsKeras(model, name);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("summaries")
  void summaryHasKerasConnectedToColumn(String name) throws IOException {
    try (Model model = Model.load(Fixtures.path("graphs/" + name + ".keras"))) {
      assertEquals(Files.readString(Fixtures.path("graphs/" + name + "_summary.txt")),
          model.summaryText());
    }
  }

  static Stream<String> summaries() {
    return Stream.of("two_input", "siamese", "nested_functional");
  }

  @Test
  void layersAreInKerasOrder() {
    try (Model model = Model.load(Fixtures.path("graphs/nested_functional.keras"))) {
      assertEquals(List.of("x", "inner", "side", "cat", "head"),
          model.layers().stream().map(l -> l.name()).toList());
    }
  }
}
