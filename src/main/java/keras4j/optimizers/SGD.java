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
 * Gradient descent with optional momentum, Keras 3's {@code SGD} (learning rate 0.01): {@code v =
 * momentum * v - lr * g; w += v} (Nesterov: {@code w += momentum * v - lr * g}).
 */
public class SGD extends Optimizer {
  private final float momentum;
  private final boolean nesterov;

  /** Plain SGD with learning rate 0.01. */
  public SGD() {
    this(0.01);
  }

  /** Plain SGD. */
  public SGD(double learningRate) {
    this(learningRate, 0, false);
  }

  /** SGD with momentum in [0, 1], optionally Nesterov's. */
  public SGD(double learningRate, double momentum, boolean nesterov) {
    super("SGD", learningRate);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
    }
    this.momentum = (float) momentum;
    this.nesterov = nesterov;
  }

  /** Keras's {@code from_config}, with Keras's defaults for what the config leaves out. */
  public static SGD fromConfig(ConfigReader config) {
    return new SGD(Optimizer.learningRate(config, 0.01), config.doubleValue("momentum", 0),
        config.bool("nesterov", false));
  }

  @Override
  protected List<List<String>> slotOrder() {
    return momentum != 0 ? List.of(List.of("momentum")) : List.of();
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    if (momentum == 0) {
      return tf.train.applyGradientDescent(variable.ref(), learningRate, gradient);
    }
    GraphVariable velocity = slot(graph, variable, "momentum", 0f);
    Operand<TFloat32> lrGrad = tf.math.mul(learningRate, gradient);
    Operand<TFloat32> newVelocity =
        tf.assign(velocity.ref(),
            tf.math.sub(tf.math.mul(tf.constant(momentum), velocity.read()), lrGrad));
    Operand<TFloat32> delta =
        nesterov ? tf.math.sub(tf.math.mul(tf.constant(momentum), newVelocity), lrGrad) : newVelocity;
    return tf.assignAdd(variable.ref(), delta);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("momentum", momentum);
    config.put("nesterov", nesterov);
    return config;
  }
}
