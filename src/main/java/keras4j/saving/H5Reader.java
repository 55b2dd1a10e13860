package keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Reading Keras's HDF5 files with jhdf: checked datasets, string attributes, clear errors. */
final class H5Reader {
  private H5Reader() {}

  /** Opens in-memory HDF5 bytes; {@code what} names the file in errors. */
  static HdfFile open(byte[] bytes, String what) {
    return read(what, () -> HdfFile.fromBytes(bytes));
  }

  /** Opens an HDF5 file on disk. */
  static HdfFile open(java.nio.file.Path path) {
    return read(path.toString(), () -> new HdfFile(path));
  }

  /**
   * Runs {@code read} over an open HDF5 file. jhdf reads lazily, so damage anywhere in the file
   * surfaces as jhdf's exceptions from whichever call first touches it; those become a clear
   * error naming {@code what} (and, in jhdf's message, the group or address). Other exceptions
   * pass unchanged.
   */
  static <T> T read(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw thrownByJhdf(e) ? corrupt(what, e) : e;
    }
  }

  /** Whether jhdf threw {@code e}, itself or from the JDK code it called. */
  private static boolean thrownByJhdf(RuntimeException e) {
    if (e instanceof HdfException) {
      return true;
    }
    for (StackTraceElement frame : e.getStackTrace()) {
      String cls = frame.getClassName();
      if (!cls.startsWith("java.") && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
        return cls.startsWith("io.jhdf.");
      }
    }
    return false;
  }

  static IllegalArgumentException corrupt(String what, Exception cause) {
    return new IllegalArgumentException(
        what + " is not a readable HDF5 file (truncated or corrupt): " + cause.getMessage(), cause);
  }

  /** The child group {@code name} of {@code group}, or null. */
  static Group childGroup(Group group, String name) {
    Node node = group.getChildren().get(name);
    return node instanceof Group g ? g : null;
  }

  /** A string or string-list attribute as a list (fixed-length bytes or UTF-8), empty if absent. */
  static List<String> strings(Node node, String attribute) {
    Attribute attr = node.getAttribute(attribute);
    List<String> out = new ArrayList<>();
    if (attr == null || attr.isEmpty()) {
      return out;
    }
    Object data = attr.getData();
    if (data instanceof String s) {
      out.add(s);
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        Object item = Array.get(data, i);
        if (item instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** A string attribute, or null. */
  static String string(Node node, String attribute) {
    List<String> values = strings(node, attribute);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Reads {@code dataset} as the value of {@code variable} of {@code owner} (e.g. "Layer 'dense'"),
   * after checking the shapes agree (the
   * size is checked before any data is read, so a hostile file cannot make us allocate much).
   */
  static FloatNdArray valueFor(Dataset dataset, Variable variable, String owner) {
    Shape expected = variable.shape();
    Shape actual = Shape.of(Arrays.stream(dataset.getDimensions()).asLongStream().toArray());
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(owner + ": weight "
          + variable.name() + " has shape " + Shapes.toKeras(expected) + " but the file's "
          + dataset.getPath() + " has shape " + Shapes.toKeras(actual));
    }
    FloatNdArray value = NdArrays.ofFloats(expected);
    value.copyFrom(DataBuffers.of(floats(dataset), false, false));
    return value;
  }

  /** A numeric dataset as floats (float32, float64 or integer data). */
  static float[] floats(Dataset dataset) {
    Object data = read(dataset.getPath(),
        () -> dataset.isScalar() ? dataset.getData() : dataset.getDataFlat());
    if (data instanceof float[] f) {
      return f;
    }
    if (data instanceof Number n) {
      return new float[] {n.floatValue()};
    }
    if (data instanceof double[] || data instanceof int[] || data instanceof long[]
        || data instanceof short[] || data instanceof byte[]) {
      float[] out = new float[Array.getLength(data)];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Number) Array.get(data, i)).floatValue();
      }
      return out;
    }
    throw new IllegalArgumentException(dataset.getPath() + " holds " + dataset.getJavaType()
        + " data, not numbers");
  }

  /** A scalar numeric dataset. */
  static double scalar(Dataset dataset) {
    float[] values = floats(dataset);
    if (values.length != 1) {
      throw new IllegalArgumentException(dataset.getPath() + " should be a scalar but holds "
          + values.length + " values");
    }
    Object data = dataset.getData();
    return data instanceof Number n ? n.doubleValue() : values[0];
  }
}
