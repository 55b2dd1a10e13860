package keras4j.explain;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which output of the model an explanation is about: a class index (the same for every sample,
 * or one per sample) or the class the model predicts, of the model's output or, for a model of
 * several outputs, of the one named by {@link #output(String)} or {@link #output(int)}. A model
 * with one output unit (regression, sigmoid) is explained at index 0, the default.
 */
public final class Target {
  private final int[] classes;
  private final String outputName;
  private final int outputIndex;

  private Target(int[] classes) {
    this(classes, null, -1);
  }

  private Target(int[] classes, String outputName, int outputIndex) {
    this.classes = classes;
    this.outputName = outputName;
    this.outputIndex = outputIndex;
  }

  /**
   * The same classes of the model's output named {@code name} (see {@code Model.outputNames()}),
   * for a model of several outputs: {@code Target.classIndex(2).output("species")}.
   *
   * @param name the output's name
   * @return the target
   */
  public Target output(String name) {
    return new Target(classes, java.util.Objects.requireNonNull(name, "name"), -1);
  }

  /**
   * The same classes of the model's output {@code index} (in the model's order), for a model of
   * several outputs.
   *
   * @param index the output's index, from 0
   * @return the target
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public Target output(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("An output index is 0 or more, got " + index);
    }
    return new Target(classes, null, index);
  }

  /**
   * The index of the output explained among {@code names}, the outputs of model {@code model}.
   */
  int outputIndex(List<String> names, String model) {
    int count = Math.max(1, names.size());
    int index = outputName != null ? names.indexOf(outputName)
        : outputIndex >= 0 ? outputIndex : count == 1 ? 0 : -1;
    if (outputName != null && index < 0) {
      throw new IllegalArgumentException("Model '" + model + "' has no output named '"
          + outputName + "'; its outputs are " + names);
    }
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("Model '" + model + "' has " + count + " output(s) "
          + names + ": choose one with target.output(name) or target.output(index)"
          + (index < 0 ? "" : ", got index " + index));
    }
    return index;
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
    String of = outputName != null ? ".output(\"" + outputName + "\")"
        : outputIndex >= 0 ? ".output(" + outputIndex + ")" : "";
    return (classes == null ? "Target.predicted()" : "Target.classes" + Arrays.toString(classes))
        + of;
  }
}
