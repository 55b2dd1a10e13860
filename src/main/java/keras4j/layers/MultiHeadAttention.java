package keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.ops.Ops;
import keras4j.regularizers.Regularizer;
import keras4j.saving.ConfigReader;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code MultiHeadAttention} ({@code layers/attention/multi_head_attention.py}): called on
 * {@code (query, value)} or {@code (query, value, key)}, each projected per head by an {@link
 * EinsumDense} (sublayers {@code query}, {@code key}, {@code value}: kernels {@code (dim,
 * numHeads, keyDim)}, as Keras saves them), scaled dot-product attention over {@code
 * attentionAxes} (the steps by default), and the heads projected back by {@code
 * attention_output} to the query's last dimension (or {@code outputShape(...)}). Masks of query,
 * value and key (from {@code Embedding(maskZero)}) hide those positions as Keras's do and the
 * query's passes on; {@code useCausalMask(true)} lets step i attend to steps up to i; {@code
 * returnAttentionScores(true)} adds the softmax weights {@code (batch, numHeads, Tq, Tv)} as a
 * second output. As Keras, without dropout and scores the weights of a fully masked query are
 * uniform (Keras's fused dot-product attention); otherwise they are zero (its masked softmax).
 */
public class MultiHeadAttention extends Layer {
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  /** Keras's fill for masked logits in its fused path: 0.7 times float32's largest value. */
  private static final double FUSED_NEGATIVE = -0.7 * 3.38953e38;

  private final int numHeads;
  private final int keyDim;
  private final int valueDim;
  private final double dropout;
  private final boolean useBias;
  private final long[] outputShape;
  private int[] attentionAxes;
  private final Long seed;
  private final long dropoutSeed;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final Regularizer kernelRegularizer;
  private final Regularizer biasRegularizer;
  private EinsumDense queryDense;
  private EinsumDense keyDense;
  private EinsumDense valueDense;
  private EinsumDense outputDense;
  private String dotProductEquation;
  private String combineEquation;
  private int[] normAxes;

  /**
   * Attention of {@code numHeads} heads of size {@code keyDim}.
   *
   * @param numHeads the number of heads, at least 1
   * @param keyDim the size of each head for query and key, at least 1
   * @param args keyword arguments from {@code keras4j.Keras}: {@code valueDim(n)}, {@code
   *     dropout(rate)}, {@code useBias(false)}, {@code outputShape(...)}, {@code
   *     attentionAxes(...)}, {@code kernelInitializer(...)}, {@code biasInitializer(...)}, {@code
   *     seed(n)}, {@code name("...")}
   */
  public MultiHeadAttention(int numHeads, int keyDim, LayerArg... args) {
    super(args, "value_dim", "dropout", "use_bias", "output_shape", "attention_axes", "seed",
        "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer");
    if (numHeads <= 0) {
      throw new IllegalArgumentException("Received an invalid value for argument `num_heads`,"
          + " expected a positive integer. Received: num_heads=" + numHeads);
    }
    if (keyDim <= 0) {
      throw new IllegalArgumentException("Received an invalid value for argument `key_dim`,"
          + " expected a positive integer. Received: key_dim=" + keyDim);
    }
    this.numHeads = numHeads;
    this.keyDim = keyDim;
    int value = arg("value_dim", keyDim);
    if (value <= 0) {
      throw new IllegalArgumentException("Received an invalid value for argument `value_dim`,"
          + " expected a positive integer or `None`. Received: value_dim=" + value);
    }
    this.valueDim = value;
    this.dropout = ((Number) arg("dropout", 0.0)).doubleValue();
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("MultiHeadAttention dropout must be in [0, 1), got "
          + dropout);
    }
    this.useBias = arg("use_bias", true);
    long[] shape = arg("output_shape", null);
    this.outputShape = shape == null ? null : shape.clone();
    int[] axes = arg("attention_axes", null);
    this.attentionAxes = axes == null ? null : axes.clone();
    Number given = arg("seed", null);
    this.seed = given == null ? null : given.longValue();
    this.dropoutSeed = seed == null ? RandomSeed.next() : seed;
    this.kernelInitializer = initializer(arg("kernel_initializer", "glorot_uniform"));
    this.biasInitializer = initializer(arg("bias_initializer", "zeros"));
    this.kernelRegularizer = arg("kernel_regularizer", null);
    this.biasRegularizer = arg("bias_regularizer", null);
  }

  private static Initializer initializer(Object spec) {
    return spec instanceof Initializer given ? given : Initializers.get((String) spec);
  }

  /**
   * Keras's {@code from_config}; gated heads, sliding windows, flash attention and constraints
   * other than none are refused.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static MultiHeadAttention fromConfig(ConfigReader config) {
    if (config.bool("use_gate", false)) {
      throw config.unsupported("use_gate=True");
    }
    for (String key : new String[] {"sliding_window", "flash_attention"}) {
      if (config.raw(key) != null && !Boolean.FALSE.equals(config.raw(key))) {
        throw config.unsupported(key + "=" + config.raw(key));
      }
    }
    ConfigArgs args = ConfigArgs.of(config).number("dropout").bool("use_bias")
        .initializer("kernel_initializer").initializer("bias_initializer")
        .regularizer("kernel_regularizer").regularizer("bias_regularizer")
        .add("seed", config.raw("seed") == null ? null : config.longValue("seed", 0));
    if (config.raw("value_dim") != null) {
      args.integer("value_dim");
    }
    if (config.raw("output_shape") != null) {
      args.add("output_shape", config.raw("output_shape") instanceof Long n ? new long[] {n}
          : config.shape("output_shape"));
    }
    if (config.raw("attention_axes") != null) {
      args.ints("attention_axes");
    }
    return new MultiHeadAttention(config.intValue("num_heads"), config.intValue("key_dim"),
        args.get());
  }

  /** An EinsumDense sublayer with this layer's kernel settings. */
  private EinsumDense dense(String name, String[] equation, long[] outputShape, Shape input) {
    List<LayerArg> args = new ArrayList<>(List.of(new Kwarg("name", name),
        new Kwarg("kernel_initializer", kernelInitializer),
        new Kwarg("bias_initializer", biasInitializer)));
    if (useBias) {
      args.add(new Kwarg("bias_axes", equation[1]));
    }
    if (kernelRegularizer != null) {
      args.add(new Kwarg("kernel_regularizer", kernelRegularizer));
    }
    if (biasRegularizer != null) {
      args.add(new Kwarg("bias_regularizer", biasRegularizer));
    }
    EinsumDense layer = new EinsumDense(equation[0], outputShape, args.toArray(new LayerArg[0]));
    layer.ensureBuilt(input);
    return layer;
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    checkInputs(inputShapes);
    Shape query = inputShapes.get(0);
    Shape value = inputShapes.get(1);
    Shape key = inputShapes.size() > 2 ? inputShapes.get(2) : value;
    long[] heads = {numHeads, keyDim};
    queryDense = trackChild("query_dense", dense("query",
        projection(query.numDimensions() - 1, 1, 2), free(query.numDimensions(), heads), query));
    keyDense = trackChild("key_dense", dense("key",
        projection(key.numDimensions() - 1, 1, 2), free(key.numDimensions(), heads), key));
    valueDense = trackChild("value_dense", dense("value",
        projection(value.numDimensions() - 1, 1, 2),
        free(value.numDimensions(), new long[] {numHeads, valueDim}), value));
    int rank = query.numDimensions() + 1;
    buildAttention(rank);
    long[] out = outputShape != null ? outputShape
        : new long[] {query.get(query.numDimensions() - 1)};
    long[] projected = queryDense.computeOutputShape(query).asArray();
    projected[projected.length - 1] = valueDim;
    outputDense = trackChild("output_dense", dense("attention_output",
        projection(query.numDimensions() - 1, 2, out.length),
        free(query.numDimensions() - 2 + out.length, out), Shape.of(projected)));
  }

  private void checkInputs(List<Shape> shapes) {
    if (shapes.size() < 2 || shapes.size() > 3) {
      throw new IllegalArgumentException(describe() + " is called on (query, value) or (query,"
          + " value, key), got " + shapes.size() + " inputs");
    }
    Shape value = shapes.get(1);
    Shape key = shapes.size() > 2 ? shapes.get(2) : value;
    long[] v = value.asArray();
    long[] k = key.asArray();
    if (v.length < 3 || shapes.get(0).numDimensions() < 3 || v.length != k.length
        || !Arrays.equals(Arrays.copyOfRange(v, 1, v.length - 1),
            Arrays.copyOfRange(k, 1, k.length - 1))) {
      throw new IllegalArgumentException(describe() + ": query, value and key must be shaped"
          + " (batch, ..., dim), and all dimensions of `value` and `key`, except the last one,"
          + " must be equal. Received: shapes "
          + shapes.stream().map(Shapes::toKeras).toList());
    }
  }

  /** Keras's {@code _get_output_shape}: unknown dims, then {@code known}, {@code rank} long. */
  private static long[] free(int rank, long[] known) {
    long[] out = new long[rank];
    Arrays.fill(out, -1);
    System.arraycopy(known, 0, out, out.length - known.length, known.length);
    return out;
  }

  /** Keras's {@code _build_proj_equation}: the equation and the bias axes. */
  private static String[] projection(int freeDims, int boundDims, int outputDims) {
    String in = LETTERS.substring(0, freeDims) + LETTERS.substring(freeDims, freeDims + boundDims);
    String outAxes = LETTERS.substring(freeDims + boundDims, freeDims + boundDims + outputDims);
    String kernel = LETTERS.substring(freeDims, freeDims + boundDims) + outAxes;
    return new String[] {in + "," + kernel + "->" + LETTERS.substring(0, freeDims) + outAxes,
        outAxes};
  }

  /** Keras's {@code _build_attention} and {@code _build_attention_equation}. */
  private void buildAttention(int rank) {
    int[] axes = attentionAxes == null ? rangeOf(1, rank - 2) : attentionAxes.clone();
    for (int i = 0; i < axes.length; i++) {
      axes[i] = axes[i] >= 0 ? axes[i] : rank - 1 + axes[i];
      if (axes[i] <= 0 || axes[i] >= rank - 2) {
        throw new IllegalArgumentException(describe() + ": attention_axes "
            + Arrays.toString(attentionAxes) + " must name axes between the batch and the"
            + " features of the query, of rank " + (rank - 1));
      }
    }
    attentionAxes = axes;
    String target = LETTERS.substring(0, rank);
    List<Integer> batch = new ArrayList<>();
    StringBuilder source = new StringBuilder();
    int offset = rank;
    for (int i = 0; i < rank; i++) {
      boolean attended = contains(axes, i);
      if (!attended && i != rank - 1) {
        batch.add(i);
      }
      source.append(attended ? LETTERS.charAt(offset++) : target.charAt(i));
    }
    StringBuilder product = new StringBuilder();
    batch.forEach(i -> product.append(target.charAt(i)));
    for (int a : axes) {
      product.append(target.charAt(a));
    }
    for (int a : axes) {
      product.append(source.charAt(a));
    }
    dotProductEquation = source + "," + target + "->" + product;
    combineEquation = product + "," + source + "->" + target;
    normAxes = rangeOf(product.length() - axes.length, product.length());
  }

  private static int[] rangeOf(int from, int to) {
    int[] out = new int[Math.max(0, to - from)];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  private static boolean contains(int[] values, int value) {
    return Arrays.stream(values).anyMatch(v -> v == value);
  }

  /** As Keras: {@code mha(query, value, key)}, three tensor arguments. */
  @Override
  public List<String> positionalInputs() {
    return List.of("query", "value", "key");
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
    checkInputs(inputs.stream().map(KerasTensor::shape).toList());
    KerasTensor value = inputs.get(1);
    KerasTensor key = inputs.size() > 2 ? inputs.get(2) : value;
    KerasTensor query = queryDense.apply(inputs.get(0));
    key = keyDense.apply(key);
    value = valueDense.apply(value);
    boolean returnScores = callArg("return_attention_scores", false);
    // Keras's choice: its fused dot-product attention unless dropout, scores or rank differ.
    boolean fused = dropout == 0 && !returnScores && query.shape().numDimensions() == 4;
    double scale = 1.0 / Math.sqrt(keyDim);
    KerasTensor scores = fused
        ? Ops.multiply(Ops.einsum(dotProductEquation, key, query), scale)
        : Ops.einsum(dotProductEquation, key, Ops.multiply(query, scale));
    KerasTensor mask = scoresMask(scores, masks);
    KerasTensor weights;
    if (fused) {
      weights = Ops.softmax(mask == null ? scores : Ops.where(mask, scores, FUSED_NEGATIVE), -1);
    } else {
      weights = maskedSoftmax(scores, mask);
    }
    KerasTensor dropped = training && dropout > 0 ? Ops.dropout(weights, dropout, dropoutSeed)
        : weights;
    KerasTensor output = outputDense.apply(Ops.einsum(combineEquation, dropped, value));
    return returnScores ? List.of(output, weights) : List.of(output);
  }

  /**
   * Keras's {@code _compute_attention_mask} at the scores {@code (batch, heads, Tq, Tv)}: the
   * query mask on Tq, the value and key masks on Tv, and the causal mask; null for none.
   */
  private KerasTensor scoresMask(KerasTensor scores, List<KerasTensor> masks) {
    boolean causal = callArg("use_causal_mask", false);
    boolean masked = causal || masks.stream().anyMatch(m -> m != null);
    if (masked && scores.shape().numDimensions() != 4) {
      throw new IllegalArgumentException(describe() + ": keras4j applies masks and the causal"
          + " mask to (batch, steps, dim) inputs attending over the steps only; got scores of"
          + " shape " + Shapes.toKeras(scores.shape()));
    }
    KerasTensor mask = null;
    if (masks.get(0) != null) {
      mask = Ops.expandDims(Ops.expandDims(masks.get(0), 1), -1);
    }
    for (KerasTensor m : masks.subList(1, masks.size())) {
      if (m != null) {
        KerasTensor steps = Ops.expandDims(Ops.expandDims(m, 1), 1);
        mask = mask == null ? steps : Ops.logicalAnd(mask, steps);
      }
    }
    if (causal) {
      // As Keras: row index >= column index, from cumulative sums of ones.
      KerasTensor ones = Ops.onesLike(scores);
      KerasTensor lower = Ops.greaterEqual(Ops.cumsum(ones, -2), Ops.cumsum(ones, -1));
      mask = mask == null ? lower : Ops.logicalAnd(mask, lower);
    }
    return mask;
  }

  /** Keras's Softmax layer with a mask: masked scores at -1e9, masked weights zero. */
  private KerasTensor maskedSoftmax(KerasTensor scores, KerasTensor mask) {
    KerasTensor x = mask == null ? scores : Ops.where(mask, scores, -1e9);
    KerasTensor out = normAxes.length == 1 ? Ops.softmax(x, normAxes[0])
        : Ops.exp(Ops.subtract(x, Ops.logsumexp(x, normAxes, true)));
    return mask == null ? out : Ops.where(mask, out, 0.0);
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    checkInputs(inputShapes);
    long[] query = inputShapes.get(0).asArray();
    long[] out = query;
    if (outputShape != null) {
      out = Arrays.copyOf(query, query.length - 1 + outputShape.length);
      System.arraycopy(outputShape, 0, out, query.length - 1, outputShape.length);
    }
    if (!callArg("return_attention_scores", false)) {
      return List.of(Shape.of(out));
    }
    Shape value = inputShapes.get(1);
    long[] scores = {query[0], numHeads, query[1], value.get(1)};
    return List.of(Shape.of(out), Shape.of(scores));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("num_heads", numHeads);
    config.put("key_dim", keyDim);
    config.put("value_dim", valueDim);
    config.put("dropout", dropout);
    config.put("use_bias", useBias);
    config.put("use_gate", false);
    config.put("output_shape", outputShape == null ? null
        : Arrays.stream(outputShape).boxed().toList());
    config.put("attention_axes", attentionAxes == null ? null
        : Arrays.stream(attentionAxes).boxed().toList());
    config.put("sliding_window", null);
    config.put("kernel_initializer",
        KernelSettings.nested("keras.initializers", kernelInitializer.getConfig()));
    config.put("bias_initializer",
        KernelSettings.nested("keras.initializers", biasInitializer.getConfig()));
    config.put("kernel_regularizer", kernelRegularizer == null ? null
        : KernelSettings.nested("keras.regularizers", kernelRegularizer.getConfig()));
    config.put("bias_regularizer", biasRegularizer == null ? null
        : KernelSettings.nested("keras.regularizers", biasRegularizer.getConfig()));
    config.put("activity_regularizer", null);
    config.put("kernel_constraint", null);
    config.put("bias_constraint", null);
    config.put("seed", seed);
    return config;
  }
}
