package keras4j.utils;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which Keras's CSV files and messages print numbers with: the
 * shortest decimal that reads back as the same double, in positional notation from 1e-4 up to
 * 1e16 ({@code 0.0001}, {@code 0.6066460609436035}, {@code 3.0}) and in exponent notation beyond
 * ({@code 1e-05}, {@code 1.5e+16}), {@code nan}, {@code inf}, {@code -inf}; and its {@code
 * f"{x:.4f}"} and {@code f"{x:.4e}"}, which the progress bar prints, rounded as Python rounds (the
 * exact binary value, half to even), where Java's {@code String.format} may round differently.
 */
public final class PythonFloats {
  private PythonFloats() {}

  /**
   * Python's {@code repr(value)}.
   *
   * @param value any double
   * @return the text Python prints for it, e.g. {@code 0.0001}, {@code 1e-05}, {@code 3.0}
   */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    // Java 17's Double.toString is not always the shortest: search the shortest that round-trips.
    BigDecimal exact = new BigDecimal(value);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits));
      if (rounded.doubleValue() == value) {
        shortest = rounded;
        break;
      }
    }
    String digits = shortest.unscaledValue().abs().toString().replaceAll("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    // The decimal exponent of the first digit: value = 0.d1d2... * 10^(exponent + 1).
    int exponent = shortest.precision() - shortest.scale() - 1;
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String e = String.format("%02d", Math.abs(exponent));
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + e;
    }
    if (exponent < 0) {
      return sign + "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }

  /**
   * Python's {@code f"{value:.<decimals>f}"}.
   *
   * @param value any double
   * @param decimals the digits after the point, at least 0
   * @return e.g. {@code 0.1235} for 0.12345 and 4 decimals (as Python rounds the exact value)
   */
  public static String fixed(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return special(value);
    }
    String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    // Python keeps the sign of a negative number that rounds to zero: -0.0000.
    boolean negative = value < 0 || 1 / value < 0;
    return negative && !text.startsWith("-") ? "-" + text : text;
  }

  /**
   * Python's {@code f"{value:.<decimals>e}"}.
   *
   * @param value any double
   * @param decimals the digits after the mantissa's point, at least 0
   * @return e.g. {@code 1.2346e-05}, {@code 0.0000e+00}
   */
  public static String scientific(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return special(value);
    }
    if (value == 0) {
      return (1 / value < 0 ? "-" : "") + fixed(0, decimals) + "e+00";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(decimals + 1,
        RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(decimals, RoundingMode.UNNECESSARY);
    return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
        + String.format("%02d", Math.abs(exponent));
  }

  private static String special(double value) {
    return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  }
}
