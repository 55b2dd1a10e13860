package keras4j.layers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code Concatenate(axis=-1)} ({@code layers/merging/concatenate.py}): its inputs joined
 * along {@code axis}, all of the same shape except on that axis. {@code new Concatenate()} joins
 * the last axis, {@code new Concatenate(axis(1))} the first after the batch.
 */
public class Concatenate extends Layer {
  private final int axis;

  /**
   * The merge; {@code args} may give its {@code axis} (default -1) and {@code name}.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code axis(1)}, {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public Concatenate(LayerArg... args) {
    super(args, "axis");
    Object given = arg("axis", -1);
    if (!(given instanceof Integer i)) {
      throw new IllegalArgumentException("Concatenate axis must be an int, got " + given);
    }
    this.axis = i;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Concatenate fromConfig(ConfigReader config) {
    return new Concatenate(ConfigArgs.of(config).add("axis", config.intValue("axis", -1)).get());
  }

  /**
   * The axis the inputs are joined along, as given (negative counts from the end).
   *
   * @return the concatenation axis
   */
  public int axis() {
    return axis;
  }

  /**
   * Keras's {@code build}, used purely for shape validation: the shapes with the concatenation
   * axis removed must agree wherever both dimensions are known.
   */
  @Override
  protected void build(List<Shape> inputShapes) {
    List<List<Long>> reduced = new ArrayList<>();
    for (Shape shape : inputShapes) {
      List<Long> dims = new ArrayList<>();
      for (long d : shape.asArray()) {
        dims.add(d);
      }
      // Keras deletes index `axis` (Python's indexing) whenever len(shape) > axis.
      if (dims.size() > axis) {
        dims.remove(Axes.index(this, axis, dims.size()));
      }
      reduced.add(dims);
    }
    Set<List<Long>> distinct = new HashSet<>(reduced);
    if (distinct.size() == 1) {
      return;
    }
    Set<Integer> ranks = new HashSet<>();
    distinct.forEach(s -> ranks.add(s.size()));
    if (ranks.size() != 1) {
      throw mismatch(inputShapes);
    }
    int rank = ranks.iterator().next();
    for (int i = 0; i < rank; i++) {
      Set<Long> known = new HashSet<>();
      for (List<Long> s : distinct) {
        if (s.get(i) >= 0) {
          known.add(s.get(i));
        }
      }
      if (known.size() > 1) {
        throw mismatch(inputShapes);
      }
    }
  }

  private IllegalArgumentException mismatch(List<Shape> shapes) {
    return new IllegalArgumentException(describe() + ": A `Concatenate` layer requires inputs with"
        + " matching shapes except for the concatenation axis. Received: input_shape="
        + shapes.stream().map(Shapes::toKeras).toList());
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    long[] out = inputShapes.get(0).asArray();
    int at = Axes.index(this, axis, out.length);
    for (Shape shape : inputShapes.subList(1, inputShapes.size())) {
      if (shape.numDimensions() != out.length) {
        throw mismatch(inputShapes);
      }
      if (out[at] < 0 || shape.get(at) < 0) {
        out[at] = -1;
        break;
      }
      out[at] += shape.get(at);
    }
    return List.of(Shape.of(out));
  }

  @Override
  protected KerasTensor call(List<KerasTensor> inputs, boolean training) {
    return Ops.concatenate(inputs, axis);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    return config;
  }
}
