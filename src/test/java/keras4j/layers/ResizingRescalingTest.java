package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.saving.ConfigReader;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Rescaling per channel and Resizing's antialias, interpolations and aspect-ratio padding built
 * in Java: the layers of make_layer_fixtures.py's resizing_antialias and
 * resizing_pad_to_aspect_ratio cases, constructed with keras4j's kwargs, predict Keras's outputs
 * within 1e-5 (the Keras files themselves are LayerFixturesTest's); Rescaling's lists against
 * {@code x * scale + offset} computed here; bad arguments give clear exceptions.
 */
class ResizingRescalingTest {
  private static final String[] INTERPOLATIONS =
      {"bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5"};

  private static FloatNdArray array(float[] values, long... dims) {
    FloatNdArray out = NdArrays.ofFloats(Shape.of(dims));
    out.copyFrom(DataBuffers.of(values, false, false));
    return out;
  }

  /** The fixture's input through each layer, flattened and concatenated, as the Keras model. */
  private static void assertBranchesMatchKeras(String name, List<Layer> layers) {
    Map<String, Object> c = LayerFixturesTest.expected(name);
    FloatNdArray x = LayerFixturesTest.array(c, "x", "x_shape");
    KerasTensor in = Input.shape(x.shape().get(1), x.shape().get(2), x.shape().get(3));
    List<KerasTensor> outs = new ArrayList<>();
    for (Layer layer : layers) {
      outs.add(new Flatten().apply(layer.apply(in)));
    }
    try (Model model = new Model(in, new Concatenate().apply(outs))) {
      LayerFixturesTest.assertClose(LayerFixturesTest.floats(c.get("y")), model.predict(x),
          name + " built in Java");
    }
  }

  @Test
  void everyInterpolationWithAndWithoutAntialiasMatchesKeras() {
    List<Layer> layers = new ArrayList<>();
    for (String interpolation : INTERPOLATIONS) {
      for (boolean antialias : new boolean[] {true, false}) {
        layers.add(new Resizing(4, 17, interpolation(interpolation), antialias(antialias)));
      }
    }
    assertBranchesMatchKeras("resizing_antialias", layers);
  }

  @Test
  void padToAspectRatioAndCropWithAntialiasMatchKeras() {
    assertBranchesMatchKeras("resizing_pad_to_aspect_ratio", List.of(
        new Resizing(6, 6, padToAspectRatio(true), fillValue(0.5)),
        new Resizing(3, 8, interpolation("bicubic"), padToAspectRatio(true), fillValue(-2),
            antialias(true)),
        new Resizing(4, 6, interpolation("nearest"), padToAspectRatio(true), fillValue(1)),
        new Resizing(2, 3, interpolation("lanczos3"), cropToAspectRatio(true),
            antialias(true))));
  }

  @Test
  void padToAspectRatioPadsTheShortSideEvenlyWithTheFillValue() {
    // 2 x 4 to a square: Keras pads floor((4 - 2) / 2) = 1 row above and below; resizing the
    // 4 x 4 result to 4 x 4 leaves it as it is.
    FloatNdArray x = array(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 4, 1);
    FloatNdArray y = run(new Resizing(4, 4, padToAspectRatio(true), fillValue(-1),
        interpolation("nearest")), x);
    float[] want = {-1, -1, -1, -1, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1, -1};
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], y.getFloat(0, i / 4, i % 4, 0), "pixel " + i);
    }
  }

  private static FloatNdArray run(Layer layer, FloatNdArray x) {
    try (var f = keras4j.tf.TF.function(in -> layer.apply(in, false))) {
      return f.call(KerasTensor.constant(x)).numpy();
    }
  }

  @Test
  void resizingSavesItsSettingsAsKerasNamesThem() {
    Map<String, Object> config = new Resizing(3, 5, interpolation("lanczos5"), antialias(true),
        padToAspectRatio(true), fillValue(0.25)).getConfig();
    assertEquals("lanczos5", config.get("interpolation"));
    assertEquals(true, config.get("antialias"));
    assertEquals(true, config.get("pad_to_aspect_ratio"));
    assertEquals(false, config.get("crop_to_aspect_ratio"));
    assertEquals(0.25, config.get("fill_value"));
    assertEquals("constant", config.get("fill_mode"));
  }

  @Test
  void rescalingPerChannelIsXTimesScalePlusOffsetOverTheLastAxis() {
    double[] scale = {0.5, -2, 4};
    double[] offset = {1, 0.25, -3};
    FloatNdArray x = array(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
    for (Layer layer : List.of(new Rescaling(scale, offset(offset)),
        new Rescaling(scale, offset(offset[0], offset[1], offset[2])))) {
      FloatNdArray y = run(layer, x);
      for (int i = 0; i < 12; i++) {
        double want = (i + 1) * scale[i % 3] + offset[i % 3];
        assertEquals(want, y.getFloat(i / 6, i / 3 % 2, i % 3), 1e-6, "value " + i);
      }
    }
    // A scalar scale with an offset per channel, and one value in a list for all channels.
    FloatNdArray y = run(new Rescaling(2, offset(offset)), x);
    assertEquals(12 * 2 - 3, y.getFloat(1, 1, 2), 1e-6);
    y = run(new Rescaling(new double[] {3}, offset(-1)), x);
    assertEquals(12 * 3 - 1, y.getFloat(1, 1, 2), 1e-6);
  }

  @Test
  void rescalingSavesListsAsListsAndNumbersAsNumbers() {
    Map<String, Object> config = new Rescaling(new double[] {0.5, 2}, offset(1)).getConfig();
    assertEquals(List.of(0.5, 2.0), config.get("scale"));
    assertEquals(1.0, config.get("offset"));
    config = new Rescaling(0.5, offset(1, 2)).getConfig();
    assertEquals(0.5, config.get("scale"));
    assertEquals(List.of(1.0, 2.0), config.get("offset"));
  }

  @Test
  void rescalingReadsKerasListsAndNumpyArrays() {
    Map<String, Object> numpy = Map.of("class_name", "__numpy__", "config",
        Map.of("value", List.of(1.0, 2.0), "dtype", "float64"));
    Rescaling layer = Rescaling.fromConfig(ConfigReader.of(Map.of("name", "r", "scale", numpy,
        "offset", List.of(0.5, -0.5)), "Rescaling"));
    assertEquals(List.of(1.0, 2.0), layer.getConfig().get("scale"));
    assertEquals(List.of(0.5, -0.5), layer.getConfig().get("offset"));
    FloatNdArray y = run(layer, array(new float[] {3, 4}, 1, 2));
    assertEquals(3.5, y.getFloat(0, 0), 1e-6);
    assertEquals(7.5, y.getFloat(0, 1), 1e-6);
  }

  @Test
  void badArgumentsAreRefusedClearly() {
    FloatNdArray rgb = array(new float[12], 1, 2, 2, 3);
    String channels = assertThrows(IllegalArgumentException.class,
        () -> run(new Rescaling(new double[] {1, 2}), rgb)).getMessage();
    assertTrue(channels.contains("2 values per channel") && channels.contains("3 channels"),
        channels);
    assertThrows(IllegalArgumentException.class, () -> new Rescaling(new double[0]));
    String nested = assertThrows(IllegalArgumentException.class, () -> Rescaling.fromConfig(
        ConfigReader.of(Map.of("scale", List.of(List.of(1.0, 2.0))), "Rescaling")))
        .getMessage();
    assertTrue(nested.contains("scale") && nested.contains("flat list"), nested);
    Function<String, String> interpolation = name -> assertThrows(
        IllegalArgumentException.class, () -> new Resizing(2, 2, interpolation(name)))
        .getMessage();
    assertTrue(interpolation.apply("gaussian").contains("lanczos5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Resizing(2, 2,
        cropToAspectRatio(true), padToAspectRatio(true))).getMessage().contains("only one"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Resizing(2, 2,
        padToAspectRatio(true), fillMode("reflect"))).getMessage().contains("constant"));
  }
}
