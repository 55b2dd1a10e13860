package keras4j.applications;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import keras4j.layers.Layer;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.saving.Json;
import keras4j.utils.Naming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * keras4j.applications against Python Keras 3.15.1
 * (src/test/resources/keras4j/applications/make_application_fixtures.py): a Keras-written
 * MobileNetV2 (alpha 0.35, 96x96, random weights and batch statistics) loads and predicts as
 * Keras within 1e-5, also through the Java-built architecture loading its weights; and every
 * Java-built model has Keras's layers, in order, with the same names, classes and parameter
 * counts.
 */
class ApplicationsTest {
  private static final double TOLERANCE = 1e-5;
  private static final String MOBILENET = "mobilenet_v2_035_96";

  private static Path fixture(String name) {
    try {
      return Path.of(ApplicationsTest.class.getResource("/keras4j/applications/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/applications/" + name, e);
    }
  }

  private static Map<String, Object> expected(String name) throws IOException {
    return Json.parseObject(Files.readString(fixture(name + ".json")), name);
  }

  /** The fixture script's two images: pixel i (flat index) is ((i * 37) % 101) / 50 - 1. */
  private static FloatNdArray pixels() {
    float[] values = new float[2 * 96 * 96 * 3];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (((i * 37L) % 101) / 50.0 - 1.0);
    }
    FloatNdArray out = NdArrays.ofFloats(Shape.of(2, 96, 96, 3));
    out.copyFrom(DataBuffers.of(values, false, false));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void assertPredictsAsKeras(Model model) throws IOException {
    List<Object> rows = (List<Object>) expected(MOBILENET).get("y");
    FloatNdArray got = model.predict(pixels());
    assertEquals(Shape.of(2, 5), got.shape());
    double worst = 0;
    for (int r = 0; r < rows.size(); r++) {
      List<Object> row = (List<Object>) rows.get(r);
      for (int c = 0; c < row.size(); c++) {
        worst = Math.max(worst, Math.abs(((Number) row.get(c)).doubleValue() - got.getFloat(r, c)));
      }
    }
    assertTrue(worst <= TOLERANCE, "max |difference| from Keras " + worst);
  }

  @Test
  void kerasWrittenMobileNetV2LoadsAndPredictsAsKeras() throws IOException {
    try (Model model = Models.loadModel(fixture(MOBILENET + ".keras"))) {
      assertPredictsAsKeras(model);
    }
  }

  @Test
  void javaBuiltMobileNetV2LoadsKerasWeightsAndPredictsAsKeras() throws IOException {
    try (Model model = MobileNetV2.build(weights(fixture(MOBILENET + ".keras").toString()),
        alpha(0.35), inputShape(96, 96, 3), classes(5), classifierActivation("linear"))) {
      assertPredictsAsKeras(model);
    }
  }

  static Stream<Arguments> architectures() {
    Map<String, Supplier<Model>> cases = Map.of(
        MOBILENET, () -> MobileNetV2.build(weights("none"), alpha(0.35), inputShape(96, 96, 3),
            classes(5), classifierActivation("linear")),
        "mobilenet_v2_140_notop_max", () -> MobileNetV2.build(weights("none"), alpha(1.4),
            inputShape(128, 128, 3), includeTop(false), pooling("max")),
        "resnet50", () -> ResNet50.build(weights("none"), inputShape(64, 64, 3), classes(10)),
        "resnet50_notop_avg", () -> ResNet50.build(weights("none"), inputShape(64, 64, 3),
            includeTop(false), pooling("avg")),
        "efficientnet_b0", () -> EfficientNetB0.build(weights("none"), inputShape(64, 64, 3),
            classes(10)),
        "efficientnet_b0_notop", () -> EfficientNetB0.build(weights("none"),
            inputShape(64, 64, 3), includeTop(false)));
    return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("architectures")
  void javaBuiltModelHasKerasLayers(String name, Supplier<Model> build) throws IOException {
    Map<String, Object> want = expected(name);
    try (Model model = build.get()) {
      assertEquals(want.get("name"), model.name(), "model name");
      List<String> wantLayers = new ArrayList<>();
      for (Object row : (List<Object>) want.get("layers")) {
        List<Object> layer = (List<Object>) row;
        wantLayers.add(layer.get(0) + " " + layer.get(1) + " " + layer.get(2));
      }
      List<String> gotLayers = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < model.layers().size(); i++) {
        Layer layer = model.layers().get(i);
        String wantName = i < wantLayers.size() ? wantLayers.get(i).split(" ")[0] : "";
        gotLayers.add(comparableName(layer, wantName) + " " + layer.kerasClassName() + " "
            + layer.countParams());
        total += layer.countParams();
      }
      assertEquals(String.join("\n", wantLayers), String.join("\n", gotLayers));
      assertEquals(((Number) want.get("params")).longValue(), total, "total parameters");
    }
  }

  /**
   * The layer's name; an automatic one ({@code global_average_pooling2d_3}: keras4j numbers them
   * per process, the fixture per fresh Keras session) as the fixture's when they differ only by
   * that number.
   */
  private static String comparableName(Layer layer, String wantName) {
    boolean automatic = wantName.equals(Naming.toSnakeCase(layer.kerasClassName()));
    return automatic && layer.name().matches(Pattern.quote(wantName) + "(_\\d+)?") ? wantName
        : layer.name();
  }

  @Test
  void imagenetWeightsAreRefusedWithWhatToDoInstead() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(alpha(0.35)));
    assertTrue(e.getMessage().contains("weights(\"imagenet\")"), e.getMessage());
    assertTrue(e.getMessage().contains("download"), e.getMessage());
    assertTrue(e.getMessage().contains("weights(\"none\")"), e.getMessage());
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(weights("no/such/file.h5")));
    assertTrue(missing.getMessage().contains("no file at"), missing.getMessage());
    IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(weights("none"), includeTop(false), pooling("mean")));
    assertTrue(pool.getMessage().contains("\"avg\", \"max\" or \"none\""), pool.getMessage());
    IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(weights("none"), inputShape(16, 16, 3)));
    assertTrue(small.getMessage().contains("at least 32x32"), small.getMessage());
    IllegalArgumentException unknownSize = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(weights("none"), inputShape(NONE, NONE, 3)));
    assertTrue(unknownSize.getMessage().contains("known image size"), unknownSize.getMessage());
    IllegalArgumentException alpha = assertThrows(IllegalArgumentException.class,
        () -> MobileNetV2.build(weights("none"), alpha(0)));
    assertTrue(alpha.getMessage().contains("alpha must be positive"), alpha.getMessage());
    IllegalArgumentException notResNets = assertThrows(IllegalArgumentException.class,
        () -> ResNet50.build(weights("none"), alpha(0.5)));
    assertTrue(notResNets.getMessage().contains("unexpected keyword argument 'alpha'"),
        notResNets.getMessage());
  }
}
