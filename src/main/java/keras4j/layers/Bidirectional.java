package keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code Bidirectional}: a recurrent layer run forwards and a copy of it backwards over
 * the same input, their outputs merged: {@code "concat"} (the default, on the last axis), {@code
 * "sum"}, {@code "mul"}, {@code "ave"}, or {@code null} for both outputs ({@code applyAll}). The
 * backward layer is a copy of the forward one with {@code goBackwards} flipped (or the one given
 * with {@code backwardLayer}); with {@code returnSequences} its outputs are reversed back into
 * step order before merging, as Keras does. Weights: the forward layer's, then the backward's.
 */
public class Bidirectional extends Layer {
  /** The {@code merge_mode} value meaning Keras's None: both outputs, unmerged. */
  public static final String NO_MERGE = "none";

  private static final List<String> MODES = List.of("concat", "sum", "mul", "ave", NO_MERGE);
  private final RNN forward;
  private final RNN backward;
  private final String mergeMode;

  /**
   * Wraps {@code layer}.
   *
   * @param layer the recurrent layer (SimpleRNN, LSTM, GRU) run forwards
   * @param args keyword arguments from {@code keras4j.Keras}: {@code mergeMode("sum")} ({@code
   *     mergeMode(null)} for both outputs), {@code backwardLayer(...)}, {@code name("...")}
   */
  public Bidirectional(RNN layer, LayerArg... args) {
    super(args, "merge_mode", "backward_layer");
    this.mergeMode = arg("merge_mode", "concat");
    if (!MODES.contains(mergeMode)) {
      throw new IllegalArgumentException("Invalid merge mode. Received: " + mergeMode
          + ". Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", \"none\""
          + " (Keras's None)}");
    }
    RNN given = arg("backward_layer", null);
    String base = layer.name().replaceFirst("^forward_", "");
    this.forward = trackChild("forward_layer",
        layer.copy("forward_" + base, layer.goBackwards()));
    this.backward = trackChild("backward_layer", given != null ? given
        : layer.copy("backward_" + base, !layer.goBackwards()));
    if (backward.goBackwards() == forward.goBackwards()) {
      throw new IllegalArgumentException("Forward layer and backward layer should have"
          + " different `go_backwards` value. Received: forward_layer.go_backwards="
          + forward.goBackwards() + ", backward_layer.go_backwards=" + backward.goBackwards());
    }
    if (forward.returnSequences() != backward.returnSequences()
        || forward.returnState() != backward.returnState()) {
      throw new IllegalArgumentException("Forward layer and backward layer should have the same"
          + " return_sequences and return_state");
    }
  }

  /**
   * Keras's {@code from_config}: the forward and backward layers are rebuilt by {@code layers}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @param layers deserializes a nested layer entry (the loading model's layer table)
   * @return a new, unbuilt layer configured as saved
   */
  public static Bidirectional fromConfig(ConfigReader config,
      Function<ConfigReader, Layer> layers) {
    // Keras writes merge_mode None as null, which a keyword argument cannot hold.
    ConfigArgs args = ConfigArgs.of(config).add("merge_mode",
        config.has("merge_mode") ? config.string("merge_mode") : NO_MERGE);
    if (config.has("backward_layer")) {
      args.add("backward_layer", recurrent(Wrappers.layer(config, "backward_layer", layers)));
    }
    return new Bidirectional(recurrent(Wrappers.layer(config, "layer", layers)), args.get());
  }

  private static RNN recurrent(Layer layer) {
    if (!(layer instanceof RNN rnn)) {
      throw new IllegalArgumentException("Bidirectional wraps a recurrent layer (SimpleRNN, LSTM,"
          + " GRU), got " + layer.getClass().getSimpleName());
    }
    return rnn;
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    if (inputShapes.size() != 1) {
      throw new IllegalArgumentException(describe() + " takes one input (initial states are not"
          + " supported by keras4j's Bidirectional), got " + inputShapes.size());
    }
    forward.ensureBuilt(inputShapes);
    backward.ensureBuilt(inputShapes);
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return forward.returnSequences() ? previousMask : null;
  }

  @Override
  protected List<KerasTensor> callAll(List<KerasTensor> inputs, boolean training) {
    return run(inputs.get(0));
  }

  @Override
  protected List<KerasTensor> callAll(
      List<KerasTensor> inputs, boolean training, List<KerasTensor> masks) {
    return run(inputs.get(0).withMask(masks.get(0)));
  }

  private List<KerasTensor> run(KerasTensor x) {
    List<KerasTensor> y = forward.applyAll(List.of(x));
    List<KerasTensor> yRev = backward.applyAll(List.of(x));
    KerasTensor a = y.get(0).withMask(null);
    KerasTensor b = yRev.get(0).withMask(null);
    if (forward.returnSequences()) {
      b = Ops.flip(b, 1);
    }
    List<KerasTensor> out = new ArrayList<>();
    switch (mergeMode) {
      case "concat" -> out.add(Ops.concatenate(List.of(a, b), -1));
      case "sum" -> out.add(Ops.add(a, b));
      case "mul" -> out.add(Ops.multiply(a, b));
      case "ave" -> out.add(Ops.multiply(Ops.add(a, b), 0.5f));
      default -> {
        out.add(a);
        out.add(b);
      }
    }
    out.addAll(y.subList(1, y.size()));
    out.addAll(yRev.subList(1, yRev.size()));
    return out;
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    List<Shape> f = forward.computeOutputShapes(inputShapes);
    List<Shape> out = new ArrayList<>();
    Shape first = f.get(0);
    if ("concat".equals(mergeMode)) {
      long[] dims = first.asArray();
      dims[dims.length - 1] *= 2;
      out.add(Shape.of(dims));
    } else {
      out.add(first);
      if (NO_MERGE.equals(mergeMode)) {
        out.add(first);
      }
    }
    out.addAll(f.subList(1, f.size()));
    out.addAll(f.subList(1, f.size()));
    return out;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("merge_mode", NO_MERGE.equals(mergeMode) ? null : mergeMode);
    config.put("layer", Wrappers.nested(forward));
    config.put("backward_layer", Wrappers.nested(backward));
    return config;
  }
}
