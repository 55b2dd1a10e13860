package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** The saving tests' fixture files (src/test/resources/keras4j/saving) and CSV helpers. */
final class Fixtures {
  private Fixtures() {}

  /** A fixture file or directory, by its path under keras4j/saving/. */
  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/keras4j/saving/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture keras4j/saving/" + name, e);
    }
  }

  /** A CSV of floats (one row per sample, no header), as written by numpy's savetxt. */
  static float[][] csv(String name) {
    try {
      List<String> lines = Files.readAllLines(path(name)).stream()
          .filter(l -> !l.isBlank()).toList();
      float[][] out = new float[lines.size()][];
      for (int i = 0; i < out.length; i++) {
        String[] cells = lines.get(i).split(",");
        out[i] = new float[cells.length];
        for (int j = 0; j < cells.length; j++) {
          out[i][j] = Float.parseFloat(cells[j].trim());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CSV rows reshaped to (rows, dims...): images are stored flattened in NHWC order. */
  static FloatNdArray images(String name, long... sampleDims) {
    float[][] rows = csv(name);
    FloatNdArray out = NdArrays.ofFloats(Shape.of(rows.length).append(Shape.of(sampleDims)));
    float[] flat = new float[(int) out.shape().size()];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
    }
    out.copyFrom(DataBuffers.of(flat, false, false));
    return out;
  }

  /** Asserts every value is within {@code tolerance} (absolute) of the expected CSV. */
  static void assertClose(float[][] expected, FloatNdArray actual, double tolerance) {
    float[][] got = StdArrays.array2dCopyOf(actual);
    assertEquals(expected.length, got.length, "rows");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, got[i].length, "columns");
      for (int j = 0; j < expected[i].length; j++) {
        worst = Math.max(worst, Math.abs(expected[i][j] - got[i][j]));
      }
    }
    if (worst > tolerance) {
      throw new AssertionError("max |difference| " + worst + " > " + tolerance
          + "\nexpected " + java.util.Arrays.deepToString(expected)
          + "\nactual   " + java.util.Arrays.deepToString(got));
    }
  }
}
