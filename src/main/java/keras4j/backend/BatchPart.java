package keras4j.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.tensorflow.ndarray.Shape;

/**
 * One part of a dataset's element (its inputs, labels or sample weights) as Keras's nested
 * structures: one array, a list of arrays in the model's order, or a map of arrays by input or
 * output name. The model's names are matched when the element is fed, as {@code fit} matches
 * arrays; until then a part only keeps its structure through batching and unbatching.
 */
public final class BatchPart {
  // A HostRows, a List<HostRows> or a Map<String, HostRows> (in the user's order).
  private final Object structure;

  private BatchPart(Object structure) {
    this.structure = structure;
  }

  /**
   * The part {@code data}: an array ({@code convert} makes its rows, {@code what} naming it in
   * errors), a {@code List} of arrays, or a {@code Map} of arrays by name.
   */
  public static BatchPart of(Object data, String what, BiFunction<Object, String, HostRows> convert) {
    if (data instanceof Map<?, ?> map) {
      Map<String, HostRows> rows = new LinkedHashMap<>();
      map.forEach((key, value) -> {
        if (!(key instanceof String name)) {
          throw new IllegalArgumentException(what + " is a map whose key " + key + " is not a"
              + " String: key the arrays by the model's input or output names");
        }
        rows.put(name, convert.apply(value, what + "['" + name + "']"));
      });
      return checked(new BatchPart(rows), what);
    }
    if (data instanceof List<?> list) {
      List<HostRows> rows = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        rows.add(convert.apply(list.get(i), what + "[" + i + "]"));
      }
      return checked(new BatchPart(rows), what);
    }
    return new BatchPart(convert.apply(data, what));
  }

  private static BatchPart checked(BatchPart part, String what) {
    List<HostRows> all = part.all();
    if (all.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty: give at least one array");
    }
    for (HostRows rows : all) {
      if (rows.batched() != all.get(0).batched() || rows.samples() != all.get(0).samples()) {
        throw new IllegalArgumentException(what + " holds arrays of different numbers of"
            + " samples (" + all.stream().map(r -> String.valueOf(r.samples()))
            .collect(Collectors.joining(", ")) + "): give each array the same samples");
      }
    }
    return part;
  }

  /**
   * The arrays as Keras's structures: a {@code HostRows}, a {@code List<HostRows>} or a {@code
   * Map<String, HostRows>}, for matching against the model's names.
   */
  public Object structure() {
    return structure;
  }

  /** Whether this part is one array rather than a list or a map. */
  public boolean single() {
    return structure instanceof HostRows;
  }

  /** Its one array. */
  public HostRows rows() {
    if (!single()) {
      throw new IllegalStateException("This part holds " + kind() + ": ask for one array by"
          + " its index");
    }
    return (HostRows) structure;
  }

  /** Its arrays, in the user's order. */
  @SuppressWarnings("unchecked")
  public List<HostRows> all() {
    if (structure instanceof HostRows rows) {
      return List.of(rows);
    }
    return structure instanceof List<?> list ? (List<HostRows>) list
        : List.copyOf(((Map<String, HostRows>) structure).values());
  }

  /** The number of samples (1 for a sample without a batch axis). */
  public int samples() {
    return all().get(0).samples();
  }

  /** Whether the arrays have a batch axis. */
  public boolean batched() {
    return all().get(0).batched();
  }

  /** The same structure with each array mapped by {@code f}. */
  @SuppressWarnings("unchecked")
  public BatchPart map(UnaryOperator<HostRows> f) {
    if (structure instanceof HostRows rows) {
      return new BatchPart(f.apply(rows));
    }
    if (structure instanceof List<?> list) {
      return new BatchPart(((List<HostRows>) list).stream().map(f).toList());
    }
    Map<String, HostRows> mapped = new LinkedHashMap<>();
    ((Map<String, HostRows>) structure).forEach((name, rows) -> mapped.put(name, f.apply(rows)));
    return new BatchPart(mapped);
  }

  /**
   * The parts of several elements stacked along a new batch axis, array by array; {@code what}
   * names the part in errors ("x", "y", "sampleWeight").
   *
   * @throws IllegalArgumentException if the elements' structures differ
   */
  public static BatchPart stack(BatchPart[] parts, String what) {
    BatchPart first = parts[0];
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].sameStructure(first)) {
        throw new IllegalArgumentException("Cannot batch elements whose " + what + " differ in"
            + " structure: element 0 has " + first.kind() + " but element " + i + " has "
            + parts[i].kind() + ": give every element the same arrays");
      }
    }
    // Maps are stacked by name: elements may list the same keys in another order.
    List<String> keys = first.structure instanceof Map<?, ?> map
        ? map.keySet().stream().map(String.class::cast).toList() : null;
    List<HostRows> columns = new ArrayList<>();
    int count = first.all().size();
    for (int a = 0; a < count; a++) {
      HostRows[] column = new HostRows[parts.length];
      for (int i = 0; i < parts.length; i++) {
        column[i] = keys == null ? parts[i].all().get(a)
            : (HostRows) ((Map<?, ?>) parts[i].structure).get(keys.get(a));
      }
      columns.add(HostRows.stack(column, what));
    }
    int[] next = {0};
    return first.map(rows -> columns.get(next[0]++));
  }

  private boolean sameStructure(BatchPart other) {
    if (single() || other.single()) {
      return single() == other.single();
    }
    if (structure instanceof Map<?, ?> map) {
      return other.structure instanceof Map<?, ?> otherMap
          && map.keySet().equals(otherMap.keySet());
    }
    return other.structure instanceof List<?> && all().size() == other.all().size();
  }

  /** What this part holds, for errors: "one array", "a list of 2 arrays", "a map of ['a', 'b']". */
  public String kind() {
    if (structure instanceof Map<?, ?> map) {
      return "a map of " + map.keySet().stream().map(k -> "'" + k + "'")
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return single() ? "one array" : "a list of " + all().size() + " arrays";
  }

  /**
   * The shapes, each written by {@code shapeText}: {@code (32, 784)}, {@code [(32, 4), (32,
   * 2)]} for a list, {@code {'a': (32, 4)}} for a map.
   */
  @SuppressWarnings("unchecked")
  public String describe(Function<Shape, String> shapeText) {
    if (structure instanceof HostRows rows) {
      return shapeText.apply(rows.shape());
    }
    if (structure instanceof List<?>) {
      return all().stream().map(r -> shapeText.apply(r.shape()))
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return ((Map<String, HostRows>) structure).entrySet().stream()
        .map(e -> "'" + e.getKey() + "': " + shapeText.apply(e.getValue().shape()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
