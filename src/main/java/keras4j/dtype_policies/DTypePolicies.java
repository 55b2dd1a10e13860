package keras4j.dtype_policies;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code keras.dtype_policies}: a policy from what a layer's {@code dtype} argument or
 * config holds, and the config Keras writes for it.
 */
public final class DTypePolicies {
  private DTypePolicies() {}

  /**
   * Keras's {@code keras.dtype_policies.get}: a policy from its name ({@code "mixed_bfloat16"}),
   * itself, or the config Keras writes ({@code {"module": "keras", "class_name": "DTypePolicy",
   * "config": {"name": ...}}}, as {@link #serialize} gives).
   *
   * @param identifier a name, a {@link DTypePolicy} or a config map
   * @return the policy
   */
  public static DTypePolicy get(Object identifier) {
    if (identifier instanceof DTypePolicy policy) {
      return policy;
    }
    if (identifier instanceof String name) {
      return DTypePolicy.of(name);
    }
    if (identifier instanceof Map<?, ?> map) {
      Object className = map.get("class_name");
      if (!"DTypePolicy".equals(className) && !"FloatDTypePolicy".equals(className)) {
        throw new IllegalArgumentException("Dtype policy " + className + " " + map.get("config")
            + " is " + DTypePolicy.QUANTIZED);
      }
      if (map.get("config") instanceof Map<?, ?> config && config.get("name") instanceof String n) {
        return DTypePolicy.of(n);
      }
      throw new IllegalArgumentException("Dtype policy " + map + " has no config name; expected"
          + " {\"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"mixed_bfloat16\"}}");
    }
    throw new IllegalArgumentException("A dtype policy is a name such as \"mixed_bfloat16\", a"
        + " DTypePolicy or its config, got " + identifier);
  }

  /**
   * Keras's {@code keras.dtype_policies.serialize}: the nested config Keras writes as a layer's
   * {@code dtype}.
   *
   * @param policy the policy
   * @return {@code {"module": "keras", "class_name": "DTypePolicy", "config": {"name": ...},
   *     "registered_name": null}}
   */
  public static Map<String, Object> serialize(DTypePolicy policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", "keras");
    out.put("class_name", "DTypePolicy");
    out.put("config", policy.getConfig());
    out.put("registered_name", null);
    return out;
  }
}
