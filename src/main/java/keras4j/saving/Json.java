package keras4j.saving;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON reader and writer behind Keras's {@code config.json}, {@code metadata.json} and the
 * legacy HDF5 {@code model_config}; also handy for the TF Serving REST shape.
 *
 * <p>{@link #parse} gives {@code Map<String, Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@code Long} (integers), {@code Double}, {@code Boolean} and {@code null}. It
 * accepts Python's {@code NaN}/{@code Infinity} spellings (Python's json writes them) and refuses
 * documents nested deeper than {@value #MAX_DEPTH} levels, so hostile input cannot overflow the
 * stack.
 */
public final class Json {
  /** The deepest nesting accepted; Keras configs use about ten levels. */
  public static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses a JSON document; throws {@link IllegalArgumentException} naming the offset on error.
   *
   * @param text the JSON document
   * @return the value: Map, List, String, Long, Double, Boolean or null
   */
  public static Object parse(String text) {
    Json parser = new Json(text);
    parser.skipSpace();
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected text after the JSON value");
    }
    return value;
  }

  /**
   * Parses a JSON object, failing with {@code what} in the message if it is something else.
   *
   * @param text the JSON document
   * @param what what the document is, for error messages, e.g. {@code "config.json"}
   * @return the object's keys and values, in document order
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text, String what) {
    Object value = parse(text);
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(what + " must be a JSON object, got: " + abbreviate(text));
    }
    return (Map<String, Object>) value;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of JSON");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      default:
        break;
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return null;
    }
    if (text.startsWith("NaN", pos)) {
      pos += 3;
      return Double.NaN;
    }
    if (text.startsWith("Infinity", pos)) {
      pos += 8;
      return Double.POSITIVE_INFINITY;
    }
    if (text.startsWith("-Infinity", pos)) {
      pos += 9;
      return Double.NEGATIVE_INFINITY;
    }
    return number();
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a quoted key");
      }
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      out.put(key, value(depth + 1));
      skipSpace();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in an object");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> out = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      out.add(value(depth + 1));
      skipSpace();
      char c = next();
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in an array");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = pos;
    boolean integral = true;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      pos++;
    }
    String token = text.substring(start, pos);
    if (token.isEmpty()) {
      throw error("unexpected character '" + text.charAt(start) + "'");
    }
    try {
      if (integral) {
        try {
          return Long.parseLong(token);
        } catch (NumberFormatException tooBig) {
          return Double.parseDouble(token);
        }
      }
      return Double.parseDouble(token);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("bad number '" + token + "'");
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException("Invalid JSON at offset " + pos + ": " + message);
  }

  /**
   * Writes {@code value} as JSON: maps, iterables, Java arrays of any element type, strings,
   * numbers (floats keep their shortest float spelling, so {@code 0.2f} is written {@code 0.2}),
   * booleans and null.
   *
   * @param value the value to write
   * @return the JSON text
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(s, out);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Float f) {
      number(Float.toString(f), out);
    } else if (value instanceof Number n) {
      number(Double.toString(n.doubleValue()), out);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        quote(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Iterable<?> items) {
      out.append('[');
      boolean first = true;
      for (Object item : items) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else if (value.getClass().isArray()) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        items.add(Array.get(value, i));
      }
      write(items, out);
    } else {
      throw new IllegalArgumentException(
          "Cannot write a " + value.getClass().getName() + " as JSON: " + value);
    }
  }

  /** Python's spelling of non-finite numbers, which Python's json reads back. */
  private static void number(String javaText, StringBuilder out) {
    switch (javaText) {
      case "NaN" -> out.append("NaN");
      case "Infinity" -> out.append("Infinity");
      case "-Infinity" -> out.append("-Infinity");
      default -> out.append(javaText);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
