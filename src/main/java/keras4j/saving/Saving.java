package keras4j.saving;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.models.Model;

/**
 * Saving and loading models, Keras's {@code keras.saving}: {@link #saveModel} / {@link #loadModel}
 * for the Keras 3 {@code .keras} format (and legacy Keras 2 {@code .h5} files on load), {@link
 * #saveWeights} / {@link #loadWeights} for {@code .weights.h5}, {@link #export} for a TensorFlow
 * SavedModel. {@code Model.save}, {@code Model.load} and friends call these.
 *
 * <p>Files are recognized by their first bytes, not their extension (a zip is a {@code .keras}
 * archive, an HDF5 file a legacy model or a weights file). Every write is atomic. Loading never
 * runs code from the file: only the layer classes keras4j has are accepted.
 */
public final class Saving {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  /** The Keras version whose format keras4j writes. */
  static final String KERAS_FORMAT_VERSION = "3.9.2";

  private Saving() {}

  /** Saves {@code model} to {@code path} in Keras 3's {@code .keras} format, atomically. */
  public static void saveModel(Model model, Path path) {
    if (!path.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException("The .keras format needs a file name ending in .keras"
          + " (Keras refuses others), got " + path);
    }
    model.getWeights(); // traces the model, so every layer is built
    Map<String, Object> config = ModelConfigs.toConfig(model);
    Map<String, Object> compile = CompileConfigs.toConfig(model);
    if (compile != null) {
      config.put("compile_config", compile);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("keras_version", KERAS_FORMAT_VERSION);
    metadata.put("date_saved",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    metadata.put("saved_by", "keras4j");
    H5Writer weights = new H5Writer();
    KerasWeights.write(model, weights);
    AtomicFiles.write(path, temp -> {
      Path h5 = AtomicFiles.sibling(temp, "h5");
      try {
        weights.write(h5);
        KerasArchive.write(temp, Json.write(metadata), Json.write(config), h5);
      } finally {
        Files.deleteIfExists(h5);
      }
    });
  }

  /**
   * Loads a model from a Keras 3 {@code .keras} archive or a legacy Keras 2 full-model {@code
   * .h5} file, compiled again when the file records how (an optimizer, loss or metric keras4j
   * lacks leaves it uncompiled, with a warning).
   */
  public static Model loadModel(Path path) {
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(path + " is a directory; a TensorFlow SavedModel is not"
          + " a Keras model. Run it with new keras4j.saving.SavedModelPredictor(path)");
    }
    switch (sniff(path)) {
      case ZIP -> {
        try (KerasArchive archive = KerasArchive.open(path)) {
          Map<String, Object> config =
              Json.parseObject(archive.text(KerasArchive.CONFIG), path + " config.json");
          Model model = ModelConfigs.fromConfig(config);
          try {
            readArchiveWeights(model, archive, config, path);
          } catch (RuntimeException e) {
            model.close(); // frees its native graph: a refused file leaks nothing
            throw e;
          }
          return model;
        }
      }
      case HDF5 -> {
        try (HdfFile h5 = H5Reader.open(path)) {
          return H5Reader.read(path.toString(), () -> {
            if (!LegacyH5.isFullModel(h5)) {
              throw new IllegalArgumentException(path + " holds weights only (no model config):"
                  + " build the model in code and call model.loadWeights(path)");
            }
            return LegacyH5.load(h5, path.toString());
          });
        }
      }
      default -> throw unknown(path);
    }
  }

  /**
   * Reads the archive's weights into {@code model} (compiling it first when {@code config} has a
   * compile_config, so the optimizer state loads too), inflating no more than the model needs.
   */
  private static void readArchiveWeights(Model model, KerasArchive archive,
      Map<String, Object> config, Path path) {
    try (HdfFile h5 = H5Reader.open(archive.weights(weightsBudget(model)),
        path + " model.weights.h5")) {
      if (config != null && config.get("compile_config") instanceof Map<?, ?>) {
        CompileConfigs.compile(model, LayerConfigs.map(config.get("compile_config"),
            "compile_config"));
      }
      H5Reader.read(path + " model.weights.h5", () -> {
        KerasWeights.read(model, h5, path.toString());
        return null;
      });
    }
  }

  /**
   * The most bytes {@code model}'s {@code model.weights.h5} can take: every weight as float64
   * (keras4j writes float32), times four for up to three optimizer slots per weight (Adam with
   * amsgrad), plus HDF5's headers per dataset and for the file. A weights member past this is
   * not the model's, so a zip bomb is cut off at the model's own size.
   */
  static long weightsBudget(Model model) {
    long datasets = 4L * model.variables().size() + 8;
    long values = Math.min(model.countParams(), KerasArchive.MAX_WEIGHTS_BYTES); // no overflow
    return 4 * Double.BYTES * values + datasets * (16L << 10) + (1L << 20);
  }

  /** Saves {@code model}'s weights and optimizer state as a Keras 3 {@code .weights.h5}. */
  public static void saveWeights(Model model, Path path) {
    if (!path.getFileName().toString().endsWith(".weights.h5")) {
      throw new IllegalArgumentException("Weights files must end in .weights.h5 (as Keras"
          + " requires), got " + path);
    }
    model.getWeights();
    H5Writer weights = new H5Writer();
    KerasWeights.write(model, weights);
    AtomicFiles.write(path, weights::write);
  }

  /**
   * Loads weights (and, for a compiled model, optimizer state) into {@code model} from a Keras 3
   * {@code .weights.h5}, the weights of a {@code .keras} archive, or a legacy Keras 2 {@code .h5}.
   * Nothing is changed unless every weight fits.
   */
  public static void loadWeights(Model model, Path path) {
    model.getWeights();
    switch (sniff(path)) {
      case ZIP -> {
        try (KerasArchive archive = KerasArchive.open(path)) {
          readArchiveWeights(model, archive, null, path);
        }
      }
      case HDF5 -> {
        try (HdfFile h5 = H5Reader.open(path)) {
          H5Reader.read(path.toString(), () -> {
            if (LegacyH5.isLegacyWeights(h5)) {
              LegacyH5.readWeights(model, h5, path.toString());
            } else {
              KerasWeights.read(model, h5, path.toString());
            }
            return null;
          });
        }
      }
      default -> throw unknown(path);
    }
  }

  /**
   * Exports {@code model}'s inference graph as a TensorFlow SavedModel in {@code dir} (which must
   * not exist yet, or be empty), with a {@code serving_default} signature.
   */
  public static void export(Model model, Path dir) {
    SavedModels.export(model, dir);
  }

  private enum Kind { ZIP, HDF5, OTHER }

  private static Kind sniff(Path path) {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
    }
    if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_MAGIC)) {
      return Kind.ZIP;
    }
    if (n == 8 && Arrays.equals(head, HDF5_MAGIC)) {
      return Kind.HDF5;
    }
    return Kind.OTHER;
  }

  private static IllegalArgumentException unknown(Path path) {
    return new IllegalArgumentException(path + " is neither a Keras .keras archive (zip) nor an"
        + " HDF5 file (.h5 / .weights.h5); it may be truncated or of another format");
  }
}
