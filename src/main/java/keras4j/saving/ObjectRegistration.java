package keras4j.saving;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keras's {@code keras.saving.register_keras_serializable}: the registry of the user's own
 * classes (layers, models, optimizers, ...) under {@code "package>Name"}, the only way a saved
 * file can name a class that is not built into keras4j. Loading never runs code from a file: a
 * file naming a class that is neither built in nor registered here is refused.
 *
 * <pre>{@code
 * ObjectRegistration.registerKerasSerializable("my_package", MyLayer.class, MyLayer::fromConfig);
 * }</pre>
 *
 * <p>A registered class is saved with {@code "registered_name": "my_package>MyLayer"}, and its
 * {@code getConfig()} must hold everything its factory needs. As in Keras, registering a name
 * again replaces the earlier registration. Safe to use from any thread.
 */
public final class ObjectRegistration {
  private static final Map<String, Registered<?>> BY_NAME = new ConcurrentHashMap<>();
  private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

  /** A registered class and the factory rebuilding it from its config. */
  record Registered<T>(Class<T> type, Function<ConfigReader, ? extends T> fromConfig) {}

  private ObjectRegistration() {}

  /**
   * Registers {@code type} under {@code "packageName>" + type.getSimpleName()}, rebuilt from its
   * config by {@code fromConfig}.
   *
   * @param <T> the registered type
   * @param packageName the package part of the registered name, e.g. {@code "my_package"}
   * @param type the Java class to register
   * @param fromConfig builds an instance from its saved config
   */
  public static <T> void registerKerasSerializable(
      String packageName, Class<T> type, Function<ConfigReader, ? extends T> fromConfig) {
    registerKerasSerializable(packageName, type.getSimpleName(), type, fromConfig);
  }

  /**
   * Registers {@code type} under {@code "packageName>name"}.
   *
   * @param <T> the registered type
   * @param packageName the package part of the registered name, e.g. {@code "my_package"}
   * @param name the name part of the registered name
   * @param type the Java class to register
   * @param fromConfig builds an instance from its saved config
   */
  public static <T> void registerKerasSerializable(String packageName, String name,
      Class<T> type, Function<ConfigReader, ? extends T> fromConfig) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fromConfig, "fromConfig");
    if (packageName == null || packageName.isEmpty() || packageName.contains(">")
        || name == null || name.isEmpty() || name.contains(">")) {
      throw new IllegalArgumentException("A registered name is \"package>Name\" with a non-empty"
          + " package and name free of '>', got package " + packageName + " and name " + name);
    }
    String registeredName = packageName + ">" + name;
    BY_NAME.put(registeredName, new Registered<>(type, fromConfig));
    NAMES.put(type, registeredName);
  }

  /**
   * Keras's {@code get_registered_name}: the name {@code type} is registered under, or null.
   *
   * @param type the class to look up
   * @return the registered name, e.g. {@code "my_package>MyLayer"}, or null
   */
  public static String getRegisteredName(Class<?> type) {
    return NAMES.get(type);
  }

  /** The registration of {@code registeredName}, or null. */
  static Registered<?> registered(String registeredName) {
    return registeredName == null ? null : BY_NAME.get(registeredName);
  }
}
