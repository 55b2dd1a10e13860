package keras4j.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.UnknownDimensionException;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;
import org.tensorflow.ndarray.Shape;

/**
 * The recurrent layers' shared part, Keras's {@code RNN}: it runs its cell over the steps of a
 * {@code (batch, steps, features)} input and returns the last output {@code (batch, units)} or,
 * with {@code returnSequences(true)}, every step's {@code (batch, steps, units)}; with {@code
 * returnState(true)} the last states follow the output ({@code applyAll}). {@code
 * goBackwards(true)} reads the steps last to first (and returns the outputs in that order). The
 * initial states are zeros, or the tensors given after the sequence: {@code lstm.applyAll(
 * List.of(x, h0, c0))}. A mask (from {@code Embedding(maskZero(true))} or {@code Masking})
 * makes the masked steps keep the previous states and output, as Keras does; with {@code
 * return_sequences} the output keeps the mask.
 *
 * <p><b>Unrolled.</b> keras4j always unrolls the loop into the graph over the input's known
 * number of steps, whatever {@code unroll} says: TF Java has no gradient for TensorFlow's {@code
 * While} loop, while every op of an unrolled step has one in TensorFlow's C++ registry, so the
 * layer trains. The cost grows with the steps: the graph holds one copy of the cell per step
 * (traced once per model), and training keeps every step's activations. On inputs of unknown
 * length ({@code Input.shape(NONE, features)}) {@code fit}, {@code evaluate} and {@code predict}
 * trace one graph per distinct length they meet, each as costly to build as the first: pad or
 * bucket the sequences to a few lengths (and mask the padding). {@code stateful(true)} is
 * refused: pass the states on with {@code returnState}.
 */
public abstract class RNN extends Layer {
  private final RecurrentCell cell;
  private final boolean returnSequences;
  private final boolean returnState;
  private final boolean goBackwards;
  private final boolean unroll;
  private final boolean zeroOutputForMask;

  /**
   * Reads the recurrent layers' arguments and makes the cell from them.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code returnSequences}, {@code
   *     returnState}, {@code goBackwards}, {@code dropout}, {@code recurrentDropout}, the
   *     initializers and regularizers, ...
   * @param own the subclass's own argument names beyond the shared ones
   * @param cell makes the cell, which reads its settings from this layer's arguments
   */
  RNN(LayerArg[] args, Function<RNN, RecurrentCell> cell, String... own) {
    super(args, accepted(own));
    if (Boolean.TRUE.equals(arg("stateful", false))) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " '" + name() + "':"
          + " stateful=True is not supported by keras4j. Return the last states with"
          + " returnState(true) and pass them as the initial states of the next call instead");
    }
    this.returnSequences = arg("return_sequences", false);
    this.returnState = arg("return_state", false);
    this.goBackwards = arg("go_backwards", false);
    this.unroll = arg("unroll", false);
    this.zeroOutputForMask = arg("zero_output_for_mask", false);
    this.cell = trackChild("cell", cell.apply(this));
  }

  private static String[] accepted(String[] own) {
    String[] shared = {"recurrent_activation", "dropout", "recurrent_dropout", "seed",
        "return_sequences", "return_state", "go_backwards", "stateful", "unroll",
        "zero_output_for_mask"};
    return KernelSettings.accepted(new String[] {KernelSettings.KERNEL, KernelSettings.RECURRENT},
        Stream.concat(Stream.of(shared), Stream.of(own)).toArray(String[]::new));
  }

  /** The arguments of a recurrent layer's Keras config shared by SimpleRNN, LSTM and GRU. */
  static ConfigArgs configArgs(ConfigReader config) {
    ConfigArgs args = ConfigArgs.of(config).kernelSettings(KernelSettings.KERNEL,
            KernelSettings.RECURRENT)
        .string("recurrent_activation").number("dropout").number("recurrent_dropout")
        .bool("return_sequences").bool("return_state").bool("go_backwards").bool("stateful")
        .bool("unroll").bool("zero_output_for_mask");
    return config.has("seed") ? args.add("seed", config.longValue("seed", 0)) : args;
  }

  /**
   * The number of units (the size of the output and of each state).
   *
   * @return the number of units
   */
  public int units() {
    return cell.units;
  }

  /**
   * Whether every step's output is returned, not only the last.
   *
   * @return Keras's {@code return_sequences}
   */
  public boolean returnSequences() {
    return returnSequences;
  }

  /**
   * Whether the last states follow the output.
   *
   * @return Keras's {@code return_state}
   */
  public boolean returnState() {
    return returnState;
  }

  /**
   * Whether the steps are read last to first.
   *
   * @return Keras's {@code go_backwards}
   */
  public boolean goBackwards() {
    return goBackwards;
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    Shape sequences = inputShapes.get(0);
    if (sequences.numDimensions() != 3 || sequences.get(2) < 0) {
      throw new IllegalArgumentException(describe() + " expects inputs shaped (batch, steps,"
          + " features) with the features known, got " + Shapes.toKeras(sequences));
    }
    int states = inputShapes.size() - 1;
    if (states != 0 && states != cell.stateCount()) {
      throw new IllegalArgumentException(describe() + " has " + cell.stateCount() + " state"
          + (cell.stateCount() == 1 ? "" : "s") + " but was given " + states + " initial"
          + " states: pass the sequence, then one tensor of shape (batch, " + cell.units
          + ") per state");
    }
    for (Shape state : inputShapes.subList(1, inputShapes.size())) {
      if (state.numDimensions() != 2 || state.get(1) != cell.units) {
        throw new IllegalArgumentException(describe() + ": an initial state must have shape"
            + " (batch, " + cell.units + "), got " + Shapes.toKeras(state));
      }
    }
    cell.ensureBuilt(Shape.of(sequences.get(0), sequences.get(2)));
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    Shape in = inputShapes.get(0);
    List<Shape> out = new ArrayList<>();
    out.add(returnSequences ? Shape.of(in.get(0), in.get(1), cell.units)
        : Shape.of(in.get(0), cell.units));
    if (returnState) {
      out.addAll(Collections.nCopies(cell.stateCount(), Shape.of(in.get(0), cell.units)));
    }
    return out;
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return returnSequences ? previousMask : null;
  }

  @Override
  protected List<KerasTensor> callAll(List<KerasTensor> inputs, boolean training) {
    return run(inputs, training, null);
  }

  @Override
  protected List<KerasTensor> callAll(
      List<KerasTensor> inputs, boolean training, List<KerasTensor> masks) {
    return run(inputs, training, masks.get(0));
  }

  /** The unrolled loop, as Keras's TensorFlow backend {@code rnn(..., unroll=True)}. */
  private List<KerasTensor> run(List<KerasTensor> inputs, boolean training, KerasTensor mask) {
    KerasTensor sequences = inputs.get(0);
    long steps = sequences.shape().get(1);
    if (steps < 0) {
      // fit, evaluate and predict catch it and trace once per concrete length instead.
      throw new UnknownDimensionException(describe() + " got inputs of shape "
          + Shapes.toKeras(sequences.shape()) + " with an unknown number of steps: keras4j"
          + " unrolls recurrent layers over the steps (TF Java has no gradient for While loops)."
          + " fit, evaluate and predict trace one graph per distinct length; elsewhere give the"
          + " Input a known length, Input.shape(steps, features), and pad shorter sequences"
          + " (mask the padding with Embedding(maskZero(true)) or Masking)");
    }
    List<KerasTensor> xs = unstack(sequences, (int) steps);
    List<KerasTensor> ms = mask == null ? null : Ops.split(Ops.cast(mask, "float32"),
        (int) steps, 1);
    if (goBackwards) {
      xs = reversed(xs);
      ms = ms == null ? null : reversed(ms);
    }
    KerasTensor zeros = Ops.stopGradient(Ops.multiply(
        Ops.zerosLike(Ops.sum(xs.get(0), -1, true)), Ops.zeros(1, cell.units)));
    List<KerasTensor> states = inputs.size() > 1 ? inputs.subList(1, inputs.size())
        : Collections.nCopies(cell.stateCount(), zeros);
    KerasTensor[] dropout = cell.dropoutMasks(xs.get(0), states.get(0), training);
    List<KerasTensor> outputs = new ArrayList<>();
    KerasTensor previous = zeros;
    for (int t = 0; t < steps; t++) {
      List<KerasTensor> next = cell.step(xs.get(t), states, dropout);
      KerasTensor output = next.get(0);
      if (ms != null) {
        KerasTensor keep = ms.get(t);
        output = blend(keep, output, previous);
        List<KerasTensor> kept = new ArrayList<>();
        for (int s = 0; s < next.size(); s++) {
          kept.add(blend(keep, next.get(s), states.get(s)));
        }
        next = kept;
      }
      if (zeroOutputForMask && ms != null) {
        outputs.add(Ops.multiply(output, ms.get(t)));
      } else {
        outputs.add(output);
      }
      previous = output;
      states = next;
    }
    List<KerasTensor> result = new ArrayList<>();
    result.add(returnSequences ? Ops.stack(outputs, 1) : outputs.get(outputs.size() - 1));
    if (returnState) {
      result.addAll(states);
    }
    return result;
  }

  /**
   * A new layer configured as this one (new weights), named {@code name}, reading the steps in
   * the order {@code goBackwards} says: Bidirectional's forward and backward copies, as Keras
   * clones the wrapped layer from its config.
   */
  final RNN copy(String name, boolean goBackwards) {
    Map<String, Object> config = getConfig();
    config.put("name", name);
    config.put("go_backwards", goBackwards);
    // Through JSON, so the values have the types a file's config has.
    return fromOwnConfig(ConfigReader.of(Json.parse(Json.write(config)), name));
  }

  /** This class's {@code fromConfig}. */
  abstract RNN fromOwnConfig(ConfigReader config);

  /** The steps of {@code (batch, steps, features)}: {@code steps} tensors {@code (batch, f)}. */
  static List<KerasTensor> unstack(KerasTensor sequences, int steps) {
    return Ops.split(sequences, steps, 1).stream().map(s -> Ops.squeeze(s, 1)).toList();
  }

  private static List<KerasTensor> reversed(List<KerasTensor> list) {
    List<KerasTensor> out = new ArrayList<>(list);
    Collections.reverse(out);
    return out;
  }

  /**
   * {@code keep ? a : b} per sample, {@code keep} a 0/1 column: arithmetic rather than {@code
   * where}, whose gradient TensorFlow's C++ registry may lack.
   */
  private static KerasTensor blend(KerasTensor keep, KerasTensor a, KerasTensor b) {
    return Ops.add(Ops.multiply(keep, a), Ops.multiply(Ops.subtract(1f, keep), b));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("return_sequences", returnSequences);
    config.put("return_state", returnState);
    config.put("go_backwards", goBackwards);
    config.put("stateful", false);
    config.put("unroll", unroll);
    config.put("zero_output_for_mask", zeroOutputForMask);
    cell.putConfig(config);
    return config;
  }
}
