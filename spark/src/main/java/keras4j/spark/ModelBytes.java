package keras4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keras4j.models.Model;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Models as bytes, the form in which they travel to executors and into stage directories. */
final class ModelBytes {
  /** The folder of a stage directory that holds the model file. */
  private static final String STAGE_MODEL_DIR = "model";

  private ModelBytes() {}

  /** The bytes of {@code model} saved as {@code .keras} (architecture, weights, compile). */
  static byte[] of(Model model) {
    Path dir = null;
    Path file = null;
    try {
      dir = Files.createTempDirectory("keras4j-spark-");
      file = dir.resolve("model.keras");
      model.save(file);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to a temporary file", e);
    } finally {
      deleteQuietly(file);
      deleteQuietly(dir);
    }
  }

  /** A model loaded from a {@code .keras} or {@code .h5} file's bytes. */
  static Model load(byte[] bytes) {
    Path file = null;
    try {
      file = Files.createTempFile("keras4j-spark-", ".model");
      Files.write(file, bytes);
      return Model.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model to a temporary file", e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** A file's bytes, through Hadoop's file systems (local, hdfs://, s3a://, ...). */
  static byte[] read(org.apache.hadoop.fs.Path path, Configuration conf) {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model file " + path, e);
    }
  }

  /**
   * Writes a model file into a saved stage's directory, as {@code model/model.keras} (or {@code
   * model.h5} for an HDF5 file), beside Spark ML's metadata.
   */
  static void writeToStage(String stageDir, byte[] bytes, Configuration conf) {
    boolean zip = bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K';
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
        new org.apache.hadoop.fs.Path(stageDir, STAGE_MODEL_DIR), zip ? "model.keras" : "model.h5");
    try (OutputStream out = file.getFileSystem(conf).create(file, true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the model file " + file, e);
    }
  }

  /** The model file {@link #writeToStage} wrote into a stage's directory. */
  static byte[] readFromStage(String stageDir, Configuration conf) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(stageDir, STAGE_MODEL_DIR);
    FileStatus[] files;
    try {
      files = dir.getFileSystem(conf).listStatus(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model of stage directory " + stageDir, e);
    }
    if (files.length != 1) {
      throw new IllegalArgumentException("stage directory " + stageDir + " should hold one model"
          + " file in " + STAGE_MODEL_DIR + "/, found " + files.length);
    }
    return read(files[0].getPath(), conf);
  }

  /** The weights as flat arrays, row-major, with {@link #shapes}: a serializable form. */
  static List<float[]> flatten(List<FloatNdArray> weights) {
    List<float[]> flat = new ArrayList<>(weights.size());
    for (FloatNdArray weight : weights) {
      float[] values = new float[Math.toIntExact(weight.size())];
      weight.copyTo(DataBuffers.of(values, false, false));
      flat.add(values);
    }
    return flat;
  }

  /** The shapes of {@code weights}, as {@link #unflatten} takes them. */
  static List<long[]> shapes(List<FloatNdArray> weights) {
    return weights.stream().map(weight -> weight.shape().asArray()).toList();
  }

  /** The weights {@link #flatten} made, back in their shapes. */
  static List<FloatNdArray> unflatten(List<float[]> flat, List<long[]> shapes) {
    List<FloatNdArray> weights = new ArrayList<>(flat.size());
    for (int i = 0; i < flat.size(); i++) {
      weights.add(NdArrays.wrap(Shape.of(shapes.get(i)), DataBuffers.of(flat.get(i), true, false)));
    }
    return weights;
  }

  private static void deleteQuietly(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // A temporary file left behind is harmless; the model is already in memory.
      }
    }
  }
}
