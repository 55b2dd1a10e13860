package keras4j.layers;

import java.util.List;
import java.util.function.BinaryOperator;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code Merge} base ({@code layers/merging/base_merge.py}): an element-wise operation
 * folded over two or more inputs whose shapes agree, a dimension of 1 broadcasting.
 */
public abstract class Merge extends Layer {
  private final BinaryOperator<KerasTensor> fold;

  /**
   * A merge folding its inputs with {@code fold} (a {@code keras4j.ops.Ops} function).
   *
   * @param fold combines two inputs into one, e.g. {@code Ops::add}
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  protected Merge(BinaryOperator<KerasTensor> fold, LayerArg... args) {
    super(args);
    this.fold = fold;
  }

  /**
   * The most inputs the merge takes (at least two always); Subtract takes exactly two.
   *
   * @return the most inputs the merge takes (at least two always); Subtract takes exactly two
   */
  protected int maxInputs() {
    return Integer.MAX_VALUE;
  }

  /** A merge has no weights; building checks that the input shapes merge. */
  @Override
  protected void build(List<Shape> inputShapes) {
    computeOutputShapes(inputShapes);
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    if (inputShapes.size() < 2 || inputShapes.size() > maxInputs()) {
      throw new IllegalArgumentException(describe() + " should be called on a list of "
          + (maxInputs() == 2 ? "exactly 2" : "at least 2") + " inputs, got "
          + inputShapes.size());
    }
    Shape out = inputShapes.get(0);
    for (Shape shape : inputShapes.subList(1, inputShapes.size())) {
      out = broadcast(out, shape, inputShapes);
    }
    return List.of(out);
  }

  /** Keras's {@code _compute_elemwise_op_output_shape}: equal, unknown or 1 dimensions. */
  private Shape broadcast(Shape a, Shape b, List<Shape> all) {
    if (a.numDimensions() != b.numDimensions()) {
      throw incompatible(all);
    }
    long[] out = new long[a.numDimensions()];
    for (int i = 0; i < out.length; i++) {
      long x = a.get(i);
      long y = b.get(i);
      if (x == 1 || x < 0) {
        out[i] = x < 0 && y == 1 ? x : y;
      } else if (y == 1 || y < 0 || x == y) {
        out[i] = x;
      } else {
        throw incompatible(all);
      }
    }
    return Shape.of(out);
  }

  private IllegalArgumentException incompatible(List<Shape> shapes) {
    return new IllegalArgumentException(describe() + ": inputs with shapes "
        + shapes.stream().map(Shapes::toKeras).toList() + " cannot be merged element-wise;"
        + " their dimensions must be equal or 1");
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  /** Keras's {@code Merge.compute_mask}: the OR of the inputs' masks when every input has one. */
  @Override
  protected List<KerasTensor> callAll(
      List<KerasTensor> inputs, boolean training, List<KerasTensor> masks) {
    KerasTensor out = call(inputs, training);
    if (masks.contains(null)) {
      return List.of(out);
    }
    KerasTensor mask = masks.get(0);
    for (KerasTensor next : masks.subList(1, masks.size())) {
      mask = Ops.logicalOr(mask, next);
    }
    return List.of(out.withMask(mask));
  }

  /** No mask unless {@link #callAll(List, boolean, List)} made one (every input masked). */
  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return null;
  }

  @Override
  protected KerasTensor call(List<KerasTensor> inputs, boolean training) {
    computeOutputShapes(inputs.stream().map(KerasTensor::shape).toList());
    KerasTensor out = inputs.get(0);
    for (KerasTensor next : inputs.subList(1, inputs.size())) {
      out = fold.apply(out, next);
    }
    return finish(out, inputs.size());
  }

  /**
   * The folded value's last step (Average divides by the count); the default keeps it.
   *
   * @param folded all inputs combined by the fold
   * @param count the number of inputs
   * @return the layer's output
   */
  protected KerasTensor finish(KerasTensor folded, int count) {
    return folded;
  }
}
