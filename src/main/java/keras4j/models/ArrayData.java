package keras4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import keras4j.backend.DType;
import keras4j.backend.HostArray;
import keras4j.core.Shapes;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A model's data as arrays on the heap, as Keras's {@code ArrayDataAdapter}: one array per input
 * ({@code x}) and, for fit and evaluate, one per output ({@code y}), checked to hold as many
 * samples each.
 *
 * <p>For a model of one input (output), x (y) is one array; for several, a list in the model's
 * order or a map by input (output) name. Each array is a Java array or a TF Java NdArray.
 *
 * <p>Sample weights, when given, are one weight per sample for each output ({@code sw}), as
 * Keras's {@code sample_weight}: one array for every output, or a list or map of one per output;
 * or they come from a {@code class_weight} map of a single output's labels.
 */
final class ArrayData {
  private final List<HostArray> x;
  private final List<HostArray> y;
  private final List<HostArray> sw;
  private final List<String> xNames;
  private final List<String> yNames;

  private ArrayData(List<HostArray> x, List<HostArray> y, List<HostArray> sw,
      List<String> xNames, List<String> yNames) {
    this.x = List.copyOf(x);
    this.y = List.copyOf(y);
    this.sw = List.copyOf(sw);
    this.xNames = xNames;
    this.yNames = yNames;
  }

  /**
   * The inputs {@code xData} and labels {@code yData} (null for predict) of {@code model};
   * {@code what} prefixes the names in errors ("" or "validation ").
   */
  static ArrayData of(Model model, Object xData, Object yData, String what) {
    return of(model, xData, yData, null, null, what);
  }

  /**
   * The inputs, labels and sample weights of {@code model}: {@code sampleWeight} (null: none)
   * one array for every output or one per output (a list or a map by output name), or {@code
   * classWeight} (null: none) the weight of each class of a single output's labels. Keras's
   * rules: not both, and class weights only for a model of one output.
   */
  static ArrayData of(Model model, Object xData, Object yData, Object sampleWeight,
      Map<?, ?> classWeight, String what) {
    List<String> inputs = model.dataInputNames();
    List<HostArray> x = arrays(model, xData, inputs, what + "x", "input", model.inputDtypes());
    List<HostArray> y = List.of();
    List<String> outputs = model.dataOutputNames();
    if (yData != null) {
      y = arrays(model, yData, outputs, what + "y", "output", null);
    }
    List<HostArray> sw = List.of();
    if (sampleWeight != null && classWeight != null) {
      throw new IllegalArgumentException(
          "You cannot `class_weight` and `sample_weight` at the same time: pass one of them");
    }
    if (sampleWeight != null) {
      sw = sampleWeights(model, sampleWeight, outputs, what + "sampleWeight");
    } else if (classWeight != null) {
      checkClassWeightable(model);
      sw = List.of(classWeights(y.get(0).toNdArray(), classWeight));
    }
    ArrayData data = new ArrayData(x, y, sw, inputs, outputs);
    data.checkCardinality(what);
    return data;
  }

  /**
   * One weight per sample for each output: a single array is used for every output, as
   * Keras replicates it. Each must hold one weight per sample (shape {@code (n,)} or {@code (n,
   * 1)}); keras4j does not take Keras's per-timestep weights.
   */
  private static List<HostArray> sampleWeights(
      Model model, Object data, List<String> outputs, String what) {
    return sampleWeights(model, data, outputs, what, (array, name, i) -> HostArray.of(array, name),
        HostArray::shape);
  }

  /**
   * {@link #sampleWeights(Model, Object, List, String)} of any kind of array: {@code convert}
   * makes each, {@code shape} gives its shape.
   */
  static <T> List<T> sampleWeights(Model model, Object data, List<String> outputs, String what,
      Convert<T> convert, Function<T, Shape> shape) {
    List<T> sw = data instanceof List<?> || data instanceof Map<?, ?>
        ? byName(model, data, outputs, what, "output", convert)
        : Collections.nCopies(outputs.size(), convert.apply(data, what, 0));
    for (int i = 0; i < sw.size(); i++) {
      Shape weights = shape.apply(sw.get(i));
      if (weights.numDimensions() > 2 || weights.numDimensions() == 2 && weights.get(1) != 1) {
        throw new IllegalArgumentException(what + (sw.size() == 1 ? "" : "['" + outputs.get(i)
            + "']") + " has shape " + Shapes.toKeras(weights) + ": give one weight per"
            + " sample, of shape (samples,)");
      }
    }
    return sw;
  }

  /**
   * Keras's {@code class_weight_to_sample_weights}: each sample weighs its class's weight (1 for
   * classes the map leaves out); the class is the label rounded, or the argmax of one-hot labels.
   */
  static HostArray classWeights(FloatNdArray y, Map<?, ?> classWeight) {
    Map<Integer, Double> byClass = new HashMap<>();
    classWeight.forEach((key, weight) -> {
      if (!(key instanceof Integer || key instanceof Long) || !(weight instanceof Number)) {
        throw new IllegalArgumentException("classWeight maps class indices (integers) to weights"
            + " (numbers), got " + key + " -> " + weight);
      }
      byClass.put(((Number) key).intValue(), ((Number) weight).doubleValue());
    });
    int n = Math.toIntExact(y.shape().get(0));
    long classes = y.rank() > 1 ? y.shape().get(y.rank() - 1) : 1;
    long rowSize = y.size() / Math.max(n, 1);
    float[] flat = new float[Math.toIntExact(y.size())];
    y.copyTo(DataBuffers.of(flat, false, false));
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      int label = classes == 1 ? Math.round(flat[(int) (i * rowSize)]) : argmax(flat, i, rowSize);
      weights[i] = (float) (double) byClass.getOrDefault(label, 1.0);
    }
    return HostArray.of(weights, "classWeight");
  }

  /** Keras's rule: class weights only for a model of one output. */
  static void checkClassWeightable(Model model) {
    List<String> outputs = model.dataOutputNames();
    if (outputs.size() != 1) {
      throw new IllegalArgumentException("`class_weight` is only supported for Models with a"
          + " single output; model '" + model.name() + "' has " + outputs.size() + " outputs "
          + outputs + ": pass sampleWeight(...) with one array per output instead");
    }
  }

  private static int argmax(float[] values, int row, long rowSize) {
    int from = (int) (row * rowSize);
    int best = 0;
    for (int j = 1; j < rowSize; j++) {
      best = values[from + j] > values[from + best] ? j : best;
    }
    return best;
  }

  /** One array per name of {@code data}, of {@code dtypes} (one per name; null: float32). */
  private static List<HostArray> arrays(Model model, Object data, List<String> names,
      String what, String kind, List<DType> dtypes) {
    return byName(model, data, names, what, kind, (array, name, i) -> HostArray.of(array, name,
        dtypes == null ? DType.FLOAT32 : dtypes.get(i)));
  }

  /** Makes the array for name {@code index} of {@code value}, called {@code what} in errors. */
  @FunctionalInterface
  interface Convert<T> {
    /** The array of {@code value}. */
    T apply(Object value, String what, int index);
  }

  /**
   * One array per name of {@code data}, as Keras matches a model's inputs (outputs): one value
   * for a single name, a list in the names' order, or a map by name; {@code convert} makes
   * each, {@code what} names {@code data} and {@code kind} the names ("input", "output") in
   * errors.
   */
  static <T> List<T> byName(Model model, Object data, List<String> names, String what,
      String kind, Convert<T> convert) {
    int count = names.size();
    if (data instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (!names.contains(key)) {
          throw new IllegalArgumentException(what + " has an entry '" + key + "', which is not an "
              + kind + " of model '" + model.name() + "'; its " + kind + "s are " + names);
        }
      }
      List<T> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = names.get(i);
        if (!map.containsKey(name)) {
          throw new IllegalArgumentException("Missing data for " + kind + " '" + name + "' of"
              + " model '" + model.name() + "': " + what + " has the keys " + map.keySet()
              + " but the model's " + kind + "s are " + names);
        }
        out.add(convert.apply(map.get(name), what + "['" + name + "']", i));
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
      return IntStream.range(0, count).mapToObj(i -> convert.apply(list.get(i),
          count == 1 ? what : what + "['" + names.get(i) + "']", i)).toList();
    }
    if (count != 1) {
      throw new IllegalArgumentException("Model '" + model.name() + "' has " + count + " " + kind
          + "s " + names + " but " + what + " is one array: pass a list of " + count
          + " arrays in this order, or a map by " + kind + " name");
    }
    return List.of(convert.apply(data, what, 0));
  }

  /** As Keras: every array holds the same number of samples, and there is at least one. */
  private void checkCardinality(String what) {
    List<HostArray> all = all();
    for (int i = 0; i < sw.size(); i++) {
      if (sw.get(i).samples() != samples()) {
        throw new IllegalArgumentException(what + "sampleWeight" + (sw.size() == 1 ? "" : "['"
            + yNames.get(i) + "']") + " has " + sw.get(i).samples() + " weights but " + what
            + "x has " + samples() + " samples; give one weight per sample");
      }
    }
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

  /** The sample weights, one array per output (empty: every sample weighs 1). */
  List<HostArray> sampleWeights() {
    return sw;
  }

  /** Every array, inputs, labels then sample weights, as the steps take them. */
  List<HostArray> all() {
    List<HostArray> all = new ArrayList<>(x);
    all.addAll(y);
    all.addAll(sw);
    return all;
  }

  /** The number of samples. */
  int samples() {
    return x.get(0).samples();
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive) of every array. */
  ArrayData slice(int from, int to) {
    return new ArrayData(x.stream().map(a -> a.slice(from, to)).toList(),
        y.stream().map(a -> a.slice(from, to)).toList(),
        sw.stream().map(a -> a.slice(from, to)).toList(), xNames, yNames);
  }
}
