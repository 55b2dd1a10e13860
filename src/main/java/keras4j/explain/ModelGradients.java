package keras4j.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Shapes;
import keras4j.layers.Layer;
import keras4j.models.Model;
import keras4j.ops.Ops;
import keras4j.tf.GradientTape;
import keras4j.tf.TF;
import keras4j.tf.TracedFunction;
import org.tensorflow.ndarray.Shape;

/**
 * The gradient of each sample's target output with respect to the model's input, or to the
 * activations of one of its layers: a {@link TF#function} whose body runs the model in inference
 * mode under a {@link GradientTape}, traced once per batch shape. The target is a one-hot mask
 * over the output units, so one trace serves every class; because samples do not interact in
 * inference, the gradient of the masked sum is each sample's own gradient.
 *
 * <p>The traced function runs on the model's variables (their values move to its session while it
 * runs, as any {@code TF.function}'s do). Thread-safe: one run at a time.
 */
final class ModelGradients implements AutoCloseable {
  /** A batch to explain: its values, the model's number of output units, each sample's target. */
  record Batch(Flat x, int units, int[] targets) {}

  /** One run's results, batch first: outputs, gradients, and the tapped layer's activations. */
  record Run(Flat outputs, Flat gradients, Flat activations) {}

  private static final int MAX_VALUES_PER_RUN = 4 << 20;

  private final Model model;
  private final TracedFunction<List<KerasTensor>> function;

  /** Gradients with respect to the input of {@code model}. */
  ModelGradients(Model model) {
    this(model, null);
  }

  /** Gradients with respect to the output of {@code layer} (null: the input) of {@code model}. */
  ModelGradients(Model model, Layer layer) {
    this.model = model;
    this.function = TF.function((x, mask) -> {
      GradientTape tape = new GradientTape();
      List<KerasTensor> tapped = new ArrayList<>();
      KerasTensor y;
      KerasTensor score;
      try (tape) {
        if (layer == null) {
          tape.watch(x);
          tapped.add(x);
          y = model.apply(x);
        } else {
          y = Layer.tappingOutputs(layer, outputs -> {
            if (tapped.isEmpty()) {
              tape.watch(outputs.get(0));
              tapped.add(outputs.get(0));
            }
          }, () -> model.apply(x));
          if (tapped.isEmpty()) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' does not run in"
                + " model '" + model.name() + "''s forward pass");
          }
        }
        score = Ops.sum(Ops.multiply(y, mask));
      }
      KerasTensor grad = tape.gradient(score, tapped.get(0));
      List<KerasTensor> out = new ArrayList<>(List.of(y, grad != null ? grad : Ops.zerosLike(tapped.get(0))));
      if (layer != null) {
        out.add(tapped.get(0));
      }
      return out;
    });
  }

  /** The model explained. */
  Model model() {
    return model;
  }

  /**
   * The number of output units of the model on inputs like {@code x}, after checking that the
   * model takes such inputs.
   */
  int units(Flat x) {
    Shape expected = model.inputShape();
    if (expected != null && !Shapes.samplesCompatible(expected, x.shape())) {
      throw new IllegalArgumentException("Model '" + model.name() + "' expects inputs of shape "
          + Shapes.toKeras(expected) + " but x has samples of shape "
          + Shapes.toKeras(Shapes.sample(x.shape())));
    }
    Shape out = model.computeOutputShape(x.shape());
    long units = 1;
    for (int i = 1; i < out.numDimensions(); i++) {
      units *= out.get(i);
    }
    return Math.toIntExact(units);
  }

  /** Reads {@code x} and resolves {@code target} for it (predicting when it is the argmax). */
  Batch batch(Object x, Target target) {
    Flat values = Flat.of(x, "x");
    int units = units(values);
    return new Batch(values, units, target.resolve(values.rows(), units, () -> predict(values)));
  }

  /** The model's outputs for {@code x}, from its own predict function. */
  Flat predict(Flat x) {
    return Flat.of(model.predict(x.toNdArray()));
  }

  /**
   * Runs the function on {@code x}, differentiating for each row {@code i} the output unit
   * {@code targets[i / rowsPerTarget]}.
   */
  Run run(Flat x, int[] targets, int rowsPerTarget, int units) {
    Flat mask = Flat.zeros(Shape.of(x.rows(), units));
    for (int i = 0; i < x.rows(); i++) {
      mask.data()[i * units + targets[i / rowsPerTarget]] = 1;
    }
    List<KerasTensor> out = function.call(x.toNdArray(), mask.toNdArray());
    return new Run(Flat.of(out.get(0).numpy()), Flat.of(out.get(1).numpy()),
        out.size() > 2 ? Flat.of(out.get(2).numpy()) : null);
  }

  /** Makes the rows of samples {@code from} to {@code to} (exclusive) to run. */
  @FunctionalInterface
  interface Rows {
    Flat make(int from, int to);
  }

  /** Takes the run of samples {@code from} to {@code to} (exclusive). */
  @FunctionalInterface
  interface Sink {
    void take(int from, int to, Run run);
  }

  /**
   * Runs the function over {@code samples} samples, each expanded by {@code rows} into {@code
   * rowsPerSample} rows of {@code rowSize} values, as many samples a run as fit in about 16 MB
   * (so that one trace, or two with the last partial run, serves the whole batch).
   */
  void runInChunks(int samples, int rowsPerSample, int rowSize, int[] targets, int units,
      Rows rows, Sink sink) {
    int perRun = Math.max(1, MAX_VALUES_PER_RUN / Math.max(1, rowsPerSample * rowSize));
    for (int from = 0; from < samples; from += perRun) {
      int to = Math.min(samples, from + perRun);
      sink.take(from, to,
          run(rows.make(from, to), Arrays.copyOfRange(targets, from, to), rowsPerSample, units));
    }
  }

  /** The gradients and outputs of every sample of {@code x}. */
  Run gradients(Flat x, int[] targets, int units) {
    Flat grads = Flat.zeros(x.shape());
    Flat outputs = Flat.zeros(Shape.of(x.rows(), units));
    runInChunks(x.rows(), 1, x.rowSize(), targets, units, x::rows, (from, to, run) -> {
      System.arraycopy(run.gradients().data(), 0, grads.data(), from * x.rowSize(),
          run.gradients().data().length);
      System.arraycopy(run.outputs().data(), 0, outputs.data(), from * units,
          run.outputs().data().length);
    });
    return new Run(outputs, grads, null);
  }

  /** Frees the traced function's graph and session (the model keeps its weights). */
  @Override
  public void close() {
    function.close();
  }
}
