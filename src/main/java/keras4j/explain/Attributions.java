package keras4j.explain;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * What an attribution method found for a batch: one attribution per input value (the same shape
 * as the inputs; for {@link GradCam}, one per position of the layer's feature map), the output
 * unit explained for each sample, and the model's value of that unit.
 */
public class Attributions {
  private final Flat values;
  private final int[] targets;
  private final float[] scores;

  Attributions(Flat values, int[] targets, float[] scores) {
    this.values = values;
    this.targets = targets;
    this.scores = scores;
  }

  /**
   * The attributions, batch first.
   *
   * @return a copy, shaped as the inputs (or the feature map for Grad-CAM)
   */
  public FloatNdArray values() {
    return Flat.of(values.toNdArray()).toNdArray();
  }

  /**
   * One sample's attributions, flattened in row-major order.
   *
   * @param sample the sample's index in the batch
   * @return a copy of its attributions
   */
  public float[] sample(int sample) {
    return values.rows(sample, sample + 1).data();
  }

  /**
   * The output unit explained for each sample.
   *
   * @return a copy, one class index per sample
   */
  public int[] targets() {
    return targets.clone();
  }

  /**
   * The model's output at the explained unit for each sample, f(x).
   *
   * @return a copy, one value per sample
   */
  public float[] scores() {
    return scores.clone();
  }

  /**
   * The same attributions with each sample reshaped, e.g. the 64 features of an 8x8 digit as
   * {@code reshape(8, 8)} to draw them as an image.
   *
   * @param sampleShape the new shape of one sample (as many values)
   * @return attributions of shape {@code [n, sampleShape...]}, the same targets and scores
   * @throws IllegalArgumentException if the sizes differ
   */
  public Attributions reshape(long... sampleShape) {
    Shape shape = Shape.of(sampleShape).prepend(values.rows());
    if (Shape.of(sampleShape).size() != values.rowSize()) {
      throw new IllegalArgumentException("Cannot reshape samples of " + values.rowSize()
          + " values to " + Shape.of(sampleShape));
    }
    return new Attributions(new Flat(shape, values.data()), targets, scores);
  }

  /** The scores at {@code targets} of {@code outputs} ({@code units} per row). */
  static float[] pick(Flat outputs, int[] targets, int units) {
    float[] out = new float[targets.length];
    for (int i = 0; i < targets.length; i++) {
      out[i] = outputs.data()[i * units + targets[i]];
    }
    return out;
  }
}
