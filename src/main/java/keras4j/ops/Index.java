package keras4j.ops;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.index.Indices;

/**
 * The indices of NumPy's {@code x[...]} for {@link Ops#slice(keras4j.core.TensorLike,
 * org.tensorflow.ndarray.index.Index...)}, one per axis: {@code slice(x, all(), from(1),
 * newAxis())} is {@code x[:, 1:, None]}. Negative positions count from the end, as in Python.
 */
public final class Index {
  private Index() {}

  /**
   * {@code :}, the whole axis.
   *
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index all() {
    return Indices.all();
  }

  /**
   * {@code i}: the element at {@code i}, the axis dropped.
   *
   * @param i the position, negative counting from the end
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index at(long i) {
    return Indices.at(i);
  }

  /**
   * {@code start:}.
   *
   * @param start the first position, negative counting from the end
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index from(long start) {
    return Indices.sliceFrom(start);
  }

  /**
   * {@code :end}.
   *
   * @param end the position after the last, negative counting from the end
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index to(long end) {
    return Indices.sliceTo(end);
  }

  /**
   * {@code start:end}.
   *
   * @param start the first position, negative counting from the end
   * @param end the position after the last, negative counting from the end
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index range(long start, long end) {
    return Indices.slice(start, end);
  }

  /**
   * {@code start:end:step}; null for a bound left out ({@code ::-1} is {@code range(null, null,
   * -1)}).
   *
   * @param start the first position, or null for the axis's start (its end if {@code step < 0})
   * @param end the position after the last, or null for the axis's end (its start if {@code step <
   *     0})
   * @param step the stride, not 0; negative walks backwards
   * @return the index
   * @throws IllegalArgumentException if {@code step} is 0
   */
  public static org.tensorflow.ndarray.index.Index range(Long start, Long end, long step) {
    if (step == 0) {
      throw new IllegalArgumentException("A slice step cannot be zero");
    }
    return Indices.slice(start, end, step);
  }

  /**
   * {@code None} (NumPy's {@code np.newaxis}): a new axis of size 1 here.
   *
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index newAxis() {
    return Indices.newAxis();
  }

  /**
   * {@code ...}: as many whole axes as the other indices leave.
   *
   * @return the index
   */
  public static org.tensorflow.ndarray.index.Index ellipsis() {
    return Indices.ellipsis();
  }

  /**
   * The indices of a Python subscript, what goes between the brackets: {@code ":, 1:, None"},
   * {@code "..., 0"}, {@code "::-1"}, {@code "2:-1:2"}, {@code "np.newaxis"}.
   *
   * @param spec the subscript, comma-separated
   * @return the indices, in order
   * @throws IllegalArgumentException if a part is not an integer, a slice, None or ...
   */
  public static org.tensorflow.ndarray.index.Index[] parse(String spec) {
    List<org.tensorflow.ndarray.index.Index> out = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      String part = raw.strip();
      try {
        out.add(parsePart(part));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Cannot read '" + part + "' of the index \"" + spec
            + "\": each part is an integer, a slice (start:stop:step), None or ...", e);
      }
    }
    return out.toArray(org.tensorflow.ndarray.index.Index[]::new);
  }

  private static org.tensorflow.ndarray.index.Index parsePart(String part) {
    switch (part) {
      case "None", "np.newaxis", "newaxis" -> {
        return newAxis();
      }
      case "...", "Ellipsis" -> {
        return ellipsis();
      }
      default -> {
        if (!part.contains(":")) {
          return at(Long.parseLong(part));
        }
        String[] bounds = part.split(":", -1);
        if (bounds.length > 3) {
          throw new NumberFormatException(part);
        }
        Long start = bound(bounds[0]);
        Long end = bound(bounds[1]);
        Long step = bounds.length == 3 ? bound(bounds[2]) : null;
        return range(start, end, step == null ? 1 : step);
      }
    }
  }

  private static Long bound(String text) {
    return text.isBlank() ? null : Long.valueOf(text.strip());
  }
}
