package keras4j.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.models.Model;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * A model's inputs as one batch: for a model of several inputs, each sample's values of every
 * input side by side in one row ({@code [n, total]}, in the model's input order), so that the
 * explainers' row-wise work (interpolating, adding noise, chunking) and one traced gradient serve
 * any number of inputs; the traced function splits the row back into the model's inputs. A model
 * of one input keeps its batch as it is.
 */
final class ModelInputs {
  private final List<String> names;
  private final List<Shape> sampleShapes;
  private final int[] offsets;

  private ModelInputs(List<String> names, List<Shape> sampleShapes) {
    this.names = names;
    this.sampleShapes = sampleShapes;
    this.offsets = new int[sampleShapes == null ? 1 : sampleShapes.size() + 1];
    for (int i = 0; i + 1 < offsets.length; i++) {
      offsets[i + 1] = offsets[i] + Math.toIntExact(sampleShapes.get(i).size());
    }
  }

  /** The inputs of {@code model}: its functional inputs, or one unnamed input. */
  static ModelInputs of(Model model) {
    if (model.inputs().size() < 2) {
      return new ModelInputs(List.of("input"), null);
    }
    return new ModelInputs(model.inputNames(),
        model.inputs().stream().map(in -> Shapes.sample(in.shape())).toList());
  }

  /** Whether the model has several inputs (and its batches are packed rows). */
  boolean several() {
    return sampleShapes != null;
  }

  /** The inputs' names, in the model's order. */
  List<String> names() {
    return names;
  }

  /**
   * User data as one batch: one array for a model of one input; for several, a list of one array
   * per input or a map by input name, packed side by side.
   */
  Flat pack(Object x, String what) {
    if (!several()) {
      return Flat.of(x, what);
    }
    List<?> parts;
    if (x instanceof Map<?, ?> map) {
      if (!map.keySet().equals(new java.util.HashSet<>(names))) {
        throw new IllegalArgumentException(what + " gives inputs " + map.keySet() + " but the"
            + " model's inputs are " + names);
      }
      parts = names.stream().map(map::get).toList();
    } else if (x instanceof List<?> list && list.size() == names.size()) {
      parts = list;
    } else {
      throw new IllegalArgumentException("The model has " + names.size() + " inputs " + names
          + ": give " + what + " as a list of one batch per input, or a map by input name");
    }
    int rows = -1;
    List<Flat> flats = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Flat part = Flat.of(parts.get(i), what + "[" + names.get(i) + "]");
      if (!Shapes.samplesCompatible(Shapes.batchOf(sampleShapes.get(i).asArray()), part.shape())) {
        throw new IllegalArgumentException("Input '" + names.get(i) + "' takes samples of shape "
            + Shapes.toKeras(sampleShapes.get(i)) + " but " + what + " gives "
            + Shapes.toKeras(part.sampleShape()));
      }
      if (rows >= 0 && part.rows() != rows) {
        throw new IllegalArgumentException(what + " gives " + rows + " samples for input '"
            + names.get(0) + "' but " + part.rows() + " for '" + names.get(i) + "'");
      }
      rows = part.rows();
      flats.add(part);
    }
    int total = offsets[offsets.length - 1];
    Flat packed = Flat.zeros(Shape.of(rows, total));
    for (int i = 0; i < flats.size(); i++) {
      int size = offsets[i + 1] - offsets[i];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flats.get(i).data(), r * size, packed.data(), r * total + offsets[i],
            size);
      }
    }
    return packed;
  }

  /** Input {@code input}'s part of a packed batch, shaped as that input's samples. */
  Flat unpack(Flat packed, int input) {
    if (!several()) {
      return packed;
    }
    int size = offsets[input + 1] - offsets[input];
    int rows = packed.rows();
    Flat out = Flat.zeros(Shape.of(rows).append(sampleShapes.get(input)));
    for (int r = 0; r < rows; r++) {
      System.arraycopy(packed.data(), r * packed.rowSize() + offsets[input], out.data(),
          r * size, size);
    }
    return out;
  }

  /** A packed batch as the model's inputs, one NdArray each, for predict. */
  List<FloatNdArray> unpackAll(Flat packed) {
    List<FloatNdArray> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(unpack(packed, i).toNdArray());
    }
    return out;
  }

  /** Inside a traced function: the packed batch {@code x} split into the model's inputs. */
  List<KerasTensor> split(KerasTensor x) {
    if (!several()) {
      return List.of(x);
    }
    List<KerasTensor> out = new ArrayList<>();
    for (int i = 0; i < sampleShapes.size(); i++) {
      KerasTensor part = Ops.slice(x, new long[] {0, offsets[i]},
          new long[] {-1, offsets[i + 1] - offsets[i]});
      out.add(Ops.reshapeSamples(part, sampleShapes.get(i)));
    }
    return out;
  }

  /** The index of the input named {@code name}. */
  int index(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("No input named '" + name + "': the model's inputs are "
          + names);
    }
    return index;
  }
}
