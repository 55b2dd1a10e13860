package keras4j.saving;

import static keras4j.Keras.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import keras4j.core.KerasTensor;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The fuzz test's inputs: real files (written by keras4j, and by Keras from the fixtures) and
 * seeded mutations of them: bit flips, truncations, overwritten ranges, zip edits, config.json
 * edits (wrong types, huge numbers, missing keys) and SavedModel constant shapes.
 */
final class FuzzCases {
  /** How the child loads a case. */
  enum Kind { MODEL, WEIGHTS, SAVED_MODEL }

  /**
   * One case: {@code file} loaded as {@code kind} ({@code reference} builds the model for
   * weights); {@code corruptCrc} when the mutation changed a member's bytes behind its CRC-32.
   */
  record Case(int id, Kind kind, Path file, String reference, String description,
      boolean corruptCrc) {}

  /** Values a hostile config.json puts anywhere. */
  private static final List<Object> HOSTILE = Arrays.asList("5", 5L, 1.5, -1L, 0L, 2147483648L,
      1e12, 1e308, -1e308, Long.MAX_VALUE, null, true, "", List.of(), Map.of(), List.of(5L),
      "x".repeat(5000), List.of(List.of()), List.of(-1L, -1L), List.of(0L, 0L), List.of(1e12, 1e12),
      Arrays.asList(null, 0L), Map.of("class_name", "Dense"), "relu");

  private final Path dir;
  private final Random random;
  private final byte[] keras;
  private final Map<String, byte[]> members;
  private final Map<String, long[]> dataRanges;
  private final Path kerasFile;
  private final byte[] weights;
  private final List<byte[]> keras3Files = new ArrayList<>();
  private final List<byte[]> legacyFiles = new ArrayList<>();
  private final Path savedModel;
  private final Path keras3SavedModel;
  private int next;
  /** What the last byte mutation did, for the case's description. */
  private String last;

  /** Writes the base files into {@code dir}; mutations are drawn from {@code seed}. */
  FuzzCases(Path dir, long seed) throws IOException {
    this.dir = dir;
    this.random = new Random(seed);
    kerasFile = dir.resolve("base.keras");
    Path weightsFile = dir.resolve("base.weights.h5");
    savedModel = dir.resolve("base-savedmodel");
    try (Model model = baseModel()) {
      model.save(kerasFile);
      model.saveWeights(weightsFile);
      model.export(savedModel);
    }
    keras = Files.readAllBytes(kerasFile);
    weights = Files.readAllBytes(weightsFile);
    members = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(kerasFile.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        members.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    dataRanges = storedDataRanges(keras);
    for (String name : List.of("keras3_sequential_mlp_flownet", "keras3_sequential_cnn_mnist")) {
      keras3Files.add(Files.readAllBytes(Fixtures.path("keras-models/" + name + "/model.keras")));
    }
    for (String name : List.of("h5_tfkeras2.11_sequential_mlp_hls4ml",
        "h5_tfkeras2.10_functional_cnn_bn_keras2circom", "h5_keras2.3.1_sequential_softmax_dl4j")) {
      legacyFiles.add(Files.readAllBytes(Fixtures.path("keras-models/" + name + "/model.h5")));
    }
    keras3SavedModel = Fixtures.path("keras-models/savedmodel_tfkeras2.11_functional_mnist_mlp/"
        + "saved_model");
  }

  /** A small compiled, trained model: convolution, batch norm, dense, Adam state. */
  private static Model baseModel() {
    RandomSeed.set(16);
    KerasTensor in = Input.named("pixels", 6, 6, 1);
    KerasTensor h = new Conv2D(2, 3, activation("relu")).apply(in);
    h = new Flatten().apply(new BatchNormalization().apply(h));
    Model model = new Model(in, new Dense(3, activation("softmax")).apply(h));
    model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
    float[][][][] x = new float[4][6][6][1];
    x[1][2][3][0] = 1;
    model.fit(x, new float[] {0, 1, 2, 1}, epochs(1), verbose(0));
    return model;
  }

  /** The next case, its file written under the case directory. */
  Case next() throws IOException {
    int id = next++;
    int pick = random.nextInt(100);
    if (pick < 35) {
      return configCase(id);
    } else if (pick < 45) {
      return crcCase(id);
    } else if (pick < 60) {
      return zipCase(id);
    } else if (pick < 70) {
      byte[] base = pick < 65 ? weights : members.get(KerasArchive.WEIGHTS);
      return write(id, Kind.WEIGHTS, ".weights.h5", mutateHdf5(base), "weights.h5: " + last,
          false);
    } else if (pick < 82) {
      byte[] base = legacyFiles.get(random.nextInt(legacyFiles.size()));
      return write(id, Kind.MODEL, ".h5", mutateHdf5(base), "legacy h5: " + last, false);
    } else {
      return savedModelCase(id);
    }
  }

  private Case configCase(int id) throws IOException {
    boolean own = random.nextBoolean();
    Map<String, byte[]> source = own ? members : unzip(keras3Files.get(random.nextInt(2)));
    Object config = copy(Json.parse(new String(source.get(KerasArchive.CONFIG),
        StandardCharsets.UTF_8)));
    List<String> paths = new ArrayList<>();
    List<Object[]> slots = new ArrayList<>(); // {parent, key or index}
    collect(config, "$", paths, slots);
    int at = random.nextInt(slots.size());
    String what = mutateJson(slots.get(at));
    Map<String, byte[]> edited = new LinkedHashMap<>(source);
    edited.put(KerasArchive.CONFIG, Json.write(config).getBytes(StandardCharsets.UTF_8));
    return write(id, Kind.MODEL, ".keras", zip(edited, false), "config.json "
        + (own ? "keras4j" : "keras3") + " " + paths.get(at) + " " + what, false);
  }

  @SuppressWarnings("unchecked")
  private String mutateJson(Object[] slot) {
    int op = random.nextInt(10);
    if (slot[0] instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      if (op < 2) {
        m.remove((String) slot[1]);
        return "deleted";
      }
      Object value = HOSTILE.get(random.nextInt(HOSTILE.size()));
      m.put((String) slot[1], value);
      return "= " + abbreviate(value);
    }
    List<Object> list = (List<Object>) slot[0];
    int index = (Integer) slot[1];
    if (op < 2) {
      list.remove(index);
      return "removed";
    }
    Object value = HOSTILE.get(random.nextInt(HOSTILE.size()));
    list.set(index, value);
    return "= " + abbreviate(value);
  }

  private static String abbreviate(Object value) {
    String text = Json.write(value);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** Records every value's path and its slot in its parent. */
  private static void collect(Object node, String path, List<String> paths, List<Object[]> slots) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String child = path + "." + e.getKey();
        paths.add(child);
        slots.add(new Object[] {map, e.getKey()});
        collect(e.getValue(), child, paths, slots);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        String child = path + "[" + i + "]";
        paths.add(child);
        slots.add(new Object[] {list, i});
        collect(list.get(i), child, paths, slots);
      }
    }
  }

  /** A deep, mutable copy of parsed JSON. */
  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put((String) k, copy(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return node;
  }

  /** One bit flipped inside a stored member's data: the CRC-32 no longer matches. */
  private Case crcCase(int id) throws IOException {
    List<String> names = new ArrayList<>(dataRanges.keySet());
    String name = names.get(random.nextInt(names.size()));
    long[] range = dataRanges.get(name);
    byte[] bytes = keras.clone();
    long at = range[0] + (long) (random.nextDouble() * (range[1] - range[0]));
    int bit = random.nextInt(8);
    bytes[(int) at] ^= (byte) (1 << bit);
    return write(id, Kind.MODEL, ".keras", bytes, "CRC: bit " + bit + " of byte "
        + (at - range[0]) + " of " + name, true);
  }

  /** Byte damage to the whole archive, or members dropped, added, doubled or compressed. */
  private Case zipCase(int id) throws IOException {
    int op = random.nextInt(6);
    if (op < 2) {
      return write(id, Kind.MODEL, ".keras", mutateBytes(keras, 0), "zip bytes: " + last, false);
    }
    Map<String, byte[]> edited = new LinkedHashMap<>(members);
    String what;
    if (op == 2) {
      String name = new ArrayList<>(members.keySet()).get(random.nextInt(members.size()));
      edited.remove(name);
      what = "dropped " + name;
    } else if (op == 3) {
      String name = List.of("extra.json", "assets/vocab.txt", "model.weights.npz", "a/../../x",
          "config.json/").get(random.nextInt(5));
      edited.put(name, new byte[] {'{', '}'});
      what = "added " + name;
    } else if (op == 4) {
      edited.put(KerasArchive.WEIGHTS, mutateHdf5(members.get(KerasArchive.WEIGHTS)));
      what = "model.weights.h5 (CRC updated): " + last;
    } else {
      String name = new ArrayList<>(members.keySet()).get(random.nextInt(members.size()));
      edited.put(name, mutateBytes(members.get(name), 0));
      what = name + " (CRC updated): " + last;
    }
    return write(id, Kind.MODEL, ".keras", zip(edited, random.nextBoolean()), "zip: " + what,
        false);
  }

  /** An HDF5 file's bytes damaged, mostly in its first 4 KB (superblock and headers). */
  private byte[] mutateHdf5(byte[] bytes) {
    return mutateBytes(bytes, random.nextInt(10) < 7 ? Math.min(4096, bytes.length) : 0);
  }

  /**
   * Flipped bits, a truncation or an overwritten range of {@code bytes}, within the first {@code
   * focus} bytes when positive; sets {@link #last}.
   */
  private byte[] mutateBytes(byte[] bytes, int focus) {
    int span = focus > 0 ? focus : bytes.length;
    int op = random.nextInt(10);
    if (op < 5) {
      byte[] out = bytes.clone();
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        out[random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
      }
      last = flips + " bit flips";
      return out;
    }
    if (op < 7) {
      int length = random.nextInt(bytes.length);
      last = "truncated to " + length + " of " + bytes.length;
      return Arrays.copyOf(bytes, length);
    }
    byte[] out = bytes.clone();
    int from = random.nextInt(span);
    int length = 1 + random.nextInt(Math.min(64, bytes.length - from));
    byte fill = (byte) List.of(0, 0xff, 0x7f, 0x80).get(random.nextInt(4)).intValue();
    Arrays.fill(out, from, from + length, fill);
    last = length + " bytes at " + from + " set to " + (fill & 0xff);
    return out;
  }

  /** A copy of a SavedModel with its graph, a constant's shape or its variables damaged. */
  private Case savedModelCase(int id) throws IOException {
    Path base = random.nextBoolean() ? savedModel : keras3SavedModel;
    Path copy = dir.resolve("case" + id);
    copyTree(base, copy);
    Path pb = copy.resolve("saved_model.pb");
    int op = random.nextInt(10);
    String what;
    if (op < 4) {
      Files.write(pb, mutateBytes(Files.readAllBytes(pb), 0));
      what = "saved_model.pb: " + last;
    } else if (op < 7) {
      what = editConstant(pb);
    } else {
      List<Path> variables;
      try (Stream<Path> files = Files.list(copy.resolve("variables"))) {
        variables = files.sorted().toList();
      }
      Path file = variables.get(random.nextInt(variables.size()));
      Files.write(file, mutateBytes(Files.readAllBytes(file), 0));
      what = "variables/" + file.getFileName() + ": " + last;
    }
    return new Case(id, Kind.SAVED_MODEL, copy, "", "SavedModel "
        + (base == savedModel ? "keras4j" : "tf.keras") + " " + what, false);
  }

  /** Gives one Const node of the graph a random, often huge, shape. */
  private String editConstant(Path pb) throws IOException {
    SavedModel.Builder proto = SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
    var graph = proto.getMetaGraphsBuilder(0).getGraphDefBuilder();
    List<Integer> constants = new ArrayList<>();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      if (graph.getNode(i).getOp().equals("Const")) {
        constants.add(i);
      }
    }
    if (constants.isEmpty()) {
      return "no constant to edit";
    }
    int index = constants.get(random.nextInt(constants.size()));
    NodeDef node = graph.getNode(index);
    var value = node.getAttrOrThrow("value");
    var shape = TensorShapeProto.newBuilder();
    long[] choices = {0, 1, 3, -1, 1L << 20, 1L << 31, 1L << 40};
    int rank = 1 + random.nextInt(3);
    List<Long> dims = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      long size = choices[random.nextInt(choices.length)];
      dims.add(size);
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(size));
    }
    graph.setNode(index, node.toBuilder().putAttr("value", value.toBuilder()
        .setTensor(value.getTensor().toBuilder().setTensorShape(shape)).build()));
    Files.write(pb, proto.build().toByteArray());
    return "constant '" + node.getName() + "' reshaped to " + dims;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private Case write(int id, Kind kind, String extension, byte[] bytes, String description,
      boolean corruptCrc) throws IOException {
    Path file = dir.resolve("case" + id + extension);
    Files.write(file, bytes);
    return new Case(id, kind, file, kind == Kind.WEIGHTS ? kerasFile.toString() : "", description,
        corruptCrc);
  }

  private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(archive))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        out.put(e.getName(), zip.readAllBytes());
      }
    }
    return out;
  }

  /** A zip of {@code members}, stored (with CRCs, as Keras writes) or deflated. */
  private static byte[] zip(Map<String, byte[]> members, boolean deflate) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> member : members.entrySet()) {
        ZipEntry entry = new ZipEntry(member.getKey());
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(member.getValue());
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(member.getValue().length);
          entry.setCompressedSize(member.getValue().length);
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(member.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Where each stored member's data lies in {@code zip}: name to {start, end}. */
  private static Map<String, long[]> storedDataRanges(byte[] zip) {
    Map<String, long[]> out = new LinkedHashMap<>();
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (at + 30 <= zip.length && buffer.getInt(at) == 0x04034b50) { // local file headers
      long size = buffer.getInt(at + 18) & 0xffffffffL;
      int nameLength = buffer.getShort(at + 26) & 0xffff;
      int extraLength = buffer.getShort(at + 28) & 0xffff;
      String name = new String(zip, at + 30, nameLength, StandardCharsets.UTF_8);
      int start = at + 30 + nameLength + extraLength;
      out.put(name, new long[] {start, start + size});
      at = (int) (start + size);
    }
    return out;
  }
}
