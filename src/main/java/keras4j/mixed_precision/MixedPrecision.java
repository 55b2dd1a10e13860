package keras4j.mixed_precision;

import keras4j.core.KerasTensor;
import keras4j.dtype_policies.DTypePolicies;
import keras4j.dtype_policies.DTypePolicy;
import keras4j.ops.Ops;

/**
 * Keras's {@code keras.mixed_precision}: the global dtype policy that layers built without a
 * {@code dtype} argument take, as {@code keras.mixed_precision.set_global_policy}. A layer takes
 * the policy in force when it is constructed; the setting is process-wide, as Keras's.
 */
public final class MixedPrecision {
  private static volatile DTypePolicy global = DTypePolicy.of("float32");

  private MixedPrecision() {}

  /**
   * Keras's {@code set_global_policy(name)}: layers constructed from now on without a {@code
   * dtype} compute with {@code policy}.
   *
   * @param policy a policy name: {@code "mixed_bfloat16"}, {@code "mixed_float16"} or {@code
   *     "float32"}
   */
  public static void setGlobalPolicy(String policy) {
    setGlobalPolicy(DTypePolicies.get(policy));
  }

  /**
   * Keras's {@code set_global_policy(policy)}.
   *
   * @param policy the policy layers constructed from now on without a {@code dtype} take
   */
  public static void setGlobalPolicy(DTypePolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("setGlobalPolicy got null; pass a policy such as"
          + " \"float32\" (Keras's default)");
    }
    global = policy;
  }

  /**
   * Keras's {@code global_policy()}: {@code float32} unless set.
   *
   * @return the global policy
   */
  public static DTypePolicy globalPolicy() {
    return global;
  }

  /**
   * {@code x} in float32 if it is float16 or bfloat16 (a mixed precision model's output), else as
   * it is: Keras's losses and metrics (float32) cast the outputs they get so, and keras4j's do.
   *
   * @param x a tensor, inside a trace
   * @return {@code x} with half-precision floats widened to float32
   */
  public static KerasTensor float32(KerasTensor x) {
    return x.dtype().equals("float16") || x.dtype().equals("bfloat16") ? Ops.cast(x, "float32") : x;
  }
}
