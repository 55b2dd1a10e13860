package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adagrad, Keras 3's defaults: learning rate 0.001, initial accumulator value 0.1, epsilon 1e-7.
 * Keras's rule, {@code accumulator += g^2; w -= lr * g / sqrt(accumulator + eps)}, is written out
 * because TensorFlow's {@code ApplyAdagradV2} puts epsilon outside the square root.
 */
public class Adagrad extends Optimizer {
  private final float initialAccumulatorValue;
  private final float epsilon;

  /** Adagrad with Keras's defaults. */
  public Adagrad() {
    this(0.001);
  }

  /** Adagrad with the given learning rate. */
  public Adagrad(double learningRate) {
    this(learningRate, 0.1, 1e-7);
  }

  /** Adagrad with every setting given. */
  public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
    super("adagrad", learningRate);
    this.initialAccumulatorValue = (float) initialAccumulatorValue;
    this.epsilon = (float) epsilon;
  }

  @Override
  protected List<List<String>> slotOrder() {
    return List.of(List.of("accumulator"));
  }

  @Override
  protected float slotInitialValue(String slotName) {
    return initialAccumulatorValue;
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable accumulator = slot(graph, variable, "accumulator", initialAccumulatorValue);
    Operand<TFloat32> accumulated = tf.assignAdd(accumulator.ref(), tf.math.square(gradient));
    Operand<TFloat32> denominator = tf.math.sqrt(tf.math.add(accumulated, tf.constant(epsilon)));
    return tf.assignSub(
        variable.ref(), tf.math.div(tf.math.mul(learningRate, gradient), denominator));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("initial_accumulator_value", initialAccumulatorValue);
    config.put("epsilon", epsilon);
    return config;
  }
}
