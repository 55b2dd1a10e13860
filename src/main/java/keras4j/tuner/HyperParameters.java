package keras4j.tuner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hyperparameters of one trial, as KerasTuner's {@code HyperParameters}: a model-building
 * function declares each one where it uses it ({@code hp.Int("units", 32, 512, 32)}) and gets
 * the trial's value, or the default the first time. Declarations build the tuner's search space.
 *
 * <pre>{@code
 * Model build(HyperParameters hp) {
 *   int units = hp.Int("units", 32, 512, 32);
 *   double lr = hp.Float("learning_rate", 1e-4, 1e-2, "log");
 *   ...
 * }
 * }</pre>
 *
 * <p>A parameter declared inside {@link #conditionalScope} exists only while its parent has one
 * of the given values, as KerasTuner's {@code conditional_scope}.
 */
public final class HyperParameters {
  private final Map<String, HyperParameter> space;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final List<HyperParameter.Condition> scope = new ArrayList<>();

  /** Hyperparameters without values: every declaration returns its default. */
  public HyperParameters() {
    this(new LinkedHashMap<>(), Map.of());
  }

  /** A trial's hyperparameters over the tuner's {@code space} (extended by new declarations). */
  HyperParameters(Map<String, HyperParameter> space, Map<String, Object> trialValues) {
    this.space = space;
    trialValues.forEach((name, value) -> {
      HyperParameter hp = space.get(name);
      values.put(name, hp == null ? value : hp.cast(value));
    });
  }

  /**
   * An integer from {@code minValue} to {@code maxValue} (both included), as {@code hp.Int}.
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @return this trial's value
   */
  public int Int(String name, int minValue, int maxValue) {
    return Int(name, minValue, maxValue, 1, "linear");
  }

  /**
   * An integer from {@code minValue} to {@code maxValue} by {@code step}.
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @param step the distance between two values
   * @return this trial's value
   */
  public int Int(String name, int minValue, int maxValue, int step) {
    return Int(name, minValue, maxValue, step, "linear");
  }

  /**
   * An integer from {@code minValue} to {@code maxValue} by {@code step}, sampled {@code
   * "linear"}, {@code "log"} or {@code "reverse_log"}.
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @param step the distance between two values
   * @param sampling how a random search draws it
   * @return this trial's value
   * @throws IllegalArgumentException if the range, step or sampling is invalid
   */
  public int Int(String name, int minValue, int maxValue, int step, String sampling) {
    return (Integer) declare(new HyperParameter.Int(name, minValue, maxValue, step, sampling,
        scope));
  }

  /**
   * A real from {@code minValue} to {@code maxValue}, sampled uniformly, as {@code hp.Float}.
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @return this trial's value
   */
  public double Float(String name, double minValue, double maxValue) {
    return Float(name, minValue, maxValue, "linear");
  }

  /**
   * A real from {@code minValue} to {@code maxValue}, sampled {@code "linear"}, {@code "log"}
   * (a learning rate) or {@code "reverse_log"}.
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @param sampling how a random search draws it
   * @return this trial's value
   * @throws IllegalArgumentException if the range or sampling is invalid
   */
  public double Float(String name, double minValue, double maxValue, String sampling) {
    return (Double) declare(new HyperParameter.Real(name, minValue, maxValue, null, sampling,
        scope));
  }

  /**
   * A real from {@code minValue} to {@code maxValue} by {@code step} (a grid search needs one).
   *
   * @param name the parameter's name
   * @param minValue the smallest value, also the default
   * @param maxValue the largest value
   * @param step the distance between two values
   * @return this trial's value
   * @throws IllegalArgumentException if the range or step is invalid
   */
  public double Float(String name, double minValue, double maxValue, double step) {
    return (Double) declare(new HyperParameter.Real(name, minValue, maxValue, step, "linear",
        scope));
  }

  /**
   * One of {@code values} (the first is the default), as {@code hp.Choice}.
   *
   * @param <T> the values' type: numbers, strings or booleans
   * @param name the parameter's name
   * @param values the possible values
   * @return this trial's value
   * @throws IllegalArgumentException if there are no values
   */
  @SuppressWarnings("unchecked")
  public <T> T Choice(String name, List<T> values) {
    return (T) declare(new HyperParameter.Choice(name, values, scope));
  }

  /**
   * True or false (default false), as {@code hp.Boolean}.
   *
   * @param name the parameter's name
   * @return this trial's value
   */
  public boolean Boolean(String name) {
    return (Boolean) declare(new HyperParameter.Flag(name, scope));
  }

  /**
   * Runs {@code body}, whose declarations are conditional on parent {@code parentName} having
   * one of {@code parentValues}, if it has: as KerasTuner's {@code with
   * hp.conditional_scope(parent_name, parent_values)}.
   *
   * @param parentName the parent parameter's name, declared before
   * @param parentValues the parent's values under which the body runs
   * @param body the declarations and model code that depend on the parent
   * @throws IllegalArgumentException if the parent is not declared yet
   */
  public void conditionalScope(String parentName, List<?> parentValues, Runnable body) {
    if (!values.containsKey(parentName)) {
      throw new IllegalArgumentException("conditionalScope: the parent '" + parentName + "' is"
          + " not declared yet; declare it (hp.Choice, hp.Boolean, ...) before the scope");
    }
    HyperParameter.Condition condition = new HyperParameter.Condition(parentName,
        List.copyOf(parentValues));
    if (!condition.holds(values.get(parentName))) {
      return;
    }
    scope.add(condition);
    try {
      body.run();
    } finally {
      scope.remove(scope.size() - 1);
    }
  }

  /**
   * The value of a declared parameter.
   *
   * @param name the parameter's name
   * @return its value
   * @throws IllegalArgumentException if it has none in this trial
   */
  public Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("No hyperparameter '" + name + "' in this trial; it has "
          + values.keySet());
    }
    return values.get(name);
  }

  /**
   * The values of this trial, by name, in order of declaration.
   *
   * @return the values (read-only)
   */
  public Map<String, Object> values() {
    return Collections.unmodifiableMap(values);
  }

  private Object declare(HyperParameter hp) {
    Objects.requireNonNull(hp.name, "name");
    HyperParameter known = space.putIfAbsent(hp.name, hp);
    HyperParameter used = known != null ? known : hp;
    Object value = values.containsKey(hp.name) ? used.cast(values.get(hp.name))
        : used.defaultValue();
    values.put(hp.name, value);
    return value;
  }

  @Override
  public String toString() {
    return "HyperParameters" + values;
  }
}
