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
  /**
   * A batch to explain: its values (packed, for several inputs), the width of the model's output
   * rows (all outputs' units side by side), each sample's target unit in that row, and the class
   * that unit is of the output explained.
   */
  record Batch(Flat x, int units, int[] targets, int[] classes) {}

  /** One run's results, batch first: outputs, gradients, and the tapped layer's activations. */
  record Run(Flat outputs, Flat gradients, Flat activations) {}

  private static final int MAX_VALUES_PER_RUN = 4 << 20;

  private final Model model;
  private final ModelInputs inputs;
  private final TracedFunction<List<KerasTensor>> function;

  /** Gradients with respect to the input of {@code model}. */
  ModelGradients(Model model) {
    this(model, null);
  }

  /** Gradients with respect to the output of {@code layer} (null: the input) of {@code model}. */
  ModelGradients(Model model, Layer layer) {
    this.model = model;
    this.inputs = ModelInputs.of(model);
    this.function = TF.function((x, mask) -> {
      GradientTape tape = new GradientTape();
      List<KerasTensor> tapped = new ArrayList<>();
      KerasTensor y;
      KerasTensor score;
      try (tape) {
        if (layer == null) {
          tape.watch(x);
          tapped.add(x);
          y = outputRows(x);
        } else {
          y = Layer.tappingOutputs(layer, outputs -> {
            if (tapped.isEmpty()) {
              tape.watch(outputs.get(0));
              tapped.add(outputs.get(0));
            }
          }, () -> outputRows(x));
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

  /** The model's inputs, as its batches are packed. */
  ModelInputs inputs() {
    return inputs;
  }

  /**
   * Inside the traced function: the model on the packed batch {@code x}; for several outputs,
   * each flattened to rows and set side by side, so one mask picks a unit of any of them.
   */
  private KerasTensor outputRows(KerasTensor x) {
    if (!inputs.several() && model.outputs().size() < 2) {
      return model.apply(x);
    }
    List<KerasTensor> ys = model.applyAll(inputs.split(x));
    return Ops.concatenate(ys.stream().map(y -> Ops.reshape(y, -1, units(y.shape()))).toList(),
        1);
  }

  private static int units(Shape out) {
    long units = 1;
    for (int i = 1; i < out.numDimensions(); i++) {
      units *= out.get(i);
    }
    return Math.toIntExact(units);
  }

  /**
   * The number of output units of each of the model's outputs on inputs like {@code x}, after
   * checking that the model takes such inputs.
   */
  private List<Integer> outputUnits(Flat x) {
    Shape expected = model.inputShape();
    if (!inputs.several() && expected != null && !Shapes.samplesCompatible(expected, x.shape())) {
      throw new IllegalArgumentException("Model '" + model.name() + "' expects inputs of shape "
          + Shapes.toKeras(expected) + " but x has samples of shape "
          + Shapes.toKeras(Shapes.sample(x.shape())));
    }
    if (inputs.several() || model.outputs().size() > 1) {
      // A functional model's outputs have known shapes (pack checked several inputs' shapes).
      return model.outputs().stream().map(out -> units(out.shape())).toList();
    }
    return List.of(units(model.computeOutputShape(x.shape())));
  }

  /**
   * Reads {@code x} (one batch, or one per input) and resolves {@code target} for it: its output,
   * then its class (predicting when it is the argmax).
   */
  Batch batch(Object x, Target target) {
    Flat values = inputs.pack(x, "x");
    List<Integer> units = outputUnits(values);
    int output = target.outputIndex(model.outputNames(), model.name());
    int offset = units.subList(0, output).stream().mapToInt(Integer::intValue).sum();
    int width = units.stream().mapToInt(Integer::intValue).sum();
    int[] classes = target.resolve(values.rows(), units.get(output), () -> {
      Flat all = predict(values);
      Flat chosen = Flat.zeros(Shape.of(values.rows(), units.get(output)));
      for (int i = 0; i < values.rows(); i++) {
        System.arraycopy(all.data(), i * width + offset, chosen.data(), i * chosen.rowSize(),
            chosen.rowSize());
      }
      return chosen;
    });
    int[] targets = classes.clone();
    for (int i = 0; i < targets.length; i++) {
      targets[i] += offset;
    }
    return new Batch(values, width, targets, classes);
  }

  /**
   * The model's outputs for the (packed) batch {@code x}, from its own predict function: each
   * sample's row of all outputs' units side by side.
   */
  Flat predict(Flat x) {
    if (!inputs.several() && model.outputs().size() < 2) {
      return Flat.of(model.predict(x.toNdArray()));
    }
    List<Flat> outputs = model.predictAll(inputs.unpackAll(x)).stream().map(Flat::of).toList();
    int width = outputs.stream().mapToInt(Flat::rowSize).sum();
    Flat rows = Flat.zeros(Shape.of(x.rows(), width));
    int offset = 0;
    for (Flat out : outputs) {
      for (int i = 0; i < x.rows(); i++) {
        System.arraycopy(out.data(), i * out.rowSize(), rows.data(), i * width + offset,
            out.rowSize());
      }
      offset += out.rowSize();
    }
    return rows;
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
