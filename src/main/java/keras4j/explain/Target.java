package keras4j.explain;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Which output of the model an explanation is about: a class index (the same for every sample,
 * or one per sample) or the class the model predicts. A model with one output unit (regression,
 * sigmoid) is explained at index 0, the default.
 */
public final class Target {
  private final int[] classes;

  private Target(int[] classes) {
    this.classes = classes;
  }

  /**
   * The output unit {@code index} for every sample (a class of a softmax output).
   *
   * @param index the output unit, from 0
   * @return the target
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static Target classIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("A class index is 0 or more, got " + index);
    }
    return new Target(new int[] {index});
  }

  /**
   * One output unit per sample, e.g. each sample's label.
   *
   * @param perSample the unit to explain for each sample, in order
   * @return the target
   */
  public static Target classes(int... perSample) {
    return new Target(perSample.clone());
  }

  /**
   * The class the model predicts for each sample (the argmax of its output).
   *
   * @return the target
   */
  public static Target predicted() {
    return new Target(null);
  }

  /**
   * The unit to explain for each of {@code samples} samples of a model with {@code units} output
   * units; {@code outputs} computes the model's outputs when the target is the prediction.
   */
  int[] resolve(int samples, int units, Supplier<Flat> outputs) {
    int[] out;
    if (classes == null) {
      Flat y = outputs.get();
      out = new int[samples];
      for (int i = 0; i < samples; i++) {
        for (int j = 1; j < units; j++) {
          if (y.get(i, j) > y.get(i, out[i])) {
            out[i] = j;
          }
        }
      }
      return out;
    }
    if (classes.length == 1) {
      out = new int[samples];
      Arrays.fill(out, classes[0]);
    } else if (classes.length == samples) {
      out = classes.clone();
    } else {
      throw new IllegalArgumentException("Target.classes gives " + classes.length
          + " class indices for " + samples + " samples: give one per sample");
    }
    for (int c : out) {
      if (c < 0 || c >= units) {
        throw new IllegalArgumentException("Class index " + c + " is out of range: the model has "
            + units + " output unit(s), indices 0 to " + (units - 1));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return classes == null ? "Target.predicted()" : "Target.classes" + Arrays.toString(classes);
  }
}
