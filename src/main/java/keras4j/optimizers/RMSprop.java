package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import keras4j.backend.GraphVariable;
import keras4j.backend.ModelGraph;
import keras4j.saving.ConfigReader;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RMSprop, Keras 3's defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7. The update
 * is TensorFlow's {@code ApplyRMSProp}, Keras's rule: {@code v = rho * v + (1 - rho) * g^2; w -= lr
 * * g / sqrt(v + eps)}.
 */
public class RMSprop extends Optimizer {
  private final float rho;
  private final float momentum;
  private final float epsilon;

  /** RMSprop with Keras's defaults. */
  public RMSprop() {
    this(0.001);
  }

  /** RMSprop with the given learning rate. */
  public RMSprop(double learningRate) {
    this(learningRate, 0.9, 0.0, 1e-7);
  }

  /** RMSprop with every setting given. */
  public RMSprop(double learningRate, double rho, double momentum, double epsilon) {
    super("rmsprop", learningRate);
    this.rho = (float) rho;
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code from_config}, with Keras's defaults for what the config leaves out. */
  public static RMSprop fromConfig(ConfigReader config) {
    return new RMSprop(Optimizer.learningRate(config, 0.001), config.doubleValue("rho", 0.9),
        config.doubleValue("momentum", 0), config.doubleValue("epsilon", 1e-7));
  }

  @Override
  protected List<List<String>> slotOrder() {
    return momentum > 0 ? List.of(List.of("velocity"), List.of("momentum"))
        : List.of(List.of("velocity"));
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable velocity = slot(graph, variable, "velocity", 0f);
    GraphVariable moment = slot(graph, variable, "momentum", 0f);
    return tf.train.applyRmsProp(variable.ref(), velocity.ref(), moment.ref(), learningRate,
        tf.constant(rho), tf.constant(momentum), tf.constant(epsilon), gradient);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rho", rho);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    return config;
  }
}
