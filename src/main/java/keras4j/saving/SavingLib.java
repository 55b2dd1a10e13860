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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.KerasTensor;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code saving_lib}, generic over {@link KerasSaveable}: the Keras 3 {@code .keras} zip
 * ({@code metadata.json}, {@code config.json}, {@code model.weights.h5}), {@code .weights.h5}
 * files, legacy Keras 2 {@code .h5} files on load, and TensorFlow SavedModel export. It knows no
 * concrete layer or model: {@code keras4j.models} gives it the model's config to write, and a
 * factory building a model from a config on load.
 *
 * <p>Files are recognized by their first bytes, not their extension (a zip is a {@code .keras}
 * archive, an HDF5 file a legacy model or a weights file). Every write is atomic. Loading never
 * runs code from the file: a config can only name built-in or registered classes (see {@link
 * ObjectRegistration}).
 */
public final class SavingLib {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  /** The Keras version whose format keras4j writes. */
  static final String KERAS_FORMAT_VERSION = "3.9.2";

  private SavingLib() {}

  /**
   * Saves {@code model} to {@code path} in Keras 3's {@code .keras} format, atomically: {@code
   * config} (the model's serialized entry, with its {@code compile_config}) as {@code config.json}
   * and the state of {@code model} and its children as {@code model.weights.h5}.
   *
   * @param path the {@code .keras} file to write (replaced if it exists)
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @param model the model whose state is saved or loaded
   */
  public static void saveModel(Path path, Map<String, Object> config, KerasSaveable model) {
    if (!path.getFileName().toString().endsWith(".keras")) {
      throw new IllegalArgumentException("The .keras format needs a file name ending in .keras"
          + " (Keras refuses others), got " + path);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("keras_version", KERAS_FORMAT_VERSION);
    metadata.put("date_saved",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    metadata.put("saved_by", "keras4j");
    H5Writer weights = new H5Writer();
    SaveableWalk.save(model, weights);
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
   * Saves {@code model} to {@code path} in the legacy HDF5 format ({@code model.save("m.h5")}),
   * atomically: {@code modelConfig} (the model's {@code {"class_name", "config"}}), {@code
   * trainingConfig} when compiled, and the weights, one group per layer. Optimizer state is not
   * written (Keras's legacy loader cannot train on from it; see {@code LegacyH5.write}).
   *
   * @param path where the file goes
   * @param modelConfig the model's class name and config, as the file's {@code model_config}
   * @param trainingConfig Keras's legacy {@code training_config} (the compile arguments, the
   *     optimizer as {@code optimizer_config}), or null for an uncompiled model
   * @param model the model whose layers' weights are written
   */
  public static void saveLegacyModel(Path path, Map<String, Object> modelConfig,
      Map<String, Object> trainingConfig, KerasSaveable model) {
    H5Writer file = LegacyH5.write(Json.write(modelConfig),
        trainingConfig == null ? null : Json.write(trainingConfig), model, KERAS_FORMAT_VERSION);
    AtomicFiles.write(path, file::write);
  }

  /**
   * Loads a model from a Keras 3 {@code .keras} archive or a legacy Keras 2 full-model {@code
   * .h5} file: {@code fromConfig} builds it from the model's entry and its compile config (null
   * when the file has none; Keras 2's {@code training_config} for a legacy file), after giving the
   * layers the archive's assets ({@link KerasSaveable#loadAssets}), then its weights
   * and optimizer state are read into it. A model that is {@link AutoCloseable} is closed when its
   * weights do not load.
   *
   * @param <T> the model type
   * @param path the {@code .keras} or {@code .h5} file to read
   * @param fromConfig builds the model from its entry and compile config
   * @return the model with its weights loaded
   */
  public static <T extends KerasSaveable> T loadModel(
      Path path, ModelFactory<T> fromConfig) {
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(path + " is a directory; a TensorFlow SavedModel is not"
          + " a Keras model. Run it with new keras4j.saving.SavedModelPredictor(path)");
    }
    switch (sniff(path)) {
      case ZIP -> {
        try (KerasArchive archive = KerasArchive.open(path)) {
          ConfigReader config = ConfigReader.of(
              Json.parseObject(archive.text(KerasArchive.CONFIG), path + " config.json"), "");
          T model = fromConfig.create(config, config.optionalObject("compile_config"),
              m -> SaveableWalk.loadAssets(m, archive::asset));
          closingOnFailure(model, () -> readArchiveWeights(model, archive, path));
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
            return LegacyH5.load(h5, path.toString(),
                (entry, compile) -> fromConfig.create(entry, compile, m -> { }));
          });
        }
      }
      default -> throw unknown(path);
    }
  }

  /**
   * Reads the archive's weights into {@code model}, inflating no more than its variables need
   * ({@link #weightsBudget}).
   */
  private static void readArchiveWeights(KerasSaveable model, KerasArchive archive, Path path) {
    String what = path + " model.weights.h5";
    try (HdfFile h5 = H5Reader.open(archive.weights(weightsBudget(model)), what)) {
      H5Reader.read(what, () -> {
        SaveableWalk.load(model, h5, path.toString());
        return null;
      });
    }
  }

  /**
   * The most bytes {@code model}'s {@code model.weights.h5} can take: every value it saves as
   * float64 (keras4j writes float32), times four for up to three optimizer slots per weight that
   * an optimizer not yet built does not count (Adam with amsgrad), plus HDF5's headers per dataset
   * and for the file. A weights member past this is not the model's, so a zip bomb is cut off at
   * the model's own size.
   */
  static long weightsBudget(KerasSaveable model) {
    H5WeightWriter counted = SaveableWalk.count(model);
    long values = Math.min(counted.elements(), KerasArchive.MAX_WEIGHTS_BYTES); // no overflow
    long datasets = 4L * counted.size() + 8;
    return 4 * Double.BYTES * values + datasets * (16L << 10) + (1L << 20);
  }

  /** Runs {@code load}; if it fails, closes {@code model} (if closeable) so nothing leaks. */
  static void closingOnFailure(Object model, Runnable load) {
    try {
      load.run();
    } catch (RuntimeException e) {
      if (model instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Saves the state of {@code model} and its children as a Keras 3 {@code .weights.h5}.
   *
   * @param model the model whose state is saved or loaded
   * @param path the file to write or read
   */
  public static void saveWeights(KerasSaveable model, Path path) {
    if (!path.getFileName().toString().endsWith(".weights.h5")) {
      throw new IllegalArgumentException("Weights files must end in .weights.h5 (as Keras"
          + " requires), got " + path);
    }
    H5Writer weights = new H5Writer();
    SaveableWalk.save(model, weights);
    AtomicFiles.write(path, weights::write);
  }

  /**
   * Loads the state of {@code model} and its children from a Keras 3 {@code .weights.h5}, the
   * weights of a {@code .keras} archive, or a legacy Keras 2 {@code .h5}. Nothing is changed
   * unless every weight fits.
   *
   * @param model the model whose state is saved or loaded
   * @param path the file to write or read
   */
  public static void loadWeights(KerasSaveable model, Path path) {
    switch (sniff(path)) {
      case ZIP -> {
        try (KerasArchive archive = KerasArchive.open(path)) {
          readArchiveWeights(model, archive, path);
        }
      }
      case HDF5 -> {
        try (HdfFile h5 = H5Reader.open(path)) {
          H5Reader.read(path.toString(), () -> {
            if (LegacyH5.isLegacyWeights(h5)) {
              LegacyH5.readWeights(model, h5, path.toString());
            } else {
              SaveableWalk.load(model, h5, path.toString());
            }
            return null;
          });
        }
      }
      default -> throw unknown(path);
    }
  }

  /**
   * Exports the inference graph {@code forward} computes from float32 inputs of {@code
   * inputShapes} (batch first), named {@code inputNames}, to outputs named {@code outputNames},
   * as a TensorFlow SavedModel in {@code dir} (which must not exist yet, or be empty), with a
   * {@code serving_default} signature. The variables {@code forward} reads must not be live in
   * another graph.
   *
   * @param dir the SavedModel directory to create
   * @param inputShapes the inputs' shapes, batch first (-1 for any batch size)
   * @param inputNames the signature's input names, one per input
   * @param outputNames the signature's output names, one per output, all different
   * @param forward computes the model's outputs from its inputs
   */
  public static void export(Path dir, List<Shape> inputShapes, List<String> inputNames,
      List<String> outputNames, Function<List<KerasTensor>, List<KerasTensor>> forward) {
    SavedModels.export(dir, inputShapes, inputNames, outputNames, forward);
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
