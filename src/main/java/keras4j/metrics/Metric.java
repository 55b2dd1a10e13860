package keras4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * A metric, as {@code keras.metrics.Metric}: state variables made with {@link #addVariable},
 * {@link #updateState} accumulating into them inside a traced step (with {@code keras4j.ops} and
 * {@code variable.assignAdd}), {@link #result} computing the value from them, {@link #resetState}
 * starting a new accumulation (each epoch, each {@code evaluate}).
 *
 * <p>Subclass it for a custom metric: create the variables in the constructor, write {@code
 * updateState} and {@code result} with ops.
 */
public abstract class Metric {
  private final String name;
  private final List<Variable> variables = new ArrayList<>();
  private final List<FloatNdArray> initialValues = new ArrayList<>();

  /**
   * A metric logged as {@code name}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"}
   */
  protected Metric(String name) {
    this.name = name;
  }

  /**
   * The name in logs and {@code History}, e.g. {@code accuracy}.
   *
   * @return the name in logs and {@code History}, e.g. {@code accuracy}
   */
  public String name() {
    return name;
  }

  /**
   * Keras's {@code _direction}: "up" when higher is better (accuracy, AUC), "down" when lower is
   * (errors), null when unknown; monitoring callbacks in mode "auto" read it.
   *
   * @return {@code "up"}, {@code "down"} or null
   */
  public String direction() {
    return null;
  }

  /**
   * A state variable of {@code shape}, starting (and reset) at {@code initialValue}.
   *
   * @param variableName the variable's name within the metric, e.g. {@code "total"}
   * @param shape the variable's shape ({@code Shape.scalar()} for a running total)
   * @param initialValue the value every element starts (and is reset) at
   * @return the new state variable
   */
  protected Variable addVariable(String variableName, Shape shape, float initialValue) {
    FloatNdArray initial = NdArrays.ofFloats(shape);
    if (initialValue != 0) {
      initial.scalars().forEach(s -> s.setFloat(initialValue));
    }
    Variable variable = new Variable(name + "/" + variableName, initial, false);
    variables.add(variable);
    initialValues.add(initial);
    return variable;
  }

  /**
   * Accumulates a batch: labels {@code yTrue}, predictions {@code yPred}, optional per-sample
   * {@code sampleWeight} (null: every sample weighs 1). Runs inside a traced step.
   *
   * @param yTrue the labels, one row per sample
   * @param yPred the model's outputs, one row per sample
   * @param sampleWeight the weights, one per sample, or null for weight 1 each
   */
  public abstract void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight);

  /**
   * The metric's value from the state accumulated so far, inside a traced step.
   *
   * @return the metric's value from the state accumulated so far, inside a traced step
   */
  public abstract KerasTensor result();

  /** Sets every state variable back to its initial value, now. */
  public void resetState() {
    for (int i = 0; i < variables.size(); i++) {
      variables.get(i).assign(initialValues.get(i));
    }
  }

  /**
   * The state variables, in creation order.
   *
   * @return the state variables, in creation order
   */
  public List<Variable> variables() {
    return Collections.unmodifiableList(variables);
  }

  /**
   * Keras's config: the name (and the dtype, always float32 here).
   *
   * @return the config map, keyed as Keras's {@code get_config()}
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("dtype", "float32");
    return config;
  }

  /** A float32 constant, for comparisons inside a metric's ops. */
  static KerasTensor constant(double value) {
    return KerasTensor.constant(NdArrays.scalarOf((float) value));
  }

  @Override
  public String toString() {
    return name;
  }
}
