package keras4j.backend;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * The dtypes keras4j's tensors can have, under Keras's names ({@code "float32"}, {@code
 * "int64"}, ...), with Keras 3's type promotion ({@code keras.backend.result_type}). TensorFlow
 * Java 1.1.0 has no int8, int16, uint32, uint64 or complex types, so neither has keras4j.
 */
public enum DType {
  /** Booleans. */
  BOOL("bool", TBool.class),
  /** Unsigned bytes (images). */
  UINT8("uint8", TUint8.class),
  /** Unsigned 16-bit integers. */
  UINT16("uint16", TUint16.class),
  /** 32-bit integers. */
  INT32("int32", TInt32.class),
  /** 64-bit integers. */
  INT64("int64", TInt64.class),
  /** Brain floating point. */
  BFLOAT16("bfloat16", TBfloat16.class),
  /** Half precision. */
  FLOAT16("float16", TFloat16.class),
  /** Single precision, Keras's {@code floatx()}. */
  FLOAT32("float32", TFloat32.class),
  /** Double precision. */
  FLOAT64("float64", TFloat64.class),
  /** Byte strings. */
  STRING("string", TString.class);

  private final String kerasName;
  private final Class<? extends TType> type;

  DType(String kerasName, Class<? extends TType> type) {
    this.kerasName = kerasName;
    this.type = type;
  }

  /** Keras's name of this dtype, e.g. {@code "float32"}. */
  public String kerasName() {
    return kerasName;
  }

  /** TensorFlow Java's tensor type. */
  public Class<? extends TType> type() {
    return type;
  }

  /** TensorFlow Java's tensor type, as the type the caller names (for generic op builders). */
  @SuppressWarnings("unchecked")
  public <T extends TType> Class<T> typed() {
    return (Class<T>) type;
  }

  /** Whether this is a floating-point dtype. */
  public boolean isFloat() {
    return this == BFLOAT16 || this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
  }

  /** Whether this is an integer dtype (signed or not). */
  public boolean isInteger() {
    return this == UINT8 || this == UINT16 || this == INT32 || this == INT64;
  }

  /** Whether this is a number or a boolean (the dtypes arithmetic accepts). */
  public boolean isNumeric() {
    return this != STRING && this != BOOL;
  }

  @Override
  public String toString() {
    return kerasName;
  }

  /**
   * The dtype Keras calls {@code name} ({@code "float32"}, {@code "int64"}, ...; {@code "float"}
   * is float32, {@code "int"} int64, as Keras on TensorFlow); {@code what} names the argument.
   */
  public static DType of(String name, String what) {
    if (name == null) {
      return FLOAT32;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("float")) {
      return FLOAT32;
    }
    if (key.equals("int")) {
      return INT64;
    }
    if (key.equals("boolean")) {
      return BOOL;
    }
    for (DType d : values()) {
      if (d.kerasName.equals(key)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "Invalid " + what + " '" + name + "'. Valid dtypes: "
            + Arrays.stream(values()).map(DType::kerasName).toList()
            + " (TensorFlow Java has no int8, int16, uint32, uint64 or complex types)");
  }

  /** The dtype of TensorFlow Java's tensor type {@code type}. */
  public static DType of(Class<? extends TType> type) {
    for (DType d : values()) {
      if (d.type == type) {
        return d;
      }
    }
    throw new IllegalArgumentException("keras4j has no dtype for " + type.getSimpleName());
  }

  /**
   * Keras 3's {@code result_type}: the dtype an op on tensors of {@code dtypes} and Java constants
   * computes in. Java constants are weak, as Python's numbers: they take the tensors' dtype when
   * it can hold them ({@code weakInt}: an integer constant, {@code weakFloat}: a double one).
   */
  public static DType resultType(List<DType> dtypes, boolean weakInt, boolean weakFloat) {
    Set<DType> strong = dtypes.isEmpty() ? EnumSet.noneOf(DType.class) : EnumSet.copyOf(dtypes);
    if (strong.contains(STRING)) {
      if (strong.size() > 1 || weakInt || weakFloat) {
        throw new IllegalArgumentException("Strings do not mix with numbers: got " + dtypes
            + (weakInt || weakFloat ? " and a Java number" : ""));
      }
      return STRING;
    }
    DType out = null;
    for (DType d : strong) {
      out = out == null ? d : join(out, d);
    }
    if (out == null) {
      // Only Java constants: weak types resolve at floatx's precision, float32 or int32.
      return weakFloat ? FLOAT32 : INT32;
    }
    if (weakFloat && !out.isFloat()) {
      return FLOAT32;
    }
    if (weakInt && out == BOOL) {
      return INT32;
    }
    return out;
  }

  /** The least upper bound of two strong dtypes on Keras's promotion lattice. */
  private static DType join(DType a, DType b) {
    if (a == b) {
      return a;
    }
    if (a.ordinal() > b.ordinal()) {
      return join(b, a);
    }
    // a < b in declaration order: bool < uint8 < uint16 < int32 < int64 < bfloat16 < float16 <
    // float32 < float64.
    if (a == BOOL) {
      return b;
    }
    if (b.isFloat()) {
      if (a.isFloat()) {
        // bfloat16 and float16 meet at float32; otherwise the wider float.
        return a == BFLOAT16 && b == FLOAT16 ? FLOAT32 : b;
      }
      // Any integer with a float: the float (Keras's lattice goes int64 -> weak float -> bf16/f16).
      return b;
    }
    // Both integers: unsigned with unsigned is the wider one; unsigned with signed needs a signed
    // type wider than the unsigned one (uint8 -> int16 -> int32; uint16 -> int32).
    return b;
  }
}
