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
 * Adadelta, Keras 3's defaults: learning rate 0.001, rho 0.95, epsilon 1e-7. Keras's rule, with
 * {@code rms(x) = sqrt(x + eps)}: {@code G = rho * G + (1 - rho) * g^2; delta = -rms(D) * g /
 * rms(G); D = rho * D + (1 - rho) * delta^2; w += lr * delta}.
 */
public class Adadelta extends Optimizer {
  private final float rho;
  private final float epsilon;

  /** Adadelta with Keras's defaults. */
  public Adadelta() {
    this(0.001);
  }

  /** Adadelta with the given learning rate (the original paper's rule is learning rate 1). */
  public Adadelta(double learningRate) {
    this(learningRate, 0.95, 1e-7);
  }

  /** Adadelta with every setting given. */
  public Adadelta(double learningRate, double rho, double epsilon) {
    super("adadelta", learningRate);
    this.rho = (float) rho;
    this.epsilon = (float) epsilon;
  }

  @Override
  protected List<List<String>> slotOrder() {
    return List.of(List.of("accumulated_grad", "accumulated_delta_var"));
  }

  @Override
  protected Op updateStep(Ops tf, ModelGraph graph, GraphVariable variable,
      Operand<TFloat32> gradient, Operand<TFloat32> learningRate, Operand<TFloat32> step) {
    GraphVariable accumulatedGrad = slot(graph, variable, "accumulated_grad", 0f);
    GraphVariable accumulatedDelta = slot(graph, variable, "accumulated_delta_var", 0f);
    Operand<TFloat32> newGrad = tf.assign(accumulatedGrad.ref(),
        movingAverage(tf, accumulatedGrad.read(), tf.math.square(gradient)));
    // delta reads the accumulated delta before this step's assign, which consumes delta.
    Operand<TFloat32> delta = tf.math.neg(tf.math.div(
        tf.math.mul(rms(tf, accumulatedDelta.read()), gradient), rms(tf, newGrad)));
    Operand<TFloat32> newDelta = tf.assign(accumulatedDelta.ref(),
        movingAverage(tf, accumulatedDelta.read(), tf.math.square(delta)));
    return tf.withControlDependencies(List.of(newDelta))
        .assignAdd(variable.ref(), tf.math.mul(learningRate, delta));
  }

  private Operand<TFloat32> movingAverage(
      Ops tf, Operand<TFloat32> average, Operand<TFloat32> value) {
    return tf.math.add(tf.math.mul(tf.constant(rho), average),
        tf.math.mul(tf.constant(1 - rho), value));
  }

  private Operand<TFloat32> rms(Ops tf, Operand<TFloat32> x) {
    return tf.math.sqrt(tf.math.add(x, tf.constant(epsilon)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rho", rho);
    config.put("epsilon", epsilon);
    return config;
  }
}
