package keras4j.explain;

import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * What an attribution method found for a batch: one attribution per input value (the same shape
 * as the inputs, one array per input of a model of several; for {@link GradCam}, one per position
 * of the layer's feature map), the output unit explained for each sample, and the model's value
 * of that unit.
 */
public class Attributions {
  private final Flat values;
  private final int[] targets;
  private final float[] scores;
  private final ModelInputs inputs;

  /** Attributions of one array per sample (one input, or a feature map). */
  Attributions(Flat values, int[] targets, float[] scores) {
    this(values, targets, scores, null);
  }

  /** Attributions of {@code inputs} (null: one array), packed as they pack a batch. */
  Attributions(Flat values, int[] targets, float[] scores, ModelInputs inputs) {
    this.values = values;
    this.targets = targets;
    this.scores = scores;
    this.inputs = inputs != null && inputs.several() ? inputs : null;
  }

  /**
   * The attributions, batch first, of a model of one input.
   *
   * @return a copy, shaped as the inputs (or the feature map for Grad-CAM)
   * @throws IllegalStateException if the model has several inputs: use {@link #values(String)}
   */
  public FloatNdArray values() {
    if (inputs != null) {
      throw new IllegalStateException("The model has inputs " + inputs.names()
          + ": take each one's attributions with values(name) or values(index)");
    }
    return Flat.of(values.toNdArray()).toNdArray();
  }

  /**
   * The attributions of one input of a model of several (see {@code Model.inputNames()}).
   *
   * @param input the input's name
   * @return a copy, batch first, shaped as that input
   * @throws IllegalArgumentException if the model has no input of that name
   */
  public FloatNdArray values(String input) {
    if (inputs == null) {
      throw new IllegalArgumentException("The model has one input: take its attributions with"
          + " values()");
    }
    return values(inputs.index(input));
  }

  /**
   * The attributions of input {@code input}, in the model's order (0 for a model of one input).
   *
   * @param input the input's index
   * @return a copy, batch first, shaped as that input
   * @throws IllegalArgumentException if there is no such input
   */
  public FloatNdArray values(int input) {
    int count = inputNames().size();
    if (input < 0 || input >= count) {
      throw new IllegalArgumentException("Input index " + input + " is out of range: the model"
          + " has " + count + " input(s) " + inputNames());
    }
    return inputs == null ? values() : inputs.unpack(values, input).toNdArray();
  }

  /**
   * The names of the inputs attributed, in the model's order ({@code [input]} for one input).
   *
   * @return the input names
   */
  public java.util.List<String> inputNames() {
    return inputs == null ? java.util.List.of("input") : inputs.names();
  }

  /**
   * One sample's attributions, flattened in row-major order (for several inputs, each input's in
   * the model's order).
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
    if (inputs != null) {
      throw new IllegalStateException("reshape is for the attributions of one input; this model"
          + " has inputs " + inputs.names());
    }
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
