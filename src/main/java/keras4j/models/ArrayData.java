package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import keras4j.backend.HostArray;

/**
 * A model's data as arrays on the heap, as Keras's {@code ArrayDataAdapter}: one array per input
 * ({@code x}) and, for fit and evaluate, one per output ({@code y}), checked to hold as many
 * samples each.
 *
 * <p>For a model of one input (output), x (y) is one array; for several, a list in the model's
 * order or a map by input (output) name. Each array is a Java array or a TF Java NdArray.
 */
final class ArrayData {
  private final List<HostArray> x;
  private final List<HostArray> y;
  private final List<String> xNames;
  private final List<String> yNames;

  private ArrayData(List<HostArray> x, List<HostArray> y, List<String> xNames,
      List<String> yNames) {
    this.x = List.copyOf(x);
    this.y = List.copyOf(y);
    this.xNames = xNames;
    this.yNames = yNames;
  }

  /**
   * The inputs {@code xData} and labels {@code yData} (null for predict) of {@code model};
   * {@code what} prefixes the names in errors ("" or "validation ").
   */
  static ArrayData of(Model model, Object xData, Object yData, String what) {
    List<String> inputs = model.dataInputNames();
    List<HostArray> x = arrays(model, xData, inputs, what + "x", "input");
    List<HostArray> y = List.of();
    List<String> outputs = model.dataOutputNames();
    if (yData != null) {
      y = arrays(model, yData, outputs, what + "y", "output");
    }
    ArrayData data = new ArrayData(x, y, inputs, outputs);
    data.checkCardinality(what);
    return data;
  }

  private static List<HostArray> arrays(
      Model model, Object data, List<String> names, String what, String kind) {
    int count = names.size();
    if (data instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!names.contains(key)) {
          throw new IllegalArgumentException(what + " has an entry '" + key + "', which is not an "
              + kind + " of model '" + model.name() + "'; its " + kind + "s are " + names);
        }
      }
      List<HostArray> out = new ArrayList<>();
      for (String name : names) {
        if (!map.containsKey(name)) {
          throw new IllegalArgumentException("Missing data for " + kind + " '" + name + "' of"
              + " model '" + model.name() + "': " + what + " has the keys " + map.keySet()
              + " but the model's " + kind + "s are " + names);
        }
        out.add(HostArray.of(map.get(name), what + "['" + name + "']"));
      }
      return out;
    }
    if (data instanceof List<?> list) {
      if (list.size() != count) {
        // Java's List.of(array) of a single float[][] is a list of its rows.
        String rows = list.size() > count && list.get(0) != null && list.get(0).getClass().isArray()
            ? " (List.of(array) of one array lists its rows: write List.of((Object) array))" : "";
        throw new IllegalArgumentException("Model '" + model.name() + "' has " + count + " "
            + kind + (count == 1 ? " " : "s ") + names + " but " + what + " is a list of "
            + list.size() + " arrays: pass one array per " + kind + ", in this order" + rows);
      }
      return IntStream.range(0, count).mapToObj(i -> HostArray.of(list.get(i),
          count == 1 ? what : what + "['" + names.get(i) + "']")).toList();
    }
    if (count != 1) {
      throw new IllegalArgumentException("Model '" + model.name() + "' has " + count + " " + kind
          + "s " + names + " but " + what + " is one array: pass a list of " + count
          + " arrays in this order, or a map by " + kind + " name");
    }
    return List.of(HostArray.of(data, what));
  }

  /** As Keras: every array holds the same number of samples, and there is at least one. */
  private void checkCardinality(String what) {
    List<HostArray> all = all();
    if (all.stream().allMatch(a -> a.samples() == all.get(0).samples())) {
      if (samples() == 0 && !y.isEmpty()) {
        throw new IllegalArgumentException(
            what + "x is empty: there is nothing to train or evaluate on");
      }
      return;
    }
    if (x.size() == 1 && y.size() == 1) {
      throw new IllegalArgumentException(what + "x has " + x.get(0).samples() + " samples but "
          + what + "y has " + y.get(0).samples() + "; they must have one label per sample");
    }
    throw new IllegalArgumentException("Data cardinality is ambiguous: make sure all arrays"
        + " contain the same number of samples. " + what + "x sizes: " + sizes(x, xNames)
        + (y.isEmpty() ? "" : "; " + what + "y sizes: " + sizes(y, yNames)));
  }

  private static String sizes(List<HostArray> arrays, List<String> names) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      out.add(names.get(i) + "=" + arrays.get(i).samples());
    }
    return String.join(", ", out);
  }

  /** The input arrays, in the model's input order. */
  List<HostArray> x() {
    return x;
  }

  /** The label arrays, in the model's output order (empty for predict). */
  List<HostArray> y() {
    return y;
  }

  /** Every array, inputs then labels, as the steps take them. */
  List<HostArray> all() {
    List<HostArray> all = new ArrayList<>(x);
    all.addAll(y);
    return all;
  }

  /** The number of samples. */
  int samples() {
    return x.get(0).samples();
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive) of every array. */
  ArrayData slice(int from, int to) {
    return new ArrayData(x.stream().map(a -> a.slice(from, to)).toList(),
        y.stream().map(a -> a.slice(from, to)).toList(), xNames, yNames);
  }
}
