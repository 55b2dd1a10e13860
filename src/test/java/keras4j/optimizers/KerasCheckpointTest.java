package keras4j.optimizers;

import static keras4j.optimizers.TinyRegression.assertClose;
import static keras4j.optimizers.TinyRegression.fit;
import static keras4j.optimizers.TinyRegression.floats;
import static keras4j.optimizers.TinyRegression.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.models.Model;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A checkpoint Python Keras wrote after one epoch of {@link TinyRegression}, for each optimizer
 * with a schedule and a clipping option (checkpoints/*.keras, make_keras_optimizer_fixtures.py's
 * CHECKPOINTS), resumes in keras4j with Keras's next two epoch losses and weights
 * (checkpoints.json): every hyper-parameter, the schedule and the optimizer state (iteration
 * count, slots, EMA averages, gradient accumulators) were read.
 *
 * <p>Each resumed model is saved again to target/keras4j-checkpoints/, the input of the reverse
 * check check_keras4j_checkpoints.py (Python Keras loads keras4j's files and resumes).
 */
class KerasCheckpointTest {
  private static final Map<String, Object> RESUMED = TinyRegression.json("checkpoints.json");

  static Stream<String> names() {
    return RESUMED.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void resumesWithKerasNextLosses(String name) throws Exception {
    Map<?, ?> expected = (Map<?, ?>) RESUMED.get(name);
    try (Model model = Model.load(TinyRegression.resource("checkpoints/" + name + ".keras"))) {
      assertEquals(2, model.optimizer().iterations() * gradientSteps(model), name);
      Path out = Path.of("target", "keras4j-checkpoints");
      Files.createDirectories(out);
      model.save(out.resolve(name + ".keras"));
      try (Model again = Model.load(out.resolve(name + ".keras"))) {
        assertEquals(model.optimizer().getConfig(), again.optimizer().getConfig(), name);
        assertEquals(model.optimizer().variables().size(), again.optimizer().variables().size());
      }
      List<Double> losses = fit(model, 2);
      float[] lossArray = new float[losses.size()];
      for (int i = 0; i < lossArray.length; i++) {
        lossArray[i] = losses.get(i).floatValue();
      }
      assertClose(floats(expected.get("losses")), lossArray, name + " losses");
      assertClose(floats(expected.get("weights")), weights(model), name + " weights");
    }
  }

  private static long gradientSteps(Model model) {
    Object steps = model.optimizer().getConfig().get("gradient_accumulation_steps");
    return steps == null ? 1 : ((Number) steps).longValue();
  }
}
