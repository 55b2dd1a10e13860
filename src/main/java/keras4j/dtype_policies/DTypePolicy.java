package keras4j.dtype_policies;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code keras.DTypePolicy}: the dtype a layer computes in and the dtype its variables are
 * kept in. {@code "float32"} computes and keeps variables in float32; {@code "mixed_bfloat16"} and
 * {@code "mixed_float16"} compute in bfloat16 or float16 and keep the variables in float32 (Keras's
 * mixed precision); {@code "bfloat16"} and {@code "float16"} name policies whose variables are low
 * precision too, which layers refuse (keras4j keeps variables in float32). Quantized policies
 * ({@code "int8_from_float32"}, ...) are refused.
 */
public final class DTypePolicy {
  /** The names {@link #of} accepts. */
  public static final List<String> NAMES =
      List.of("float32", "float16", "bfloat16", "mixed_float16", "mixed_bfloat16");

  /** Why a quantized policy is refused, and what to do instead. */
  static final String QUANTIZED = "a quantized policy, which keras4j does not compute: save the"
      + " model from Python before model.quantize(...), or use one of " + NAMES;

  private final String name;
  private final String computeDtype;
  private final String variableDtype;

  private DTypePolicy(String name, String computeDtype, String variableDtype) {
    this.name = name;
    this.computeDtype = computeDtype;
    this.variableDtype = variableDtype;
  }

  /**
   * The policy Keras calls {@code name}, as {@code keras.DTypePolicy(name)}.
   *
   * @param name one of {@link #NAMES}, e.g. {@code "mixed_bfloat16"}
   * @return the policy
   */
  public static DTypePolicy of(String name) {
    if (name == null) {
      throw new IllegalArgumentException("A dtype policy needs a name, one of " + NAMES);
    }
    if (name.startsWith("int8") || name.startsWith("float8") || name.startsWith("int4")) {
      throw new IllegalArgumentException("Dtype policy '" + name + "' is " + QUANTIZED);
    }
    return switch (name) {
      case "mixed_float16" -> new DTypePolicy(name, "float16", "float32");
      case "mixed_bfloat16" -> new DTypePolicy(name, "bfloat16", "float32");
      case "float32", "float16", "bfloat16" -> new DTypePolicy(name, name, name);
      default -> throw new IllegalArgumentException("Cannot convert '" + name + "' to a dtype"
          + " policy; keras4j's policies are " + NAMES);
    };
  }

  /**
   * The policy's name, e.g. {@code "mixed_bfloat16"}.
   *
   * @return the policy's name
   */
  public String name() {
    return name;
  }

  /**
   * The dtype layers compute in (their inputs are cast to it, their variables read as it, their
   * outputs have it), Keras's {@code compute_dtype}.
   *
   * @return e.g. {@code "bfloat16"}
   */
  public String computeDtype() {
    return computeDtype;
  }

  /**
   * The dtype layers keep their variables in, Keras's {@code variable_dtype}.
   *
   * @return e.g. {@code "float32"}
   */
  public String variableDtype() {
    return variableDtype;
  }

  /**
   * Whether the policy computes in another dtype than it keeps variables in (the mixed policies).
   *
   * @return true for {@code mixed_float16} and {@code mixed_bfloat16}
   */
  public boolean isMixed() {
    return !computeDtype.equals(variableDtype);
  }

  /**
   * Keras's {@code get_config()}: {@code {"name": ...}}.
   *
   * @return the config map
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    return config;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DTypePolicy policy && policy.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "<DTypePolicy \"" + name + "\">";
  }
}
