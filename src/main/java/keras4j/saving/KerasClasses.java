package keras4j.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table of the built-in classes of one kind (layers, models, optimizers, ...) by their Keras
 * class name, each with its {@code fromConfig} factory, together with the user's {@link
 * ObjectRegistration}: Keras's {@code serialize_keras_object} and {@code deserialize_keras_object}
 * for that kind. The packages that own the classes build the tables; this class knows none of
 * them.
 *
 * <p>Deserializing an entry {@code {"module", "class_name", "config", "registered_name"}} takes a
 * registered class first (by {@code registered_name}), then a built-in one when the entry is
 * Keras's own (module {@code keras...} or none, as in Keras 2 files, and no registered name of
 * another package); anything else is refused with the fix in the message.
 *
 * @param <T> the kind's base type, e.g. {@code Layer}
 */
public final class KerasClasses<T> {
  private final String kind;
  private final Class<T> type;
  private final String module;
  private final Map<String, Builtin<? extends T>> byName = new LinkedHashMap<>();
  private final Map<String, String> refused = new LinkedHashMap<>();

  private record Builtin<S>(String className, Class<S> type,
      Function<ConfigReader, ? extends S> fromConfig, String module, String registeredName) {}

  /**
   * An empty table of {@code kind}s (a word for messages, e.g. "layer") of base type {@code type},
   * whose built-ins Keras keeps in {@code module} (e.g. {@code keras.layers}).
   *
   * @param kind the word for the objects in messages, e.g. {@code "layer"}
   * @param type the base type of every entry
   * @param module Keras's module of the built-ins, e.g. {@code "keras.layers"}
   */
  public KerasClasses(String kind, Class<T> type, String module) {
    this.kind = kind;
    this.type = type;
    this.module = module;
  }

  /**
   * Adds the built-in {@code cls}, Keras's {@code className}, rebuilt by {@code fromConfig}.
   *
   * @param <S> the built-in's type
   * @param className the Keras class name, e.g. {@code "Dense"}
   * @param cls the Java class
   * @param fromConfig builds an instance from its saved config
   * @return this table, for chaining
   */
  public <S extends T> KerasClasses<T> add(
      String className, Class<S> cls, Function<ConfigReader, ? extends S> fromConfig) {
    return add(className, cls, fromConfig, module, null);
  }

  /**
   * Adds a built-in that Keras writes with its own {@code module} and {@code registeredName}
   * (Keras 3 writes functional models as module {@code keras.src.models.functional}, registered
   * name {@code Functional}). The first class name added for a class is the one saved.
   *
   * @param <S> the built-in's type
   * @param className the Keras class name, e.g. {@code "Dense"}
   * @param cls the Java class
   * @param fromConfig builds an instance from its saved config
   * @param module the module Keras writes for it
   * @param registeredName the registered name Keras writes for it
   * @return this table, for chaining
   */
  public <S extends T> KerasClasses<T> add(String className, Class<S> cls,
      Function<ConfigReader, ? extends S> fromConfig, String module, String registeredName) {
    byName.put(className, new Builtin<>(className, cls, fromConfig, module, registeredName));
    return this;
  }

  /**
   * Refuses the Keras class {@code className} with {@code reason} (e.g. Lambda's Python code).
   *
   * @param className the Keras class name, e.g. {@code "Dense"}
   * @param reason why keras4j cannot load it, shown in the error
   * @return this table, for chaining
   */
  public KerasClasses<T> refuse(String className, String reason) {
    refused.put(className, reason);
    return this;
  }

  /**
   * The Keras class names of the built-ins, in the order added.
   *
   * @return the Keras class names of the built-ins, in the order added
   */
  public List<String> classNames() {
    return new ArrayList<>(byName.keySet());
  }

  /**
   * Keras's serialized form of {@code object} whose {@code getConfig()} is {@code config}: {@code
   * {"module", "class_name", "config", "registered_name"}}. Throws if its class is neither one of
   * the built-ins (exactly) nor registered.
   *
   * @param object the object to serialize
   * @param config its {@code getConfig()}
   * @return the serialized entry, as Keras writes it
   */
  public Map<String, Object> serialize(T object, Map<String, Object> config) {
    Class<?> cls = object.getClass();
    Map<String, Object> entry = new LinkedHashMap<>();
    String registered = ObjectRegistration.getRegisteredName(cls);
    Builtin<?> builtin = byName.values().stream().filter(b -> b.type() == cls).findFirst()
        .orElse(null);
    if (registered != null) {
      entry.put("module", cls.getPackageName());
      entry.put("class_name", cls.getSimpleName());
    } else if (builtin != null) {
      entry.put("module", builtin.module());
      entry.put("class_name", builtin.className());
      registered = builtin.registeredName();
    } else {
      throw new IllegalArgumentException(capitalized() + " " + object + " of class "
          + cls.getName() + " cannot be saved in the .keras format: it is neither one of"
          + " keras4j's built-in " + kind + " classes " + classNames() + " nor registered. Register"
          + " it with ObjectRegistration.registerKerasSerializable(package, " + cls.getSimpleName()
          + ".class, factory) and give it a getConfig() its factory reads, or save the weights"
          + " only with model.saveWeights(...) and rebuild the model in code");
    }
    entry.put("config", config);
    entry.put("registered_name", registered);
    return entry;
  }

  /**
   * Keras's {@code deserialize_keras_object}: the object an entry describes, built by its
   * registered or built-in factory from the entry's {@code config}.
   *
   * @param entry a serialized entry, as Keras writes it
   * @return a new object of the table's base type
   */
  public T deserialize(ConfigReader entry) {
    String className = entry.string("class_name");
    // Legacy .h5 files name a registered class "package>Name" in class_name itself.
    String registeredName = entry.string("registered_name",
        entry.string("class_name", "").contains(">") ? entry.string("class_name") : null);
    String entryModule = entry.string("module", null);
    ConfigReader config = entry.object("config");
    String what = capitalized() + " '" + config.raw("name") + "' has class '" + className + "'";
    ObjectRegistration.Registered<?> registered = ObjectRegistration.registered(registeredName);
    if (registered != null) {
      Object object = registered.fromConfig().apply(config);
      if (!type.isInstance(object)) {
        throw new IllegalArgumentException(what + ", registered as '" + registeredName + "' for "
            + registered.type().getName() + ", which is not a " + type.getSimpleName());
      }
      return type.cast(object);
    }
    boolean kerasModule = entryModule == null || entryModule.equals("keras")
        || entryModule.startsWith("keras.");
    boolean customName = registeredName != null
        && (!registeredName.equals(className) || registeredName.contains(">"));
    if (!kerasModule || customName) {
      throw new IllegalArgumentException(what + " (registered name '" + registeredName
          + "', module '" + entryModule + "' at " + entry.path() + "), a custom class that is"
          + " not registered in keras4j. Write it in Java and register it with"
          + " ObjectRegistration.registerKerasSerializable(\"" + packageOf(registeredName)
          + "\", YourClass.class, YourClass::fromConfig) before loading");
    }
    if (refused.containsKey(className)) {
      throw new IllegalArgumentException(what + ": " + refused.get(className));
    }
    Builtin<? extends T> builtin = byName.get(className);
    if (builtin == null) {
      throw new IllegalArgumentException(what + ", which keras4j cannot load. Supported " + kind
          + " classes: " + classNames());
    }
    return builtin.fromConfig().apply(config);
  }

  private String capitalized() {
    return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
  }

  private static String packageOf(String registeredName) {
    return registeredName != null && registeredName.contains(">")
        ? registeredName.substring(0, registeredName.indexOf('>')) : "my_package";
  }
}
