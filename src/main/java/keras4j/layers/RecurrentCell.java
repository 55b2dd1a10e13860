package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * One step of a recurrent layer, as Keras's {@code SimpleRNNCell}, {@code LSTMCell} and {@code
 * GRUCell}: it owns the weights ({@code kernel}, {@code recurrent_kernel}, {@code bias}, saved
 * under the layer's {@code cell/} as Keras does) and maps one step's input and the states to the
 * new states, the first of which is the step's output. Its settings are the owning layer's
 * arguments, read with Keras's defaults (tanh, Glorot-uniform kernel, orthogonal recurrent
 * kernel, zero bias).
 */
abstract class RecurrentCell extends Layer {
  final int units;
  final KernelSettings settings;
  final double dropout;
  final double recurrentDropout;
  final Long seed;
  private final int gates;
  private Variable kernel;
  private Variable recurrentKernel;
  private Variable bias;

  /**
   * A cell of {@code units} units and {@code gates} blocks of weights (1, LSTM 4, GRU 3) reading
   * its settings from {@code owner}'s arguments, named {@code <owner>/<cellName>} as Keras's
   * weight paths.
   */
  RecurrentCell(Layer owner, String cellName, int units, int gates) {
    super(new LayerArg[] {new Kwarg("name", owner.name() + "/" + cellName)});
    if (units <= 0) {
      throw new IllegalArgumentException("Received an invalid value for argument `units`,"
          + " expected a positive integer, got " + units + ".");
    }
    this.units = units;
    this.gates = gates;
    this.settings = new KernelSettings(owner, "tanh",
        List.of(KernelSettings.KERNEL, KernelSettings.RECURRENT));
    this.dropout = rate(owner, "dropout");
    this.recurrentDropout = rate(owner, "recurrent_dropout");
    this.seed = owner.arg("seed", null);
  }

  private static double rate(Layer owner, String key) {
    double rate = ((Number) owner.arg(key, 0.0)).doubleValue();
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], got " + rate);
    }
    // As Keras: min(1, max(0, rate)).
    return rate;
  }

  /** The number of states: 1, or LSTM's 2 (h, c). */
  int stateCount() {
    return 1;
  }

  @Override
  protected void build(Shape stepShape) {
    long features = stepShape.get(stepShape.numDimensions() - 1);
    kernel = settings.addKernel(this, KernelSettings.KERNEL, "kernel",
        Shape.of(features, (long) gates * units));
    recurrentKernel = settings.addKernel(this, KernelSettings.RECURRENT, "recurrent_kernel",
        Shape.of(units, (long) gates * units));
    if (settings.useBias) {
      bias = buildBias();
    }
  }

  /** Creates the bias; the default is {@code gates * units} values of the bias initializer. */
  Variable buildBias() {
    return settings.addKernel(this, "bias", "bias", Shape.of((long) gates * units));
  }

  /** The kernel, {@code (features, gates * units)}. */
  KerasTensor kernel() {
    return kernel.value();
  }

  /** The recurrent kernel, {@code (units, gates * units)}. */
  KerasTensor recurrentKernel() {
    return recurrentKernel.value();
  }

  /** The bias, or null without {@code use_bias}. */
  KerasTensor bias() {
    return bias == null ? null : bias.value();
  }

  /**
   * The dropout masks of one sequence, Keras's {@code get_dropout_mask}: drawn once per call and
   * used at every step, for the inputs and for the first state; null when not training or the
   * rate is 0.
   */
  KerasTensor[] dropoutMasks(KerasTensor firstStep, KerasTensor firstState, boolean training) {
    return new KerasTensor[] {
      training && dropout > 0 ? mask(firstStep, dropout, 0) : null,
      training && recurrentDropout > 0 ? mask(firstState, recurrentDropout, 1) : null
    };
  }

  private KerasTensor mask(KerasTensor like, double rate, long offset) {
    long base = seed == null ? keras4j.utils.RandomSeed.next() : seed;
    return Ops.dropout(Ops.onesLike(like), rate, base + offset);
  }

  /** {@code x} times a dropout mask, or {@code x} when there is none. */
  static KerasTensor dropped(KerasTensor x, KerasTensor mask) {
    return mask == null ? x : Ops.multiply(x, mask);
  }

  /**
   * One step: the new states (the first is the step's output) from the step's input {@code x}
   * {@code (batch, features)}, the states, and the dropout masks of {@link #dropoutMasks}.
   */
  abstract List<KerasTensor> step(KerasTensor x, List<KerasTensor> states, KerasTensor[] masks);

  /** Keras's config keys of the cell's settings, into a recurrent layer's config. */
  void putConfig(Map<String, Object> config) {
    config.put("units", units);
    settings.putConfig(config);
    config.put("dropout", dropout);
    config.put("recurrent_dropout", recurrentDropout);
    config.put("seed", seed);
  }
}
