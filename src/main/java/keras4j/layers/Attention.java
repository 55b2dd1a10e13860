package keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code Attention} ({@code layers/attention/attention.py}), Luong-style: called on
 * {@code [query, value]} or {@code [query, value, key]} ({@code (batch, Tq, dim)}, {@code (batch,
 * Tv, dim)}; key defaults to value), the softmax over Tv of the query-key scores weights the
 * values: {@code (batch, Tq, dim)}. Scores are {@code "dot"} products (times a scalar {@code scale}
 * with {@code useScale(true)}) or {@code "concat"}: {@code concat_score_weight * sum(tanh(scale *
 * (q + k)))}. A value mask hides those values; a query mask zeroes those outputs and passes on as
 * the output's mask, as in Keras. Call arguments: {@code useCausalMask(true)} (step i attends to
 * steps up to i) and {@code returnAttentionScores(true)} (the softmax weights {@code (batch, Tq,
 * Tv)} as a second output, {@code applyAll}). {@code dropout} drops weights while training.
 */
public class Attention extends Layer {
  private final boolean useScale;
  private final String scoreMode;
  private final double dropout;
  private final Long seed;
  private final long dropoutSeed;
  private Variable scale;
  private Variable concatScoreWeight;

  /**
   * Dot-product attention; {@code scoreMode("concat")}, {@code useScale(true)}, {@code
   * dropout(rate)} and {@code seed(n)} as in Keras.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code useScale(true)},
   *     {@code scoreMode("concat")}, {@code dropout(0.1)}, {@code name("...")}
   */
  public Attention(LayerArg... args) {
    this(false, args, "score_mode");
  }

  /**
   * For AdditiveAttention: Keras's default of {@code use_scale} and the layer's own arguments.
   *
   * @param useScaleDefault {@code use_scale} when not given
   * @param args the keyword arguments given to the subclass
   * @param accepted the subclass's own argument names besides use_scale, dropout and seed
   */
  protected Attention(boolean useScaleDefault, LayerArg[] args, String... accepted) {
    super(args, with(accepted, "use_scale", "dropout", "seed"));
    this.useScale = arg("use_scale", useScaleDefault);
    this.scoreMode = arg("score_mode", "dot");
    if (!scoreMode.equals("dot") && !scoreMode.equals("concat")) {
      throw new IllegalArgumentException("Invalid value for argument score_mode. Expected one of"
          + " {'dot', 'concat'}. Received: score_mode=" + scoreMode);
    }
    this.dropout = ((Number) arg("dropout", 0.0)).doubleValue();
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " dropout must be in"
          + " [0, 1), got " + dropout);
    }
    Number given = arg("seed", null);
    this.seed = given == null ? null : given.longValue();
    this.dropoutSeed = seed == null ? RandomSeed.next() : seed;
  }

  private static String[] with(String[] own, String... common) {
    List<String> out = new ArrayList<>(List.of(common));
    out.addAll(List.of(own));
    return out.toArray(new String[0]);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Attention fromConfig(ConfigReader config) {
    return new Attention(common(config).string("score_mode").get());
  }

  /** The arguments Attention and AdditiveAttention share, read from {@code config}. */
  static ConfigArgs common(ConfigReader config) {
    return ConfigArgs.of(config).bool("use_scale").number("dropout")
        .add("seed", config.raw("seed") == null ? null : config.longValue("seed", 0));
  }

  /**
   * Whether the scores are scaled by the learned {@code scale}.
   *
   * @return whether the scores are scaled by the learned {@code scale}
   */
  protected final boolean useScale() {
    return useScale;
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    validate(inputShapes);
    if (useScale) {
      scale = addWeight("scale", NdArrays.scalarOf(1f), true, null);
    }
    if (scoreMode.equals("concat")) {
      concatScoreWeight = addWeight("concat_score_weight", NdArrays.scalarOf(1f), true, null);
    }
  }

  /**
   * Keras's {@code _validate_inputs}: two or three inputs of rank 3 or more.
   *
   * @param inputShapes the shapes of query, value and (optionally) key
   */
  protected final void validate(List<Shape> inputShapes) {
    String cls = getClass().getSimpleName();
    if (inputShapes.size() < 2 || inputShapes.size() > 3) {
      throw new IllegalArgumentException(describe() + ": " + cls + " layer accepts inputs list of"
          + " length 2 or 3, namely [query, value] or [query, value, key]. Received length: "
          + inputShapes.size() + ".");
    }
    for (Shape s : inputShapes) {
      if (s.numDimensions() < 3) {
        throw new IllegalArgumentException(describe() + " takes (batch, steps, dim) query, value"
            + " and key, got shapes " + inputShapes.stream().map(Shapes::toKeras).toList());
      }
    }
  }

  /**
   * Keras's {@code _calculate_scores}: {@code (batch, Tq, Tv)} from query and key.
   *
   * @param query the query, {@code (batch, Tq, dim)}
   * @param key the key, {@code (batch, Tv, dim)}
   * @return the scores before masking and softmax
   */
  protected KerasTensor scores(KerasTensor query, KerasTensor key) {
    if (scoreMode.equals("dot")) {
      KerasTensor scores = Ops.einsum("...qd,...vd->...qv", query, key);
      return scale == null ? scores : Ops.multiply(scores, scale);
    }
    KerasTensor sum = Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3));
    if (scale != null) {
      sum = Ops.multiply(scale, sum);
    }
    return Ops.multiply(concatScoreWeight, Ops.sum(Ops.tanh(sum), -1));
  }

  @Override
  protected Set<String> callArgNames() {
    return Set.of("use_causal_mask", "return_attention_scores");
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected List<KerasTensor> callAll(List<KerasTensor> inputs, boolean training) {
    List<KerasTensor> none = new ArrayList<>();
    inputs.forEach(in -> none.add(null));
    return callAll(inputs, training, none);
  }

  @Override
  protected List<KerasTensor> callAll(
      List<KerasTensor> inputs, boolean training, List<KerasTensor> masks) {
    validate(inputs.stream().map(KerasTensor::shape).toList());
    KerasTensor query = inputs.get(0);
    KerasTensor value = inputs.get(1);
    KerasTensor key = inputs.size() > 2 ? inputs.get(2) : value;
    KerasTensor scores = scores(query, key);
    KerasTensor scoresMask = masks.get(1) == null ? null : Ops.expandDims(masks.get(1), -2);
    if (callArg("use_causal_mask", false)) {
      // Keras's causal mask: row index >= column index, from cumulative sums of ones.
      KerasTensor ones = Ops.onesLike(scores);
      KerasTensor causal = Ops.greaterEqual(Ops.cumsum(ones, -2), Ops.cumsum(ones, -1));
      scoresMask = scoresMask == null ? causal : Ops.logicalAnd(scoresMask, causal);
    }
    if (scoresMask != null) {
      // As Keras: masked scores lowered by 1e9, so they get no weight.
      scores = Ops.where(Ops.logicalNot(scoresMask), Ops.subtract(scores, 1e9), scores);
    }
    KerasTensor weights = Ops.softmax(scores, -1);
    KerasTensor dropped = training && dropout > 0 ? Ops.dropout(weights, dropout, dropoutSeed)
        : weights;
    KerasTensor output = Ops.einsum("...qv,...vd->...qd", dropped, value);
    if (masks.get(0) != null) {
      output = Ops.where(Ops.expandDims(masks.get(0), -1), output, 0.0);
    }
    return callArg("return_attention_scores", false) ? List.of(output, weights)
        : List.of(output);
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    validate(inputShapes);
    Shape query = inputShapes.get(0);
    Shape value = inputShapes.get(1);
    Shape key = inputShapes.size() > 2 ? inputShapes.get(2) : value;
    long[] out = query.asArray();
    out[out.length - 1] = value.get(value.numDimensions() - 1);
    Shape output = Shape.of(out);
    if (!callArg("return_attention_scores", false)) {
      return List.of(output);
    }
    out[out.length - 1] = key.get(key.numDimensions() - 2);
    return List.of(output, Shape.of(out));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("use_scale", useScale);
    config.put("score_mode", scoreMode);
    config.put("dropout", dropout);
    config.put("seed", seed);
    return config;
  }
}
