package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .keras file whose config has values of the wrong type or range is refused with an
 * IllegalArgumentException naming the JSON path, never a ClassCastException, ArithmeticException
 * or NullPointerException (issue 16, finding 5).
 */
class ConfigErrorsTest {
  @TempDir Path dir;
  private Map<String, byte[]> members;

  @BeforeEach
  void saveAGoodModel() throws IOException {
    Path good = dir.resolve("good.keras");
    try (Sequential model = new Sequential(new Conv2D(2, 3, inputShape(4, 4, 1)), new Flatten(),
        new Dense(3))) {
      model.save(good);
    }
    members = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(good.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        members.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
  }

  /** Loads the good model with {@code from} replaced by {@code to} once in its config.json. */
  private void refuses(String from, String to, String... fragments) throws IOException {
    String config = new String(members.get("config.json"), StandardCharsets.UTF_8);
    String edited = config.replaceFirst(from, to);
    assertTrue(!edited.equals(config), "the config has no " + from + ": " + config);
    Path file = dir.resolve("edited.keras");
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getKey().equals("config.json")
            ? edited.getBytes(StandardCharsets.UTF_8) : e.getValue());
        zip.closeEntry();
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Model.load(file).close());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message should contain '" + fragment + "': " + e.getMessage());
    }
  }

  @Test
  void aNumberForPaddingNamesThePath() throws IOException {
    refuses("\"padding\": \"valid\"", "\"padding\": 5",
        "config.layers[1].config.padding", "should be a string", "got 5");
  }

  @Test
  void aNumberForANameNamesThePath() throws IOException {
    refuses("\"name\": \"conv2d[_0-9]*\"", "\"name\": 5", "config.layers[1].config.name",
        "should be a string");
  }

  @Test
  void unitsBeyondAnIntOrWithAFractionNameThePath() throws IOException {
    refuses("\"units\": 3", "\"units\": 2147483648", "config.layers[3].config.units",
        "an integer below 2^31");
    refuses("\"units\": 3", "\"units\": 1.5", "config.layers[3].config.units", "an integer",
        "1.5");
    refuses("\"units\": 3", "\"units\": 0", "Dense units must be positive");
  }

  @Test
  void anEmptyBatchShapeNamesThePath() throws IOException {
    refuses("\"batch_shape\": \\[null, 4, 4, 1\\]", "\"batch_shape\": []",
        "config.layers[0].config.batch_shape", "every sample dimension positive or null");
  }

  @Test
  void aListWhereTheLayersShouldBeNamesThePath() throws IOException {
    refuses("\"layers\": \\[", "\"layers\": 5, \"x\": [", "config.layers", "should be a list");
  }

  @Test
  void aMissingClassNameNamesTheEntry() throws IOException {
    refuses("\"class_name\": \"Dense\"", "\"class_name\": null",
        "config.layers[3].class_name", "should be a string");
  }
}
