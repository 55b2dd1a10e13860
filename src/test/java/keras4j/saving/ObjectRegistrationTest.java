package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * A user's class is saved and loaded by its registered name, Keras's {@code
 * register_keras_serializable}; a file naming a custom class that is not registered is refused.
 */
class ObjectRegistrationTest {
  @TempDir Path dir;

  /** Multiplies its inputs by a weight that starts at {@code factor}. */
  static final class Scale extends Layer {
    private final double factor;
    private Variable scale;

    Scale(double factor, LayerArg... args) {
      super(args);
      this.factor = factor;
    }

    static Scale fromConfig(ConfigReader config) {
      return new Scale(config.doubleValue("factor", 1), new Kwarg("name", config.string("name")));
    }

    @Override
    protected void build(Shape inputShape) {
      scale = addWeight("scale", NdArrays.vectorOf((float) factor), true, null);
    }

    @Override
    protected KerasTensor call(KerasTensor inputs, boolean training) {
      return inputs.mul(scale.value());
    }

    @Override
    public Map<String, Object> getConfig() {
      Map<String, Object> config = super.getConfig();
      config.put("factor", factor);
      return config;
    }
  }

  /** Like Scale, but never registered. */
  static final class Unregistered extends Layer {
    Unregistered() {
      super(new LayerArg[0]);
    }

    @Override
    protected KerasTensor call(KerasTensor inputs, boolean training) {
      return inputs;
    }
  }

  @Test
  void aRegisteredLayerRoundTripsUnderItsRegisteredName() throws IOException {
    ObjectRegistration.registerKerasSerializable("keras4j_test", Scale.class, Scale::fromConfig);
    assertEquals("keras4j_test>Scale", ObjectRegistration.getRegisteredName(Scale.class));
    float[][] x = RoundTripTest.data(4, 3, 2);
    Path file = dir.resolve("scaled.keras");
    float[] before;
    try (Sequential model = new Sequential(new Dense(2, inputShape(3)), new Scale(3))) {
      model.summaryText(); // builds the layers
      model.layers().get(1).setWeights(List.of(NdArrays.vectorOf(2.5f)));
      before = RoundTripTest.flat(model.predict(x));
      model.save(file);
    }
    String config = config(file);
    assertTrue(config.contains("\"class_name\": \"Scale\"") && config.contains(
        "\"registered_name\": \"keras4j_test>Scale\"") && config.contains("\"factor\": 3.0"),
        config);
    try (Model loaded = Model.load(file)) {
      Scale scale = assertInstanceOf(Scale.class, loaded.layers().get(1));
      assertEquals(3.0, scale.factor);
      assertEquals(2.5f, scale.getWeights().get(0).getFloat(0)); // from the file, not the config
      assertArrayEquals(before, RoundTripTest.flat(loaded.predict(x)));
    }
  }

  @Test
  void aCustomRegisteredNameThatIsNotRegisteredIsRefused() throws IOException {
    Path good = dir.resolve("good.keras");
    try (Sequential model = new Sequential(new Dense(3, inputShape(4)), new Dense(2))) {
      model.save(good);
    }
    // A Keras model with a registered custom Dense subclass: not a plain Dense.
    String config = config(good);
    int dense = config.indexOf("\"class_name\": \"Dense\"");
    int registered = config.indexOf("\"registered_name\": null, \"build_config\"", dense);
    String custom = config.substring(0, registered) + "\"registered_name\": \"custom>Dense\""
        + config.substring(registered + "\"registered_name\": null".length());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Model.load(withConfig(good, custom)).close());
    for (String fragment : List.of("custom>Dense", "not registered",
        "registerKerasSerializable(\"custom\"")) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
    String module = config.replaceFirst("\"module\": \"keras.layers\", \"class_name\": \"Dense\"",
        "\"module\": \"my_project.layers\", \"class_name\": \"Dense\"");
    e = assertThrows(IllegalArgumentException.class,
        () -> Model.load(withConfig(good, module)).close());
    assertTrue(e.getMessage().contains("my_project.layers"), e.getMessage());
  }

  @Test
  void anUnregisteredLayerCannotBeSavedAndTheMessageSaysHowToRegisterIt() {
    try (Sequential model = new Sequential(new Dense(2, inputShape(3)), new Unregistered())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.save(dir.resolve("u.keras")));
      assertTrue(e.getMessage().contains("Unregistered")
          && e.getMessage().contains("registerKerasSerializable")
          && e.getMessage().contains("saveWeights"), e.getMessage());
    }
  }

  @Test
  void registeredNamesNeedAPackageAndAName() {
    assertThrows(IllegalArgumentException.class,
        () -> ObjectRegistration.registerKerasSerializable("", Scale.class, Scale::fromConfig));
    assertThrows(IllegalArgumentException.class, () -> ObjectRegistration
        .registerKerasSerializable("a>b", "Scale", Scale.class, Scale::fromConfig));
  }

  private static String config(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          StandardCharsets.UTF_8);
    }
  }

  private Path withConfig(Path file, String config) throws IOException {
    Path out = dir.resolve("edited.keras");
    try (ZipFile zip = new ZipFile(file.toFile());
        OutputStream raw = Files.newOutputStream(out);
        ZipOutputStream edited = new ZipOutputStream(raw)) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        edited.putNextEntry(new ZipEntry(e.getName()));
        edited.write(e.getName().equals("config.json") ? config.getBytes(StandardCharsets.UTF_8)
            : zip.getInputStream(e).readAllBytes());
        edited.closeEntry();
      }
    }
    return out;
  }
}
