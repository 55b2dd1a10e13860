package keras4j.backend;

/**
 * How keras4j's own upper packages reach the backend state behind the public core types ({@code
 * keras4j.core.KerasTensor}, {@code keras4j.core.Variable}) without a public method on them that
 * would show a backend type: the JDK's "shared secrets" pattern. The core package installs its
 * {@link Access} when its classes initialize; this package is not exported, so users cannot.
 */
public final class CoreBridge {
  /** What the core package provides. */
  public interface Access {
    /** The graph tensor behind a concrete KerasTensor (an eager one becomes a constant). */
    Tensor tensor(Object kerasTensor);

    /** A KerasTensor wrapping {@code tensor}. */
    Object kerasTensor(Tensor tensor);

    /** An eager KerasTensor holding {@code value}. */
    Object eagerTensor(Eager.Value value);

    /** The storage behind a Variable. */
    VariableStorage storage(Object variable);
  }

  private static volatile Access access;

  private CoreBridge() {}

  /** Called once by the core package. */
  public static void install(Access coreAccess) {
    if (access != null) {
      throw new IllegalStateException("The core access is installed already");
    }
    access = coreAccess;
  }

  private static Access access() {
    if (access == null) {
      try {
        // Initializing KerasTensor installs the access (before any KerasTensor exists, the only
        // way to create one is this class's kerasTensor()).
        Class.forName("keras4j.core.KerasTensor", true, CoreBridge.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("keras4j.core is missing from the module", e);
      }
    }
    return access;
  }

  /** The graph tensor behind {@code kerasTensor}, inside the trace running now. */
  public static Tensor tensor(Object kerasTensor) {
    return access().tensor(kerasTensor);
  }

  /** A KerasTensor wrapping {@code tensor}: {@code KerasTensor y = CoreBridge.kerasTensor(t)}. */
  @SuppressWarnings("unchecked")
  public static <K> K kerasTensor(Tensor tensor) {
    return (K) access().kerasTensor(tensor);
  }

  /** An eager KerasTensor holding {@code value}. */
  @SuppressWarnings("unchecked")
  public static <K> K eagerTensor(Eager.Value value) {
    return (K) access().eagerTensor(value);
  }

  /** The storage behind {@code variable}. */
  public static VariableStorage storage(Object variable) {
    return access().storage(variable);
  }
}
