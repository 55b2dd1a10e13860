package keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import keras4j.backend.CoreBridge;
import keras4j.backend.DType;
import keras4j.backend.Eager;
import keras4j.backend.Tensor;
import keras4j.backend.TextKernels;
import keras4j.backend.TextKernels.Ragged;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import keras4j.saving.WeightStore;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's {@code TextVectorization}: each sample string is standardized ({@code
 * "lower_and_strip_punctuation"} by default, {@code "lower"}, {@code "strip_punctuation"}, or
 * none), split ({@code "whitespace"} by default, {@code "character"}, or none), optionally
 * combined into n-grams, and looked up in a vocabulary (given, or learned by {@link #adapt}) by a
 * {@link StringLookup} whose mask token is {@code ""}. {@code output_mode} "int" gives token
 * indices (0 pads, 1 is out-of-vocabulary), cut or padded to {@code output_sequence_length};
 * "multi_hot", "count" and "tf_idf" encode each sample over the vocabulary.
 *
 * <p>The model's Input is a string column, {@code Input.ofType("string", 1)}, fed a {@code
 * String[]} or {@code String[][]}. The string ops are TensorFlow's, as Keras runs them, so the
 * tokens are Keras's exactly (lower-casing is ASCII-only, as {@code tf.strings.lower}).
 */
public class TextVectorization extends Layer {
  private static final List<String> STANDARDIZE =
      List.of("lower_and_strip_punctuation", "lower", "strip_punctuation");
  private static final List<String> SPLIT = List.of("whitespace", "character");
  private final Integer maxTokens;
  private final String standardize;
  private final String split;
  private final Object ngramsArg;
  private final List<Long> ngrams;
  private final String outputMode;
  private final Integer outputSequenceLength;
  private final boolean padToMaxTokens;
  private final StringLookup lookup;

  /**
   * A text vectorization layer.
   *
   * @param args keyword arguments from {@code keras4j.Keras}: {@code maxTokens(...)}, {@code
   *     standardize(...)}, {@code split(...)}, {@code ngrams(...)}, {@code outputMode(...)},
   *     {@code outputSequenceLength(...)}, {@code padToMaxTokens(...)}, {@code vocabulary(...)},
   *     {@code idfWeights(...)}, {@code name(...)}
   */
  public TextVectorization(LayerArg... args) {
    super(args, "max_tokens", "standardize", "split", "ngrams", "output_mode",
        "output_sequence_length", "pad_to_max_tokens", "vocabulary", "idf_weights", "sparse",
        "ragged", "encoding", "vocabulary_size", "has_input_vocabulary");
    this.maxTokens = arg("max_tokens", null);
    this.standardize = choice("standardize", "lower_and_strip_punctuation", STANDARDIZE);
    this.split = choice("split", "whitespace", SPLIT);
    String mode = arg("output_mode", "int");
    // Keras's deprecated names.
    this.outputMode = mode.equals("binary") ? "multi_hot" : mode.equals("tf-idf") ? "tf_idf" : mode;
    this.ngramsArg = arg("ngrams", null);
    this.ngrams = widths(ngramsArg);
    this.outputSequenceLength = arg("output_sequence_length", null);
    this.padToMaxTokens = arg("pad_to_max_tokens", false);
    if (!outputMode.equals("int") && outputSequenceLength != null) {
      throw new IllegalArgumentException("`output_sequence_length` must not be set if"
          + " `output_mode` is not 'int'. Received output_sequence_length="
          + outputSequenceLength);
    }
    if (padToMaxTokens && maxTokens == null) {
      throw new IllegalArgumentException("If pad_to_max_tokens is True, must set `max_tokens`."
          + " Received: max_tokens=None");
    }
    if (Boolean.TRUE.equals(arg("sparse", false)) || Boolean.TRUE.equals(arg("ragged", false))) {
      throw new IllegalArgumentException("keras4j's TextVectorization has no `sparse` or"
          + " `ragged` outputs: its outputs are dense");
    }
    if (!"utf-8".equals(String.valueOf(arg("encoding", "utf-8")).toLowerCase())) {
      throw new IllegalArgumentException("keras4j's TextVectorization reads UTF-8 only; got"
          + " encoding=" + arg("encoding", null));
    }
    if (split == null && (ngrams != null || outputSequenceLength != null)) {
      throw new UnsupportedOperationException("keras4j's TextVectorization needs a `split` for"
          + " `ngrams` or `output_sequence_length`");
    }
    // Keras's inner StringLookup: the mask token "" is index 0 in "int" mode.
    List<LayerArg> inner = new ArrayList<>(List.of(new Kwarg("mask_token", ""),
        new Kwarg("output_mode", outputMode), new Kwarg("name", name() + "_lookup")));
    for (String key : new String[] {"max_tokens", "vocabulary", "idf_weights"}) {
      Object value = arg(key, null);
      if (value != null) {
        inner.add(new Kwarg(key, value));
      }
    }
    this.lookup = trackChild("_lookup_layer", new StringLookup(inner.toArray(new LayerArg[0])));
  }

  // A string option of Keras's choices; Keras's None is given as null (held as false).
  private String choice(String key, String fallback, List<String> allowed) {
    Object value = arg(key, fallback);
    if (Boolean.FALSE.equals(value)) {
      return null;
    }
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(key + " value '" + value + "' is not supported by"
          + " TextVectorization: use one of " + allowed + " or null (no " + key + ")");
    }
    return (String) value;
  }

  // Keras's ngrams: n means the widths 1..n, a list its widths.
  private static List<Long> widths(Object ngrams) {
    if (ngrams == null) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    if (ngrams instanceof Integer n) {
      for (long w = 1; w <= n; w++) {
        out.add(w);
      }
    } else if (ngrams instanceof List<?> list) {
      list.forEach(w -> out.add(((Number) w).longValue()));
    } else {
      throw new IllegalArgumentException("`ngrams` must be None, an integer, or a tuple of"
          + " integers. Received: ngrams=" + ngrams);
    }
    if (out.isEmpty() || out.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException("`ngrams` widths must be positive; got " + ngrams);
    }
    return out;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config, as read from a {@code .keras} or {@code .h5} file
   * @return a new layer configured as saved
   */
  public static TextVectorization fromConfig(ConfigReader config) {
    ConfigArgs args = ConfigArgs.of(config).integer("max_tokens").string("output_mode")
        .integer("output_sequence_length").bool("pad_to_max_tokens").bool("sparse")
        .bool("ragged").string("encoding");
    // Keras's get_config always writes both: null is Keras's None.
    for (String key : new String[] {"standardize", "split"}) {
      Object value = config.raw(key);
      if (value != null && !(value instanceof String)) {
        throw config.invalid(key, "one of Keras's built-in names (keras4j runs no custom"
            + " Python callables)");
      }
      args.add(key, value == null ? false : value);
    }
    Object ngrams = config.raw("ngrams");
    if (ngrams instanceof Number n) {
      args.add("ngrams", n.intValue());
    } else if (ngrams instanceof List<?> list) {
      args.add("ngrams", list.stream().map(w -> ((Number) w).intValue()).toList());
    }
    if (config.raw("vocabulary") instanceof List<?> terms) {
      args.add("vocabulary", terms);
    } else if (config.raw("vocabulary") != null) {
      throw config.invalid("vocabulary", "a list of terms (keras4j does not read vocabulary"
          + " files named in a config)");
    }
    if (config.raw("idf_weights") instanceof List<?> idf) {
      args.add("idf_weights", idf.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
    }
    return new TextVectorization(args.get());
  }

  /**
   * Keras's {@code adapt}: learns the vocabulary (tokens by count, most frequent first, ties in
   * reverse byte order of the tokens) and, for "tf_idf", each term's {@code log(1 + documents /
   * (1 + documents holding it))}, from the tokens of {@code texts}.
   *
   * @param texts the documents
   */
  public void adapt(Iterable<String> texts) {
    List<String> docs = new ArrayList<>();
    texts.forEach(docs::add);
    lookup.adapt(tokenize(docs.toArray(new String[0])));
  }

  /**
   * {@link #adapt(Iterable)} on an array.
   *
   * @param texts the documents
   */
  public void adapt(String... texts) {
    adapt(Arrays.asList(texts));
  }

  /**
   * {@link #adapt(Iterable)} on a string NdArray, as Keras adapts on a NumPy array: each element,
   * whatever the array's shape, is a document; e.g. {@code adapt(AustenPassages.loadData()
   * .xTrain())}.
   *
   * @param texts the documents
   */
  public void adapt(NdArray<String> texts) {
    String[] docs = new String[Math.toIntExact(texts.size())];
    texts.copyTo(DataBuffers.ofObjects(docs));
    adapt(docs);
  }

  /**
   * {@link #adapt(Iterable)} on a stream.
   *
   * @param texts the documents
   */
  public void adapt(Stream<String> texts) {
    adapt(texts.toList());
  }

  // The token rows of docs, by this layer's standardize, split and ngrams, run in TensorFlow.
  private List<List<String>> tokenize(String[] docs) {
    for (int i = 0; i < docs.length; i++) {
      if (docs[i] == null) {
        throw new IllegalArgumentException("adapt(): document " + i + " is null");
      }
    }
    List<Eager.Value> values = Eager.run(() -> {
      Tensor in = new Tensor(Trace.current("TextVectorization.adapt").graph(),
          Eager.constant(Trace.current("TextVectorization.adapt").tf(),
              NdArrays.wrap(Shape.of(docs.length), DataBuffers.ofObjects(docs)), DType.STRING));
      Ragged tokens = tokens(in);
      return List.of(tokens.values(), tokens.rowSplits());
    });
    @SuppressWarnings("unchecked")
    NdArray<String> flat = (NdArray<String>) values.get(0).array();
    LongNdArray splits = (LongNdArray) values.get(1).array();
    List<List<String>> rows = new ArrayList<>();
    for (int r = 0; r < docs.length; r++) {
      List<String> row = new ArrayList<>();
      for (long i = splits.getLong(r); i < splits.getLong(r + 1); i++) {
        row.add(flat.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  // Standardize, split and ngrams of a rank-1 string batch, as Keras's _preprocess.
  private Ragged tokens(Tensor strings) {
    Tensor text = standardize == null ? strings : TextKernels.standardize(strings,
        standardize.startsWith("lower"), standardize.endsWith("strip_punctuation"));
    Ragged tokens = split == null ? TextKernels.wholeRows(text)
        : split.equals("whitespace") ? TextKernels.splitWhitespace(text)
        : TextKernels.splitCharacters(text);
    return ngrams == null ? tokens : TextKernels.ngrams(tokens, ngrams);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    if (!inputs.dtype().equals("string")) {
      throw new IllegalArgumentException("Layer '" + name() + "' vectorizes strings, got a "
          + inputs.dtype() + " input: give the model an Input of dtype \"string\""
          + " (Input.ofType(\"string\", 1)) and feed it a String[]");
    }
    if (split == null) {
      Tensor x = CoreBridge.tensor(inputs);
      KerasTensor text = standardize == null ? inputs : CoreBridge.kerasTensor(
          TextKernels.standardize(x, standardize.startsWith("lower"),
              standardize.endsWith("strip_punctuation")));
      KerasTensor ids = lookup.indices(text);
      return pad(lookup.encode(outputMode.equals("int") || ids.shape().numDimensions() > 1
          ? ids : Ops.expandDims(ids, -1)));
    }
    Shape shape = inputs.shape();
    KerasTensor column = inputs;
    if (shape.numDimensions() > 1) {
      if (shape.numDimensions() != 2 || shape.get(1) != 1) {
        throw new IllegalArgumentException("When using `TextVectorization` to tokenize strings,"
            + " the input rank must be 1 or the last shape dimension must be 1. Received:"
            + " inputs.shape=" + shape);
      }
      column = Ops.squeeze(inputs, -1);
    }
    Ragged tokens = tokens(CoreBridge.tensor(column));
    Tensor ids = CoreBridge.tensor(lookup.indices(CoreBridge.kerasTensor(tokens.values())));
    if (outputMode.equals("int")) {
      long length = outputSequenceLength == null ? -1 : outputSequenceLength;
      return CoreBridge.kerasTensor(TextKernels.toDense(ids, tokens.rowSplits(), length, 0));
    }
    // -1 fills the short rows: no bin, so the encoding counts only the real tokens.
    return pad(lookup.encode(CoreBridge.kerasTensor(
        TextKernels.toDense(ids, tokens.rowSplits(), -1, -1))));
  }

  // pad_to_max_tokens: the encoding's last axis filled with zeros up to max_tokens.
  private KerasTensor pad(KerasTensor encoded) {
    if (!padToMaxTokens || outputMode.equals("int")) {
      return encoded;
    }
    int extra = maxTokens - lookup.vocabularySize();
    return Ops.pad(encoded, new int[][] {{0, 0}, {0, extra}});
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (outputMode.equals("int")) {
      if (split == null) {
        return inputShape;
      }
      return Shape.of(inputShape.get(0),
          outputSequenceLength == null ? Shape.UNKNOWN_SIZE : outputSequenceLength);
    }
    return Shape.of(inputShape.get(0), padToMaxTokens ? maxTokens : lookup.vocabularySize());
  }

  /**
   * Keras's {@code get_vocabulary()}: {@code ""} (in "int" mode), {@code "[UNK]"}, then the terms.
   *
   * @return the vocabulary, each term at its index
   */
  public List<String> getVocabulary() {
    return lookup.getVocabulary().stream().map(t -> (String) t).toList();
  }

  /**
   * Keras's {@code vocabulary_size()}: the number of indices, the special ones included.
   *
   * @return the number of indices
   */
  public int vocabularySize() {
    return lookup.vocabularySize();
  }

  /**
   * Keras's {@code set_vocabulary}: replaces the vocabulary (and idf weights, for "tf_idf").
   *
   * @param terms the terms in index order (a leading "" and "[UNK]" are dropped)
   * @param idf the terms' inverse document frequencies for "tf_idf" mode, else null
   */
  public void setVocabulary(List<String> terms, double[] idf) {
    lookup.setVocabulary(terms, idf);
  }

  /** The idf weights by index, the OOV index's first (null unless "tf_idf"). */
  double[] idfWeights() {
    return lookup.idfWeights();
  }

  /** As Keras's: the lookup's state (tf_idf's {@code idf_weights}) in this layer's group too. */
  @Override
  public void saveOwnVariables(WeightStore store) {
    lookup.saveOwnVariables(store);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    Map<String, Object> inner = lookup.getConfig();
    config.put("max_tokens", maxTokens);
    config.put("standardize", standardize);
    config.put("split", split);
    config.put("ngrams", ngramsArg);
    config.put("output_mode", outputMode);
    config.put("output_sequence_length", outputSequenceLength);
    config.put("pad_to_max_tokens", padToMaxTokens);
    config.put("sparse", false);
    config.put("ragged", false);
    // As StringLookup: the vocabulary in the config, which Keras reads as a given one.
    config.put("vocabulary", inner.get("vocabulary"));
    config.put("idf_weights", inner.get("idf_weights"));
    config.put("encoding", "utf-8");
    config.put("vocabulary_size", inner.get("vocabulary_size"));
    return config;
  }
}
