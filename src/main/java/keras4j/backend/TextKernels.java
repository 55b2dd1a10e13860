package keras4j.backend;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.op.strings.UnicodeDecode;
import org.tensorflow.op.strings.UnicodeEncode;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The string ops behind {@code TextVectorization}, as Keras's {@code _preprocess} runs them with
 * {@code tf.strings}: ASCII lower-casing, Keras's punctuation regex, whitespace and character
 * splitting, n-grams. A batch of token lists is held as a ragged pair: the tokens of all rows
 * ({@code values}) and the int64 {@code rowSplits} (row {@code i} is values[splits[i],
 * splits[i+1])).
 */
public final class TextKernels {
  /** Keras's {@code strip_punctuation} pattern (RE2), character for character. */
  public static final String PUNCTUATION = "[!\"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~\\']";

  private TextKernels() {}

  /** The tokens of a batch: {@code values} and the row splits into them. */
  public record Ragged(Tensor values, Tensor rowSplits) {}

  private static Operand<TString> strings(Tensor t) {
    if (t.dtype() != DType.STRING) {
      throw new IllegalArgumentException("Expected a string tensor, got " + t.dtype());
    }
    return t.any();
  }

  /**
   * {@code tf.strings.lower} (ASCII letters only, as Keras's default encoding-free call) and/or
   * {@code tf.strings.regex_replace(x, PUNCTUATION, "")}.
   */
  public static Tensor standardize(Tensor x, boolean lower, boolean stripPunctuation) {
    Ops tf = x.graph().tf();
    Operand<TString> out = strings(x);
    if (lower) {
      out = tf.strings.lower(out);
    }
    if (stripPunctuation) {
      out = tf.strings.staticRegexReplace(out, PUNCTUATION, "");
    }
    return new Tensor(x.graph(), out);
  }

  /** A rank-1 batch unsplit: each string its row's one token. */
  public static Ragged wholeRows(Tensor x) {
    Ops tf = x.graph().tf();
    Operand<TInt64> rows = tf.dtypes.cast(tf.size(strings(x)), TInt64.class);
    return ragged(x, strings(x), tf.range(tf.constant(0L), tf.math.add(rows, tf.constant(1L)),
        tf.constant(1L)));
  }

  /** {@code tf.strings.split(x)} of a rank-1 batch: runs of whitespace separate, ends stripped. */
  public static Ragged splitWhitespace(Tensor x) {
    Ops tf = x.graph().tf();
    Operand<TString> in = strings(x);
    StringSplit split = tf.strings.stringSplit(in, tf.constant(""));
    // Row splits from the sparse result's row ids: 0, then the running count of tokens per row.
    Operand<TInt64> rows = tf.reshape(tf.stridedSlice(split.indices(), Indices.all(),
        Indices.at(0)), tf.constant(new long[] {-1}));
    Operand<TInt64> batch = tf.dtypes.cast(tf.size(in), TInt64.class);
    Operand<TInt64> counts = tf.math.unsortedSegmentSum(tf.onesLike(rows), rows, batch);
    return ragged(x, split.values(), splitsOf(tf, counts));
  }

  /** {@code tf.strings.unicode_split(x, "UTF-8")} of a rank-1 batch: one token per character. */
  public static Ragged splitCharacters(Tensor x) {
    Ops tf = x.graph().tf();
    UnicodeDecode<TInt64> decoded = tf.strings.unicodeDecode(strings(x), "UTF-8",
        new UnicodeDecode.Options[] {UnicodeDecode.errors("replace"),
            UnicodeDecode.replacementChar(65533L), UnicodeDecode.replaceControlCharacters(false)});
    Operand<TInt32> chars = decoded.charValues();
    // Each code point its own row, encoded back: the characters as strings.
    Operand<TInt64> each = tf.range(tf.constant(0L),
        tf.math.add(tf.dtypes.cast(tf.size(chars), TInt64.class), tf.constant(1L)),
        tf.constant(1L));
    Operand<TString> values = tf.strings.unicodeEncode(chars, each, "UTF-8",
        UnicodeEncode.errors("replace"), UnicodeEncode.replacementChar(65533L));
    return ragged(x, values, decoded.rowSplits());
  }

  /**
   * {@code tf.strings.ngrams(tokens, widths, separator=" ")}: per row, the n-grams of each width
   * in order, rows shorter than a width giving none of it.
   */
  public static Ragged ngrams(Ragged tokens, List<Long> widths) {
    Ops tf = tokens.values().graph().tf();
    var grams = tf.strings.stringNGrams(strings(tokens.values()),
        tokens.rowSplits().<TInt64>any(), " ", widths, "", "", 0L, false);
    return ragged(tokens.values(), grams.ngrams(), grams.ngramsSplits());
  }

  /**
   * The rows as a dense int64 {@code (batch, length)} tensor, cut or filled with {@code fill} to
   * {@code length} (-1: the longest row's), as {@code RaggedTensor.to_tensor}.
   */
  public static Tensor toDense(Tensor values, Tensor rowSplits, long length, long fill) {
    Ops tf = values.graph().tf();
    Operand<TInt64> ids = values.any();
    var dense = tf.ragged.raggedTensorToTensor(tf.constant(new long[] {-1, length}), ids,
        tf.constant(fill), List.of(rowSplits.<TInt64>any()), List.of("ROW_SPLITS"));
    return new Tensor(values.graph(), dense);
  }

  /**
   * Each string of {@code x}'s position in {@code vocabulary} (distinct strings), -1 for none,
   * in O(log vocabulary) per string: the vocabulary's 64-bit fingerprints sorted, each string's
   * found by binary search, then the strings compared, so a fingerprint collision of an unknown
   * string is never a hit. (Two vocabulary terms with one fingerprint, odds of about V^2 / 2^65,
   * would leave the second unreachable.)
   */
  public static Tensor lookup(Tensor x, Tensor vocabulary) {
    Ops tf = x.graph().tf();
    Operand<TString> keys = strings(vocabulary);
    Operand<TString> flat = tf.reshape(strings(x), tf.constant(new int[] {-1}));
    // Fingerprints are in [0, 2^63 - 1), so negating them (TopK sorts descending) is exact.
    var top = tf.nn.topK(tf.math.neg(fingerprint(tf, keys)), tf.size(keys), TInt32.class);
    Operand<TInt64> sorted = tf.math.neg(top.values());
    Operand<TInt64> wanted = fingerprint(tf, flat);
    Operand<TInt64> at = tf.reshape(tf.lowerBound(tf.expandDims(sorted, tf.constant(0)),
        tf.expandDims(wanted, tf.constant(0)), TInt64.class), tf.constant(new int[] {-1}));
    at = tf.math.minimum(at, tf.math.sub(tf.size(keys, TInt64.class), tf.constant(1L)));
    Operand<TInt64> term = tf.dtypes.cast(tf.gather(top.indices(), at, tf.constant(0)),
        TInt64.class);
    Operand<TBool> hit = tf.math.logicalAnd(
        tf.math.equal(tf.gather(sorted, at, tf.constant(0)), wanted),
        tf.math.equal(tf.gather(keys, term, tf.constant(0)), flat));
    Operand<TInt64> found = tf.select(hit, term, tf.math.sub(tf.zerosLike(term),
        tf.constant(1L)));
    return new Tensor(x.graph(), tf.reshape(found, tf.shape(strings(x))));
  }

  private static Operand<TInt64> fingerprint(Ops tf, Operand<TString> strings) {
    return tf.strings.toHashBucketFast(strings, Long.MAX_VALUE);
  }

  private static Operand<TInt64> splitsOf(Ops tf, Operand<TInt64> counts) {
    return tf.concat(List.of(tf.constant(new long[] {0}), tf.math.cumsum(counts,
        tf.constant(0))), tf.constant(0));
  }

  private static Ragged ragged(Tensor like, Operand<TString> values, Operand<TInt64> splits) {
    return new Ragged(new Tensor(like.graph(), values), new Tensor(like.graph(), splits));
  }
}
