package keras4j.datasets;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Reads the pickles of Keras's data sets without running anything from the file: a NumPy object
 * array of int lists, the form of IMDB's and Reuters's word sequences, and the dicts of CIFAR's
 * batches (byte-string keys; uint8 arrays, lists, ints and byte strings). A pickle is a program,
 * and a tampered data set file could otherwise call any function (Python's {@code
 * np.load(allow_pickle=True)} or {@code pickle.load} would).
 *
 * <p>As Keras's {@code npz_utils.RestrictedUnpickler}, it resolves only the globals NumPy's array
 * pickles name ({@code numpy.ndarray}, {@code numpy.dtype}, and {@code _reconstruct} of {@code
 * numpy.core.multiarray} or NumPy 2's {@code numpy._core.multiarray}), and it goes further: it
 * interprets only the opcodes such a pickle uses (protocols 2 to 5), calls nothing (it recognizes
 * the two constructions NumPy writes and builds Java values for them), and accepts only a
 * one-dimensional object array whose elements are lists of ints, or a dict whose arrays are
 * uint8. Python 2's strings (CIFAR's pickles are cPickle's) are read as bytes, as Keras's {@code
 * encoding="bytes"}. Anything else fails with an {@link IOException} that names it.
 */
final class RestrictedUnpickler {

  /** The globals an object array's pickle may name. */
  private enum Global {
    RECONSTRUCT("_reconstruct"), NDARRAY("numpy.ndarray"), DTYPE("numpy.dtype");

    private final String pythonName;

    Global(String pythonName) {
      this.pythonName = pythonName;
    }

    @Override
    public String toString() {
      return pythonName;
    }
  }

  private static final Map<String, Global> ALLOWED_GLOBALS = Map.of(
      "numpy.core.multiarray._reconstruct", Global.RECONSTRUCT,
      "numpy._core.multiarray._reconstruct", Global.RECONSTRUCT,
      "numpy.ndarray", Global.NDARRAY,
      "numpy.dtype", Global.DTYPE);

  /** A pickled tuple; Python lists become {@link ArrayList}s. */
  private record Tuple(List<Object> items) {}

  /** {@code numpy.dtype(descr, align, copy)}; its state (byte order, flags) is not needed. */
  private record Dtype(String descr) {}

  /** {@code _reconstruct(ndarray, (0,), b'b')}, an empty array that BUILD fills. */
  private static final class Array {
    Tuple shape;
    Dtype dtype;
    Object data;
  }

  /** Stands for Python's None on the stack, where null would be ambiguous in the memo. */
  private static final Object NONE = new Object();

  private final DataInputStream in;
  private final String what;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();
  // IMDB holds 12 million words below 90,000: one boxed value per distinct word, not per word.
  private final Long[] smallIntegers = new Long[1 << 17];
  private long position;

  private RestrictedUnpickler(DataInputStream in, String what) {
    this.in = in;
    this.what = what;
  }

  /**
   * Reads a pickled one-dimensional object array of int lists.
   *
   * @param in the pickle, which must be all that is left in the stream
   * @param what the array's name in messages, e.g. {@code "x_train.npy"}
   * @return the lists
   * @throws IOException when the stream is not such a pickle, names a global or uses an opcode
   *     outside the allowed ones, or holds anything but int lists
   */
  static int[][] read(DataInputStream in, String what) throws IOException {
    RestrictedUnpickler reader = new RestrictedUnpickler(in, what);
    return reader.sequences(reader.whole());
  }

  // The stream's one pickle, which must end the stream.
  private Object whole() throws IOException {
    Object value;
    try {
      value = run();
    } catch (EOFException e) {
      throw new IOException(what + ": its pickle ends early", e);
    }
    if (in.read() != -1) {
      throw new IOException(what + " holds bytes after its pickle");
    }
    return value;
  }

  /**
   * Reads a pickled dict, as CIFAR's batch files hold: its keys as text, its NumPy arrays as
   * {@link ByteNdArray}s (uint8 only), byte strings as {@code byte[]}, lists as {@link List}s,
   * ints as {@link Long}s.
   *
   * @param in the pickle, which must be all that is left in the stream
   * @param what the file's name in messages
   * @return the dict, in the pickle's order
   * @throws IOException when the stream is not such a pickle, names a global or uses an opcode
   *     outside the allowed ones, or holds an array of another dtype
   */
  static Map<String, Object> readDict(DataInputStream in, String what) throws IOException {
    RestrictedUnpickler reader = new RestrictedUnpickler(in, what);
    if (!(reader.whole() instanceof Map<?, ?> dict)) {
      throw reader.refuse("is not a dict");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      out.put(String.valueOf(e.getKey()), reader.plain(e.getValue()));
    }
    return out;
  }

  // A dict value with its NumPy arrays as ByteNdArrays.
  private Object plain(Object value) throws IOException {
    if (value instanceof Array array) {
      return bytes(array);
    }
    if (value instanceof Tuple || value instanceof Dtype || value instanceof Global) {
      throw refuse("holds a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
          + " as a dict value, which keras4j does not read");
    }
    return value == NONE ? null : value;
  }

  private ByteNdArray bytes(Array array) throws IOException {
    String descr = array.dtype == null ? "" : array.dtype.descr();
    if (!descr.equals("u1") && !descr.equals("|u1")) {
      throw refuse("holds an array of dtype '" + descr + "'; only uint8 arrays are read");
    }
    long[] dims = new long[array.shape.items().size()];
    for (int i = 0; i < dims.length; i++) {
      if (!(array.shape.items().get(i) instanceof Long d) || d < 0) {
        throw refuse("holds an array whose shape is not of sizes: " + array.shape.items());
      }
      dims[i] = d;
    }
    Shape shape = Shape.of(dims);
    if (!(array.data instanceof byte[] data) || data.length != shape.size()) {
      throw refuse("holds a uint8 array of shape " + shape + " without its " + shape.size()
          + " bytes");
    }
    return NdArrays.wrap(shape, DataBuffers.of(data, true, false));
  }

  private Object run() throws IOException {
    while (true) {
      long at = position;
      int opcode = u8();
      switch (opcode) {
        case 0x80 -> u8(); // PROTO: the protocol number
        case 0x95 -> bytes(8); // FRAME: a length hint
        case '.' -> { // STOP
          if (stack.size() != 1 || !marks.isEmpty()) {
            throw refuse("stops with " + stack.size() + " values on its stack");
          }
          return stack.get(0);
        }
        case '(' -> marks.push(stack.size()); // MARK
        case ']' -> stack.add(new ArrayList<>()); // EMPTY_LIST
        case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
        case 's' -> { // SETITEM
          Object value = pop();
          Object key = pop();
          dict(peek(0), at).put(key(key, at), value);
        }
        case 'u' -> { // SETITEMS
          List<Object> items = popMark(at);
          Map<Object, Object> dict = dict(peek(0), at);
          if (items.size() % 2 != 0) {
            throw refuse("sets a dict's items from an odd number of values, at byte " + at);
          }
          for (int i = 0; i < items.size(); i += 2) {
            dict.put(key(items.get(i), at), items.get(i + 1));
          }
        }
        case ')' -> stack.add(new Tuple(List.of())); // EMPTY_TUPLE
        case 'a' -> list(peek(1), at).add(pop()); // APPEND
        case 'e' -> { // APPENDS
          List<Object> items = popMark(at);
          list(peek(0), at).addAll(items);
        }
        case 't' -> stack.add(new Tuple(popMark(at))); // TUPLE
        case 0x85, 0x86, 0x87 -> stack.add(new Tuple(popN(opcode - 0x84, at))); // TUPLE1..3
        case 'N' -> stack.add(NONE);
        case 0x88 -> stack.add(Boolean.TRUE); // NEWTRUE
        case 0x89 -> stack.add(Boolean.FALSE); // NEWFALSE
        case 'J' -> stack.add(integer((int) u32())); // BININT, signed
        case 'K' -> stack.add(integer(u8())); // BININT1
        case 'M' -> stack.add(integer(u8() | u8() << 8)); // BININT2
        case 0x8a -> stack.add(integer(long1(at))); // LONG1
        case 'X' -> stack.add(utf8(u32())); // BINUNICODE
        case 0x8c -> stack.add(utf8(u8())); // SHORT_BINUNICODE
        // Python 2's str, read as bytes (Keras's encoding="bytes").
        case 'U' -> stack.add(bytes(u8())); // SHORT_BINSTRING
        case 'T' -> stack.add(bytes(u32())); // BINSTRING
        case 'C' -> stack.add(bytes(u8())); // SHORT_BINBYTES
        case 'B' -> stack.add(bytes(u32())); // BINBYTES
        case 'c' -> stack.add(global(line() + "." + line())); // GLOBAL
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop();
          Object module = pop();
          if (!(module instanceof String m) || !(name instanceof String n)) {
            throw refuse("names a global by something other than strings, at byte " + at);
          }
          stack.add(global(m + "." + n));
        }
        case 'R' -> { // REDUCE
          Object args = pop();
          stack.add(reduce(pop(), args, at));
        }
        case 'b' -> { // BUILD
          Object state = pop();
          build(peek(0), state, at);
        }
        case 'q' -> memo.put((long) u8(), peek(0)); // BINPUT
        case 'r' -> memo.put(u32(), peek(0)); // LONG_BINPUT
        case 0x94 -> memo.put((long) memo.size(), peek(0)); // MEMOIZE
        case 'h' -> stack.add(memoized(u8(), at)); // BINGET
        case 'j' -> stack.add(memoized(u32(), at)); // LONG_BINGET
        default -> throw refuse(String.format("uses pickle opcode 0x%02x at byte %d, which"
            + " NumPy's object arrays of int lists never use", opcode, at));
      }
    }
  }

  private Object global(String name) throws IOException {
    Global global = ALLOWED_GLOBALS.get(name);
    if (global == null) {
      throw refuse("names the global " + name + " (a function or class the file would have"
          + " Python call); only " + ALLOWED_GLOBALS.keySet().stream().sorted().toList()
          + " are allowed, and keras4j calls none of them");
    }
    return global;
  }

  // The two calls NumPy's array pickles make, recognized rather than made.
  private Object reduce(Object callable, Object args, long at) throws IOException {
    List<Object> a = args instanceof Tuple t ? t.items() : List.of();
    if (callable == Global.RECONSTRUCT && a.size() == 3 && a.get(0) == Global.NDARRAY) {
      return new Array();
    }
    if (callable == Global.DTYPE && a.size() == 3 && text(a.get(0)) != null) {
      return new Dtype(text(a.get(0)));
    }
    throw refuse("calls " + callable + " with unexpected arguments, at byte " + at);
  }

  // BUILD on an array sets (version, shape, dtype, is_fortran, data); on a dtype, flags we skip.
  private void build(Object target, Object state, long at) throws IOException {
    List<Object> s = state instanceof Tuple t ? t.items() : List.of();
    if (target instanceof Dtype && !s.isEmpty()) {
      return;
    }
    if (target instanceof Array array && s.size() == 5 && s.get(1) instanceof Tuple shape
        && s.get(2) instanceof Dtype dtype) {
      if (s.get(3) != Boolean.FALSE) {
        throw refuse("is a Fortran-order array; only C order is supported");
      }
      array.shape = shape;
      array.dtype = dtype;
      array.data = s.get(4);
      return;
    }
    throw refuse("sets the state of something that is not a NumPy array or dtype, at byte " + at);
  }

  private int[][] sequences(Object value) throws IOException {
    if (!(value instanceof Array array) || array.dtype == null) {
      throw refuse("is not a NumPy array");
    }
    if (!array.dtype.descr().startsWith("O")) {
      throw refuse("holds an array of dtype '" + array.dtype.descr() + "', not of objects");
    }
    if (array.shape.items().size() != 1 || !(array.data instanceof List<?> elements)) {
      throw refuse("holds an object array of shape " + array.shape.items()
          + "; sequences need one dimension");
    }
    int[][] sequences = new int[elements.size()][];
    for (int i = 0; i < sequences.length; i++) {
      if (!(elements.get(i) instanceof List<?> words)) {
        throw refuse("holds an element " + i + " that is not a list of ints");
      }
      sequences[i] = new int[words.size()];
      for (int j = 0; j < words.size(); j++) {
        if (!(words.get(j) instanceof Long word) || word != word.intValue()) {
          throw refuse("holds, in element " + i + ", a value that is not an int: " + words.get(j));
        }
        sequences[i][j] = word.intValue();
      }
    }
    return sequences;
  }

  private IOException refuse(String problem) {
    return new IOException(what + ": its pickle " + problem + ". A Keras data set file holds only"
        + " NumPy arrays, lists, ints and strings; this one is damaged or was made to run code, so"
        + " it is not loaded");
  }

  // A string or a Python 2 byte string as text, else null.
  private static String text(Object value) {
    return value instanceof String s ? s
        : value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : null;
  }

  // Dict keys: strings, byte strings (as text, for lookups) or ints.
  private Object key(Object key, long at) throws IOException {
    if (key instanceof Long) {
      return key;
    }
    String text = text(key);
    if (text == null) {
      throw refuse("has a dict key that is not a string or an int, at byte " + at);
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object target, long at) throws IOException {
    if (!(target instanceof LinkedHashMap<?, ?>)) {
      throw refuse("sets an item of something that is not a dict, at byte " + at);
    }
    return (Map<Object, Object>) target;
  }

  private Object pop() throws IOException {
    if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) {
      throw refuse("pops from an empty stack, at byte " + (position - 1));
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek(int depth) throws IOException {
    if (stack.size() <= depth) {
      throw refuse("reads an empty stack, at byte " + (position - 1));
    }
    return stack.get(stack.size() - 1 - depth);
  }

  private List<Object> popN(int n, long at) throws IOException {
    if (stack.size() - n < (marks.isEmpty() ? 0 : marks.peek())) {
      throw refuse("builds a tuple from an empty stack, at byte " + at);
    }
    List<Object> top = stack.subList(stack.size() - n, stack.size());
    List<Object> items = new ArrayList<>(top);
    top.clear();
    return items;
  }

  private List<Object> popMark(long at) throws IOException {
    if (marks.isEmpty()) {
      throw refuse("has no mark for the opcode at byte " + at);
    }
    List<Object> top = stack.subList(marks.pop(), stack.size());
    List<Object> items = new ArrayList<>(top);
    top.clear();
    return items;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object target, long at) throws IOException {
    if (!(target instanceof ArrayList<?>)) {
      throw refuse("appends to something that is not a list, at byte " + at);
    }
    return (List<Object>) target;
  }

  private Object memoized(long key, long at) throws IOException {
    Object value = memo.get(key);
    if (value == null) {
      throw refuse("reads memo " + key + ", never stored, at byte " + at);
    }
    return value;
  }

  private Long integer(long value) {
    if (value < 0 || value >= smallIntegers.length) {
      return value;
    }
    Long boxed = smallIntegers[(int) value];
    if (boxed == null) {
      boxed = value;
      smallIntegers[(int) value] = boxed;
    }
    return boxed;
  }

  private long long1(long at) throws IOException {
    byte[] littleEndian = bytes(u8());
    byte[] bigEndian = new byte[littleEndian.length];
    for (int i = 0; i < littleEndian.length; i++) {
      bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
    }
    BigInteger value = bigEndian.length == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
    if (value.bitLength() > 63) {
      throw refuse("holds an integer too large for Java's long, at byte " + at);
    }
    return value.longValue();
  }

  private int u8() throws IOException {
    position++;
    return in.readUnsignedByte();
  }

  private long u32() throws IOException {
    position += 4;
    return Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
  }

  // readNBytes grows its buffer as bytes arrive, so a forged length allocates no more than the
  // stream holds.
  private byte[] bytes(long length) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw refuse("declares " + length + " bytes, too many for one value");
    }
    byte[] data = in.readNBytes((int) length);
    if (data.length != length) {
      throw new EOFException();
    }
    position += length;
    return data;
  }

  private String utf8(long length) throws IOException {
    return new String(bytes(length), StandardCharsets.UTF_8);
  }

  // A GLOBAL's module or name: text up to a newline, at most a short line.
  private String line() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int c = u8(); c != '\n'; c = u8()) {
      if (text.length() == 256) {
        throw refuse("names a global longer than 256 characters");
      }
      text.append((char) c);
    }
    return text.toString();
  }
}
