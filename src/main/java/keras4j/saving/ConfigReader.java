package keras4j.saving;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed view of one JSON object of a Keras config (a layer's {@code config}, a model entry, a
 * {@code compile_config}), the one way keras4j reads config values: every getter checks the
 * value's type and range and throws an {@link IllegalArgumentException} naming the JSON path
 * ({@code config.layers[1].config.units}) and what was expected, so a broken or hostile file never
 * surfaces as a {@code ClassCastException} or {@code ArithmeticException}.
 *
 * <p>Absent keys and JSON {@code null} are the same: the getters with a fallback return it.
 */
public final class ConfigReader {
  private final Map<String, Object> values;
  private final String path;

  private ConfigReader(Map<String, Object> values, String path) {
    this.values = values;
    this.path = path;
  }

  /**
   * A reader over {@code value}, which must be a JSON object; {@code path} names it in errors.
   *
   * @param value the parsed JSON value
   * @param path the value's JSON path, for error messages, e.g. {@code config}
   * @return a reader over {@code value}, which must be a JSON object; {@code path} names it in
   *     errors
   */
  @SuppressWarnings("unchecked")
  public static ConfigReader of(Object value, String path) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("Invalid Keras config: " + path
          + " should be a JSON object, got " + describe(value));
    }
    return new ConfigReader((Map<String, Object>) value, path);
  }

  /**
   * The JSON path of this object, e.g. {@code config.layers[1].config}.
   *
   * @return the JSON path of this object, e.g. {@code config.layers[1].config}
   */
  public String path() {
    return path;
  }

  /**
   * The JSON path of {@code key} in this object.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the JSON path of {@code key} in this object
   */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Whether {@code key} is present with a non-null value.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return whether {@code key} is present with a non-null value
   */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /**
   * The raw JSON value of {@code key} (Map, List, String, Long, Double, Boolean or null).
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the raw JSON value of {@code key} (Map, List, String, Long, Double, Boolean or null)
   */
  public Object raw(String key) {
    return values.get(key);
  }

  /**
   * The object's keys and raw values, read-only.
   *
   * @return the object's keys and raw values, read-only
   */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  /**
   * A copy of this object with {@code key} set to {@code value}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param value the new raw JSON value
   * @return a copy of this object with {@code key} set to {@code value}
   */
  public ConfigReader with(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new ConfigReader(copy, path);
  }

  /**
   * The error for {@code key} not holding what was {@code expected}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param expected what the key should hold, e.g. {@code "a positive integer"}
   * @return the error for {@code key} not holding what was {@code expected}
   */
  public IllegalArgumentException invalid(String key, String expected) {
    return new IllegalArgumentException("Invalid Keras config: " + path(key) + " should be "
        + expected + ", got " + describe(values.get(key)));
  }

  /**
   * The error for a setting keras4j does not support, naming where it is.
   *
   * @param what the unsupported setting, e.g. {@code "groups=2"}
   * @return the exception, for the caller to throw
   */
  public IllegalArgumentException unsupported(String what) {
    return new IllegalArgumentException(path + " uses " + what
        + ", which keras4j does not support");
  }

  /**
   * The required string {@code key}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the required string {@code key}
   */
  public String string(String key) {
    String value = string(key, null);
    if (value == null) {
      throw invalid(key, "a string");
    }
    return value;
  }

  /**
   * The string {@code key}, or {@code fallback} when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param fallback the value when the key is absent or null (Keras's default)
   * @return the string {@code key}, or {@code fallback} when absent
   */
  public String string(String key, String fallback) {
    return typed(key, String.class, fallback, "a string");
  }

  /**
   * The boolean {@code key}, or {@code fallback} when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param fallback the value when the key is absent or null (Keras's default)
   * @return the boolean {@code key}, or {@code fallback} when absent
   */
  public boolean bool(String key, boolean fallback) {
    return typed(key, Boolean.class, fallback, "true or false");
  }

  /**
   * The required integer {@code key}, which must fit a Java int.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the required integer {@code key}, which must fit a Java int
   */
  public int intValue(String key) {
    if (!has(key)) {
      throw invalid(key, "an integer");
    }
    return toInt(values.get(key), key);
  }

  /**
   * The integer {@code key}, or {@code fallback} when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param fallback the value when the key is absent or null (Keras's default)
   * @return the integer {@code key}, or {@code fallback} when absent
   */
  public int intValue(String key, int fallback) {
    return has(key) ? intValue(key) : fallback;
  }

  /**
   * The integer {@code key} as a long, or {@code fallback} when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param fallback the value when the key is absent or null (Keras's default)
   * @return the integer {@code key} as a long, or {@code fallback} when absent
   */
  public long longValue(String key, long fallback) {
    return typed(key, Long.class, fallback, "an integer");
  }

  /**
   * The number {@code key} (integer or not), or {@code fallback} when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @param fallback the value when the key is absent or null (Keras's default)
   * @return the number {@code key} (integer or not), or {@code fallback} when absent
   */
  public double doubleValue(String key, double fallback) {
    return typed(key, Number.class, fallback, "a number").doubleValue();
  }

  /** The value of {@code key} if it is a {@code type}, {@code fallback} when absent. */
  private <T> T typed(String key, Class<T> type, T fallback, String expected) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (!type.isInstance(value)) {
      throw invalid(key, expected);
    }
    return type.cast(value);
  }

  /**
   * One int or a list of ints ({@code kernel_size: 3} or {@code [3, 3]}) as an int array.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the values as an int array, e.g. {@code [3, 3]} for both forms
   */
  public int[] ints(String key) {
    Object value = values.get(key);
    if (value instanceof List<?> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = toInt(list.get(i), key);
      }
      return out;
    }
    if (value instanceof Long) {
      return new int[] {toInt(value, key)};
    }
    throw invalid(key, "an integer or a list of integers");
  }

  /**
   * A shape as Keras writes it, a list of integers and nulls or -1 (unknown dimensions, given as
   * -1); null when absent.
   *
   * @param key the config key, e.g. {@code "batch_shape"}
   * @return the dimensions, -1 for unknown ones; null when absent
   */
  public long[] shape(String key) {
    Object value = values.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(key, "a shape (a list of integers and nulls)");
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object d = list.get(i);
      if (d == null) {
        out[i] = -1;
      } else if (d instanceof Long n && n >= -1) {
        // Keras 3's legacy .h5 writes an unknown dimension as -1.
        out[i] = n;
      } else {
        throw invalid(key, "a shape (a list of integers >= 0 and nulls)");
      }
    }
    return out;
  }

  /**
   * The sample dimensions of the batch shape {@code key} ({@code [null, d1, ...]}), each positive
   * or unknown (null in the file, -1 here, as {@code Input((None, None, 3))}); null when absent.
   *
   * @param key the config key, e.g. {@code "batch_shape"}
   * @return the sample dimensions, -1 for unknown ones; null when absent
   */
  public long[] sampleShape(String key) {
    long[] batchShape = shape(key);
    if (batchShape == null) {
      return null;
    }
    long[] sample = batchShape.length < 2 ? new long[0]
        : java.util.Arrays.copyOfRange(batchShape, 1, batchShape.length);
    if (sample.length == 0 || java.util.Arrays.stream(sample).anyMatch(d -> d == 0)) {
      throw invalid(key, "a batch shape [null, d1, ...] with every sample dimension positive or"
          + " null (unknown)");
    }
    return sample;
  }

  /**
   * The required JSON object {@code key}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the required JSON object {@code key}
   */
  public ConfigReader object(String key) {
    if (!(values.get(key) instanceof Map<?, ?>)) {
      throw invalid(key, "a JSON object");
    }
    return of(values.get(key), path(key));
  }

  /**
   * The JSON object {@code key}, or null when absent.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the JSON object {@code key}, or null when absent
   */
  public ConfigReader optionalObject(String key) {
    return has(key) ? object(key) : null;
  }

  /**
   * One number or a flat list of numbers, as Keras writes a float, a list or a NumPy array of
   * rank 0 or 1 (its {@code {"class_name": "__numpy__", "config": {"value": ...}}} form), e.g.
   * Rescaling's {@code scale} or Normalization's {@code mean}; null when absent.
   *
   * @param key the config key, e.g. {@code "scale"}
   * @return the values, one for a single number; null when absent
   */
  public double[] doubles(String key) {
    Object value = values.get(key);
    if (value instanceof Map<?, ?> map && "__numpy__".equals(map.get("class_name"))
        && map.get("config") instanceof Map<?, ?> numpy) {
      value = numpy.get("value");
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(key, "a number or a list of numbers");
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw invalid(key, "a number or a flat list of numbers (one per channel)");
      }
      out[i] = n.doubleValue();
    }
    return out;
  }

  /**
   * The required list {@code key}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the required list {@code key}
   */
  public List<?> list(String key) {
    if (!(values.get(key) instanceof List<?> list)) {
      throw invalid(key, "a list");
    }
    return list;
  }

  /**
   * The required list of JSON objects {@code key}.
   *
   * @param key the config key, e.g. {@code "units"}
   * @return the required list of JSON objects {@code key}
   */
  public List<ConfigReader> objects(String key) {
    List<?> list = list(key);
    List<ConfigReader> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(of(list.get(i), path(key) + "[" + i + "]"));
    }
    return out;
  }

  private int toInt(Object value, String key) {
    if (!(value instanceof Long n) || n != n.intValue()) {
      throw invalid(key, value instanceof Long ? "an integer below 2^31" : "an integer");
    }
    return n.intValue();
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
