package keras4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keras4j.models.Model;
import org.apache.hadoop.conf.Configuration;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Models as bytes, the form in which they travel to executors and into stage directories. */
final class ModelBytes {
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
