package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.StdArrays;

/**
 * Hostile or broken files give a clear exception naming the problem, and loading them writes
 * nothing anywhere (the archive is never extracted).
 */
class SafetyTest {
  @TempDir Path dir;
  private Path good;
  private Map<String, byte[]> members;

  @BeforeEach
  void saveAGoodModel() throws IOException {
    good = dir.resolve("good.keras");
    try (Sequential model = new Sequential(List.of(new Dense(3, inputShape(4)), new Dense(2)),
        name("good"))) {
      model.save(good);
    }
    members = new java.util.LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(good.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        members.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
  }

  /** A .keras zip of the good model's members plus {@code extra}, with {@code config}. */
  private Path archive(String name, String config, Map<String, byte[]> extra) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getKey().equals("config.json") && config != null
            ? config.getBytes(StandardCharsets.UTF_8) : e.getValue());
        zip.closeEntry();
      }
      for (Map.Entry<String, byte[]> e : extra.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private String config() {
    return new String(members.get("config.json"), StandardCharsets.UTF_8);
  }

  /** Loads {@code file}, expecting a failure whose message contains every {@code fragment}. */
  private void refuses(Path file, String... fragments) throws IOException {
    List<Path> before = listing();
    RuntimeException e = assertThrows(RuntimeException.class, () -> Model.load(file).close());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message should contain '" + fragment + "': " + e.getMessage());
    }
    assertEquals(before, listing(), "loading wrote files");
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void refusesEntriesThatClimbOutOfTheArchive() throws IOException {
    refuses(archive("climb.keras", null, Map.of("../evil.txt", new byte[] {1})),
        "../evil.txt", "leaves the archive");
    refuses(archive("nested.keras", null, Map.of("assets/../../evil.txt", new byte[] {1})),
        "assets/../../evil.txt");
    assertTrue(Files.notExists(dir.getParent().resolve("evil.txt")));
  }

  @Test
  void refusesAbsoluteEntries() throws IOException {
    refuses(archive("absolute.keras", null, Map.of("/tmp/evil.txt", new byte[] {1})),
        "/tmp/evil.txt");
    refuses(archive("drive.keras", null, Map.of("C:\\evil.txt", new byte[] {1})), "C:\\evil.txt");
  }

  @Test
  void refusesTruncatedArchives() throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    Path half = dir.resolve("half.keras");
    Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
    refuses(half, "half.keras", "truncated or corrupt");
  }

  @Test
  void refusesFilesOfAnotherFormat() throws IOException {
    Path text = dir.resolve("notes.keras");
    Files.writeString(text, "just some text");
    refuses(text, "neither a Keras .keras archive");
    Path empty = dir.resolve("empty.keras");
    Files.write(empty, new byte[0]);
    refuses(empty, "neither");
  }

  @Test
  void refusesAZipBombConfig() throws IOException {
    // 80 MB of spaces deflate to ~80 KB; the reader stops at its 4 MiB budget for JSON.
    Path bomb = dir.resolve("bomb.keras");
    try (OutputStream raw = Files.newOutputStream(bomb);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      zip.putNextEntry(new ZipEntry("config.json"));
      byte[] spaces = new byte[1 << 20];
      Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 80; i++) {
        zip.write(spaces);
      }
      zip.closeEntry();
    }
    assertTrue(Files.size(bomb) < 1_000_000);
    refuses(bomb, "config.json", "larger than");
  }

  @Test
  void refusesAMemberWithOneFlippedBit() throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    byte[] name = "model.weights.h5".getBytes(StandardCharsets.US_ASCII);
    int header = indexOf(bytes, name); // the local header; the stored data follows it
    assertTrue(header > 0);
    bytes[header + name.length + 500] ^= 4;
    Path flipped = dir.resolve("flipped.keras");
    Files.write(flipped, bytes);
    refuses(flipped, "flipped.keras", "model.weights.h5", "CRC-32");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void refusesWeightsThatInflatePastWhatTheModelNeeds() throws IOException {
    // 64 MiB of zeros deflate to ~64 KB: far more than a 17-weight model's file can need.
    Path bomb = dir.resolve("weights-bomb.keras");
    try (OutputStream raw = Files.newOutputStream(bomb);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (String json : List.of("metadata.json", "config.json")) {
        zip.putNextEntry(new ZipEntry(json));
        zip.write(members.get(json));
      }
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      zip.write(members.get("model.weights.h5"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertTrue(Files.size(bomb) < 1_000_000);
    refuses(bomb, "model.weights.h5", "larger than", "more than the model's weights need");
  }

  @Test
  void refusesJsonMembersTogetherLargerThanTheirBudget() throws IOException {
    // Two JSON members of 3 MiB each: each under 4 MiB, together over it.
    byte[] spaces = new byte[3 << 20];
    Arrays.fill(spaces, (byte) ' ');
    members.put("metadata.json", spaces);
    refuses(archive("big-json.keras", " ".repeat(3 << 20) + config(), Map.of()),
        "larger than", "JSON members together");
  }

  @Test
  void refusesMembersThatAreNotPartOfTheFormat() throws IOException {
    refuses(archive("extra.keras", null, Map.of("extra_0.json", new byte[] {'{', '}'})),
        "unexpected member 'extra_0.json'");
    // Assets of layers keras4j lacks are listed, never read.
    try (Model model = Model.load(archive("assets.keras", null,
        Map.of("assets/vocabulary.txt", new byte[] {'a'})))) {
      assertEquals("good", model.name());
    }
  }

  @Test
  void refusesDuplicatedMembers() throws IOException {
    Path twice = dir.resolve("twice.keras");
    byte[] zip = Files.readAllBytes(archive("once.keras", null,
        Map.of("model.weights.hX", members.get("model.weights.h5"))));
    // Renaming in place (same length) keeps the zip valid, with model.weights.h5 twice.
    byte[] from = "model.weights.hX".getBytes(StandardCharsets.US_ASCII);
    for (int i; (i = indexOf(zip, from)) >= 0; ) {
      zip[i + from.length - 1] = '5';
    }
    Files.write(twice, zip);
    refuses(twice, "two entries named 'model.weights.h5'");
  }

  @Test
  void refusesLambdaLayers() throws IOException {
    String lambda = config().replace("\"class_name\": \"Dense\", \"config\": {\"name\": \"dense",
        "\"class_name\": \"Lambda\", \"config\": {\"function\": \"gASV...\", \"name\": \"dense");
    assertTrue(lambda.contains("Lambda"));
    refuses(archive("lambda.keras", lambda, Map.of()), "Lambda", "never runs");
  }

  @Test
  void refusesUnknownLayerClassesListingTheSupportedOnes() throws IOException {
    String custom = config().replace("\"class_name\": \"Dense\"", "\"class_name\": \"MyLayer\"");
    refuses(archive("custom.keras", custom, Map.of()), "MyLayer", "Supported layer classes",
        "Dense", "Conv2D", "BatchNormalization");
  }

  @Test
  void refusesWeightsOfTheWrongShapeNamingLayerAndShapes() throws IOException {
    // The first Dense now claims 5 units: its kernel (4, 5) does not match the file's (4, 3).
    String wider = config().replace("\"units\": 3", "\"units\": 5");
    assertTrue(wider.contains("\"units\": 5"));
    refuses(archive("wider.keras", wider, Map.of()), "Layer '", "(4, 5)", "(4, 3)");
  }

  @Test
  void loadWeightsRefusesAnotherArchitectureAndChangesNothing() throws IOException {
    try (Sequential other = new Sequential(new Dense(3, inputShape(4)), new Dense(7))) {
      float[] before = RoundTripTest.flat(other.getWeights().get(0));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> other.loadWeights(good));
      assertTrue(e.getMessage().contains("(3, 7)") && e.getMessage().contains("(3, 2)"),
          e.getMessage());
      // Weights are checked before any is assigned: the first layer is unchanged too.
      assertArrayEquals(before, RoundTripTest.flat(other.getWeights().get(0)));
    }
  }

  @Test
  void refusesDeeplyNestedJson() throws IOException {
    String deep = "[".repeat(100_000);
    refuses(archive("deep.keras", deep, Map.of()), "nested deeper than");
  }

  @Test
  void refusesAWeightsOnlyFileAsAModel() throws IOException {
    Path weights = dir.resolve("only.weights.h5");
    try (Model model = Model.load(good)) {
      model.saveWeights(weights);
    }
    refuses(weights, "weights only", "loadWeights");
  }

  @Test
  void savingRefusesPathsKerasCouldNotLoad() {
    try (Sequential model = new Sequential(new Dense(1, inputShape(2)))) {
      assertThrows(IllegalArgumentException.class, () -> model.save(dir.resolve("m.txt")));
      assertThrows(IllegalArgumentException.class, () -> model.saveWeights(dir.resolve("m.h5")));
      // As Keras 3's model.save: a .h5 name gets the legacy HDF5 format.
      model.save(dir.resolve("m.h5"));
      try (Model loaded = Model.load(dir.resolve("m.h5"))) {
        assertArrayEquals(StdArrays.array2dCopyOf(model.getWeights().get(0)),
            StdArrays.array2dCopyOf(loaded.getWeights().get(0)));
      }
    }
  }
}
