package keras4j.layers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.backend.CoreBridge;
import keras4j.backend.TextKernels;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.Assets;
import keras4j.saving.WeightStore;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The basis of {@link StringLookup} and {@link IntegerLookup}, as Keras's {@code IndexLookup}:
 * each input token becomes its index in the vocabulary, after the mask token (index 0, in
 * {@code "int"} mode) and the out-of-vocabulary indices; {@code output_mode} "one_hot",
 * "multi_hot", "count" and "tf_idf" encode the indices of a sample over the vocabulary. The
 * vocabulary is given or learned by {@link #adapt} (tokens by count, most frequent first, ties in
 * reverse token order, as Keras sorts them).
 *
 * <p>The lookup runs in the model's graph without a hash table: a string by binary search on the
 * vocabulary's fingerprints, {@code O(log vocabulary)}; an integer (or a string in an eager call)
 * by comparison with every vocabulary entry, {@code O(vocabulary)} per token, fine for
 * vocabularies of thousands, slow for hundreds of thousands.
 */
public abstract class IndexLookup extends Layer {
  private static final List<String> MODES =
      List.of("int", "one_hot", "multi_hot", "count", "tf_idf");
  private final Integer maxTokens;
  private final int numOovIndices;
  private final Object maskToken;
  private final Object oovToken;
  private final boolean invert;
  private final String outputMode;
  private final boolean vocabularyGiven;
  private List<Object> vocabulary;
  private double[] idfWeights;
  // The idf weights as a model's graph reads them, Keras's idf_weights variable, which
  // loadOwnVariables assigns once the graph is built; null until a graph or a file needs it.
  private Variable idfVariable;
  // Set when the vocabulary came from a Keras file's assets: its idf weights are only in the
  // weights file, read after the graph is built.
  private boolean idfFromWeights;
  // Set once a model's graph holds the vocabulary (as constants), which a new one would not reach.
  private boolean inGraph;

  /** A lookup layer of Keras's arguments {@code args}, {@code oovToken} by default. */
  IndexLookup(LayerArg[] args, Object defaultOov) {
    super(args, "max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary",
        "idf_weights", "invert", "output_mode", "pad_to_max_tokens", "sparse", "encoding",
        "vocabulary_dtype", "oov_method", "salt");
    this.maxTokens = arg("max_tokens", null);
    this.numOovIndices = arg("num_oov_indices", 1);
    this.maskToken = token(arg("mask_token", null));
    this.oovToken = token(arg("oov_token", defaultOov));
    this.invert = arg("invert", false);
    this.outputMode = arg("output_mode", "int");
    if (!MODES.contains(outputMode)) {
      throw new IllegalArgumentException("Invalid value for argument `output_mode`. Expected one"
          + " of " + MODES + ". Received: output_mode=" + outputMode);
    }
    if (numOovIndices < 0) {
      throw new IllegalArgumentException("`num_oov_indices` must be greater than or equal to 0."
          + " Received: num_oov_indices=" + numOovIndices);
    }
    if (invert && !outputMode.equals("int")) {
      throw new IllegalArgumentException("`output_mode` must be \"int\" when `invert` is true."
          + " Received: output_mode=" + outputMode);
    }
    if (boolArg("pad_to_max_tokens") || boolArg("sparse")) {
      throw new IllegalArgumentException("keras4j's lookup layers have no `pad_to_max_tokens`"
          + " or `sparse` outputs");
    }
    List<?> given = arg("vocabulary", null);
    this.vocabularyGiven = given != null;
    double[] idf = arg("idf_weights", null);
    if (given != null) {
      setVocabulary(given, idf);
    } else if (outputMode.equals("tf_idf") && idf != null) {
      throw new IllegalArgumentException("`idf_weights` needs a `vocabulary` of as many terms");
    }
  }

  /** The idf weights by index, the OOV indices' first (null unless "tf_idf"). */
  double[] idfWeights() {
    double[] idf = currentIdf();
    return idf == null ? null : idf.clone();
  }

  // The idf weights now: the variable's once there is one (a file may have assigned it).
  private double[] currentIdf() {
    if (idfVariable == null) {
      return idfWeights;
    }
    FloatNdArray value = idfVariable.numpy();
    double[] out = new double[(int) value.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value.getFloat(i);
    }
    return out;
  }

  private Variable idfVariable() {
    if (idfVariable == null) {
      idfVariable = new Variable(name() + "/idf_weights", NdArrays.vectorOf(floats(idfWeights)),
          false);
    }
    return idfVariable;
  }

  private static float[] floats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private boolean boolArg(String key) {
    return Boolean.TRUE.equals(arg(key, false));
  }

  /** A token as this layer stores it: String, or Long for an integer. */
  abstract Object token(Object value);

  /** The dtype of the tokens: "string" or "int64". */
  abstract String tokenDtype();

  /**
   * Keras's {@code set_vocabulary}: the terms in index order, without the mask and OOV tokens
   * (a leading mask and OOV tokens, as {@code get_vocabulary()} lists them, are dropped).
   *
   * @param terms the vocabulary
   * @param idf the inverse document frequency of each term for "tf_idf" mode (null otherwise)
   */
  public final void setVocabulary(List<?> terms, double[] idf) {
    if (inGraph) {
      throw new IllegalStateException("Layer '" + name() + "' already runs in a model, whose graph"
          + " holds its vocabulary: adapt it or set its vocabulary before the model first runs,"
          + " or build a new model around it");
    }
    List<Object> tokens = new ArrayList<>();
    for (Object term : terms) {
      tokens.add(token(term));
    }
    int special = 0;
    if (maskToken != null && !tokens.isEmpty() && tokens.get(0).equals(maskToken)) {
      special = 1;
    }
    while (special < tokens.size() && tokens.get(special).equals(oovToken)) {
      special++;
    }
    tokens = new ArrayList<>(tokens.subList(special, tokens.size()));
    Set<Object> seen = new HashSet<>();
    for (Object t : tokens) {
      if (!seen.add(t) || t.equals(maskToken) || t.equals(oovToken)) {
        throw new IllegalArgumentException("The vocabulary of layer '" + name() + "' must hold"
            + " distinct terms, without the mask or OOV token after the start; got '" + t
            + "' twice or in the middle");
      }
    }
    if (outputMode.equals("tf_idf")) {
      if (idf == null || idf.length != tokens.size() && idf.length != tokens.size() + tokenStart()) {
        throw new IllegalArgumentException("`idf_weights` must be the same length as vocabulary:"
            + " got " + (idf == null ? "none" : idf.length) + " for " + tokens.size() + " terms");
      }
      idfWeights = idf.length == tokens.size() ? padIdf(idf) : idf.clone();
    }
    vocabulary = tokens;
    idfVariable = null;
    idfFromWeights = false;
  }

  // Keras pads the front with the mean idf, for the OOV indices.
  private double[] padIdf(double[] idf) {
    double mean = java.util.Arrays.stream(idf).average().orElse(0);
    double[] out = new double[idf.length + tokenStart()];
    java.util.Arrays.fill(out, 0, tokenStart(), mean);
    System.arraycopy(idf, 0, out, tokenStart(), idf.length);
    return out;
  }

  /**
   * Keras's {@code adapt}: learns the vocabulary from {@code data}, tokens by count (most frequent
   * first, ties in reverse token order), at most {@code max_tokens} with the special ones; for
   * "tf_idf", each term's {@code log(1 + documents / (1 + documents holding it))}.
   *
   * @param data the samples: a Java array or list of tokens, or of rows of tokens (documents)
   */
  public final void adapt(Iterable<?> data) {
    if (vocabularyGiven) {
      throw new IllegalStateException("Layer '" + name() + "' was given its vocabulary; adapt()"
          + " would replace it");
    }
    Map<Object, Long> counts = new HashMap<>();
    Map<Object, Long> documents = new HashMap<>();
    long docs = 0;
    for (Object sample : data) {
      docs++;
      Set<Object> inDoc = new HashSet<>();
      for (Object t : tokensOf(sample)) {
        Object token = token(t);
        counts.merge(token, 1L, Long::sum);
        inDoc.add(token);
      }
      inDoc.forEach(t -> documents.merge(t, 1L, Long::sum));
    }
    counts.remove(maskToken);
    counts.remove(oovToken);
    List<Object> sorted = new ArrayList<>(counts.keySet());
    Comparator<Object> byToken = (a, b) -> a instanceof String s
        ? java.util.Arrays.compareUnsigned(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            ((String) b).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        : Long.compare((Long) a, (Long) b);
    sorted.sort(Comparator.<Object>comparingLong(counts::get).thenComparing(byToken).reversed());
    if (maxTokens != null) {
      sorted = sorted.subList(0, Math.max(0, Math.min(sorted.size(), maxTokens - tokenStart())));
    }
    double[] idf = null;
    if (outputMode.equals("tf_idf")) {
      long n = docs;
      idf = sorted.stream().mapToDouble(t -> Math.log(1 + n / (1.0 + documents.get(t))))
          .toArray();
    }
    setVocabulary(sorted, idf);
  }

  /**
   * Keras's {@code load_assets}: an adapted vocabulary, which Keras saves as {@code
   * vocabulary.txt} (one term a line, the special tokens first) instead of in the config.
   */
  @Override
  public void loadAssets(Assets assets) {
    String text = vocabularyGiven ? null : assets.text("vocabulary.txt");
    if (text == null) {
      return;
    }
    List<String> lines = new ArrayList<>(text.lines().toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    List<Object> terms = new ArrayList<>();
    for (String line : lines) {
      terms.add(tokenDtype().equals("string") ? line : Long.parseLong(line.strip()));
    }
    // Keras reads an adapted layer's idf weights (one per line, the special tokens' too) from the
    // weights file first; keras4j reads that file after building the graph, so until then they
    // are zeros, and the graph reads them from the variable loadOwnVariables assigns.
    boolean pending = outputMode.equals("tf_idf") && idfWeights == null;
    setVocabulary(terms, pending ? new double[lines.size()] : idfWeights);
    idfFromWeights = pending;
  }

  /**
   * Keras's {@code load_own_variables}: in "tf_idf" mode the idf weights by index, the dataset
   * {@code idf_weights}, which Keras writes for every vocabulary and holds an adapted one's only
   * there.
   */
  @Override
  public void loadOwnVariables(WeightStore store) {
    super.loadOwnVariables(store);
    if (!outputMode.equals("tf_idf") || idfWeights == null) {
      return;
    }
    if (store.has("idf_weights")) {
      store.load("idf_weights", idfVariable(), describe());
    } else if (idfFromWeights) {
      throw new IllegalArgumentException(describe() + ": the file has no idf_weights at "
          + store.path() + ", which the \"tf_idf\" vocabulary of its assets needs (save the"
          + " model again with Keras's model.save)");
    }
  }

  /**
   * Keras's {@code save_own_variables}: in "tf_idf" mode the idf weights by index (the OOV
   * indices' first), as the dataset {@code idf_weights}, which Keras's loading requires (keras4j
   * also writes them in the config, with the vocabulary, as a given vocabulary's).
   */
  @Override
  public void saveOwnVariables(WeightStore store) {
    super.saveOwnVariables(store);
    if (outputMode.equals("tf_idf") && idfWeights != null) {
      store.put("idf_weights", floats(currentIdf()));
    }
  }

  private static Iterable<?> tokensOf(Object sample) {
    if (sample instanceof Iterable<?> row) {
      return row;
    }
    if (sample instanceof Object[] row) {
      return List.of(row);
    }
    if (sample instanceof int[] row) {
      return java.util.Arrays.stream(row).boxed().toList();
    }
    if (sample instanceof long[] row) {
      return java.util.Arrays.stream(row).boxed().toList();
    }
    return List.of(sample);
  }

  private int oovStart() {
    return maskToken != null && outputMode.equals("int") ? 1 : 0;
  }

  private int tokenStart() {
    return oovStart() + numOovIndices;
  }

  /**
   * Keras's {@code get_vocabulary()}: the mask token (in "int" mode), the OOV tokens, then the
   * terms, each at its index.
   *
   * @return the vocabulary, special tokens first
   */
  public List<Object> getVocabulary() {
    List<Object> out = new ArrayList<>();
    if (oovStart() == 1) {
      out.add(maskToken);
    }
    for (int i = 0; i < numOovIndices; i++) {
      out.add(oovToken);
    }
    out.addAll(requireVocabulary());
    return out;
  }

  /**
   * The number of indices, special ones included (Keras's {@code vocabulary_size()}).
   *
   * @return the number of indices
   */
  public int vocabularySize() {
    return tokenStart() + requireVocabulary().size();
  }

  private List<Object> requireVocabulary() {
    if (vocabulary == null) {
      throw new IllegalStateException("Layer '" + name() + "' has no vocabulary: give it one"
          + " (vocabulary(...)) or call adapt(...) first");
    }
    return vocabulary;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return invert ? inverse(inputs) : encode(indices(inputs));
  }

  /** Each token's index (the mask token 0 in "int" mode, -1 in the others), as int64. */
  KerasTensor indices(KerasTensor inputs) {
    List<Object> terms = requireVocabulary();
    if (!inputs.dtype().equals(tokenDtype()) && !(tokenDtype().equals("int64")
        && inputs.dtype().startsWith("int"))) {
      throw new IllegalArgumentException("Layer '" + name() + "' looks up " + tokenDtype()
          + " tokens, got a " + inputs.dtype() + " input: give the model an Input of dtype \""
          + (tokenDtype().equals("string") ? "string" : "int64") + "\"");
    }
    KerasTensor x = tokenDtype().equals("string") ? inputs : Ops.cast(inputs, "int64");
    if (terms.isEmpty()) {
      throw new IllegalStateException("Layer '" + name() + "' has an empty vocabulary");
    }
    KerasTensor position = position(x, terms);
    KerasTensor ids = Ops.where(Ops.greaterEqual(position, 0L),
        Ops.add(position, (long) tokenStart()), oovIndices(x));
    if (maskToken != null) {
      // The mask token is index 0 in "int" mode, and dropped (-1: no bin) in the others.
      ids = Ops.where(Ops.equal(x, constant(List.of(maskToken))),
          (long) (outputMode.equals("int") ? 0 : -1), ids);
    }
    return ids;
  }

  // Each token's position in terms, -1 if absent: strings in a model's graph by binary search on
  // fingerprints (TextKernels.lookup); integers, or strings on eager values, by comparing each
  // token with every term.
  private KerasTensor position(KerasTensor x, List<Object> terms) {
    inGraph |= Trace.currentOrNull() != null;
    if (tokenDtype().equals("string") && Trace.currentOrNull() != null) {
      return CoreBridge.kerasTensor(TextKernels.lookup(CoreBridge.tensor(x),
          CoreBridge.tensor(constant(terms))));
    }
    KerasTensor matches = Ops.equal(Ops.expandDims(x, -1), constant(terms));
    KerasTensor position = Ops.cast(Ops.argmax(Ops.cast(matches, "int32"), -1), "int64");
    return Ops.where(Ops.any(matches, -1), position, -1L);
  }

  // Out-of-vocabulary tokens: one index, or integers spread over several by floormod, as Keras.
  private KerasTensor oovIndices(KerasTensor x) {
    if (numOovIndices <= 1) {
      // A scalar, broadcast by the lookup's where: -1 (no index) without OOV indices.
      return KerasTensor.constant(NdArrays.scalarOf(numOovIndices == 0 ? -1L : oovStart()));
    }
    if (tokenDtype().equals("string")) {
      throw new UnsupportedOperationException("keras4j's StringLookup has no hashed OOV buckets"
          + " yet: use num_oov_indices 0 or 1");
    }
    return Ops.add(Ops.mod(x, (long) numOovIndices), (long) oovStart());
  }

  /** The indices {@code ids} in the output mode: as they are, or encoded over the vocabulary. */
  KerasTensor encode(KerasTensor ids) {
    if (outputMode.equals("int")) {
      return ids;
    }
    int depth = vocabularySize();
    KerasTensor samples = ids;
    if (ids.shape().numDimensions() > 1 && ids.shape().get(ids.shape().numDimensions() - 1) == 1
        && outputMode.equals("one_hot")) {
      samples = Ops.squeeze(ids, -1);
    }
    KerasTensor hot = Ops.oneHot(samples, depth);
    if (outputMode.equals("one_hot") || samples.shape().numDimensions() < 2) {
      return hot;
    }
    if (outputMode.equals("multi_hot")) {
      return Ops.max(hot, -2);
    }
    KerasTensor counts = Ops.sum(hot, -2);
    if (outputMode.equals("count")) {
      return counts;
    }
    return Ops.multiply(counts, Trace.currentOrNull() != null ? idfVariable().value()
        : KerasTensor.constant(NdArrays.vectorOf(floats(currentIdf()))));
  }

  // Indices back to tokens; indices outside the vocabulary give the OOV token.
  private KerasTensor inverse(KerasTensor ids) {
    List<Object> all = getVocabulary();
    KerasTensor index = Ops.cast(ids, "int64");
    KerasTensor valid = Ops.logicalAnd(Ops.greaterEqual(index, 0L),
        Ops.less(index, (long) all.size()));
    KerasTensor safe = Ops.where(valid, index, 0L);
    KerasTensor found = Ops.take(constant(all), safe, 0);
    return Ops.where(valid, found, KerasTensor.constant(tokenDtype().equals("string")
        ? NdArrays.scalarOfObject((String) oovToken) : NdArrays.scalarOf((Long) oovToken)));
  }

  private KerasTensor constant(List<Object> tokens) {
    NdArray<?> array;
    if (tokenDtype().equals("string")) {
      array = NdArrays.wrap(Shape.of(tokens.size()),
          DataBuffers.ofObjects(tokens.toArray(new String[0])));
    } else {
      array = NdArrays.wrap(Shape.of(tokens.size()),
          DataBuffers.of(tokens.stream().mapToLong(t -> (Long) t).toArray(), false, false));
    }
    return KerasTensor.constant(array);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (outputMode.equals("int")) {
      return inputShape;
    }
    // One-hot drops a last axis of 1; the other modes encode the last axis's tokens together.
    int rank = inputShape.numDimensions();
    boolean dropLast = rank > 1
        && (!outputMode.equals("one_hot") || inputShape.get(rank - 1) == 1);
    return (dropLast ? inputShape.subShape(0, rank - 1) : inputShape).append(vocabularySize());
  }

  /** The arguments of a saved lookup layer's config, for its {@code fromConfig}. */
  static LayerArg[] configArgs(ConfigReader config) {
    // Keras's oov_method="farmhash" (salted or not) hashes out-of-vocabulary integers over the
    // OOV indices; keras4j spreads them by floormod only, which would pick other indices.
    String oovMethod = config.string("oov_method", "floormod");
    if (!oovMethod.equals("floormod") && config.has("num_oov_indices")
        && config.intValue("num_oov_indices") > 1) {
      throw config.unsupported("oov_method=" + oovMethod + " with num_oov_indices > 1 (keras4j"
          + " spreads out-of-vocabulary integers by floormod)");
    }
    // Keras encodes Python strings by `encoding`; keras4j's strings are UTF-8 bytes.
    String encoding = config.string("encoding", "utf-8");
    if (!encoding.equalsIgnoreCase("utf-8") && !encoding.equalsIgnoreCase("utf8")) {
      throw config.unsupported("encoding=" + encoding + " (keras4j's strings are UTF-8)");
    }
    ConfigArgs args = ConfigArgs.of(config).integer("max_tokens").integer("num_oov_indices")
        .bool("invert").string("output_mode").bool("pad_to_max_tokens").bool("sparse");
    for (String key : new String[] {"mask_token", "oov_token"}) {
      if (config.has(key)) {
        args.add(key, config.raw(key));
      }
    }
    if (config.raw("vocabulary") instanceof List<?> terms) {
      args.add("vocabulary", terms);
    } else if (config.raw("vocabulary") != null) {
      throw config.invalid("vocabulary", "a list of terms (keras4j does not read vocabulary"
          + " files)");
    }
    if (config.raw("idf_weights") instanceof List<?> idf) {
      args.add("idf_weights", idf.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
    }
    return args.get();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("invert", invert);
    config.put("max_tokens", maxTokens);
    config.put("num_oov_indices", numOovIndices);
    config.put("oov_token", oovToken);
    config.put("mask_token", maskToken);
    config.put("output_mode", outputMode);
    config.put("sparse", false);
    config.put("pad_to_max_tokens", false);
    // Keras saves an adapted vocabulary as an asset file; keras4j keeps it in the config, which
    // Keras reads as a given vocabulary.
    config.put("vocabulary", vocabulary == null ? null : new ArrayList<>(vocabulary));
    List<Double> idf = null;
    if (idfWeights != null) {
      idf = new ArrayList<>();
      double[] all = currentIdf();
      for (double w : java.util.Arrays.copyOfRange(all, tokenStart(), all.length)) {
        idf.add(w);
      }
    }
    config.put("idf_weights", idf);
    config.put("vocabulary_size", vocabulary == null ? null : vocabularySize());
    config.put("oov_method", "floormod");
    config.put("salt", null);
    return config;
  }
}
