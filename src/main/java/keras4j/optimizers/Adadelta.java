package keras4j.optimizers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.TensorLike;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Adadelta, Keras 3's defaults: learning rate 0.001, rho 0.95, epsilon 1e-7. Keras's rule, with
 * {@code rms(x) = sqrt(x + eps)}: {@code G = rho * G + (1 - rho) * g^2; delta = -rms(D) * g /
 * rms(G); D = rho * D + (1 - rho) * delta^2; w += lr * delta}.
 */
public class Adadelta extends Optimizer {
  private final double rho;
  private final double epsilon;
  private List<Variable> accumulatedGrads;
  private List<Variable> accumulatedDeltas;

  /**
   * Adadelta with Keras's keyword arguments: {@code learningRate}, {@code rho}, {@code epsilon}
   * and the options of every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Adadelta(OptimizerArg... args) {
    super("adadelta", 0.001, args, "rho", "epsilon");
    this.rho = doubleArg("rho", 0.95);
    this.epsilon = doubleArg("epsilon", 1e-7);
  }

  /**
   * Adadelta with the given learning rate (the original paper's rule is learning rate 1).
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Adadelta(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Adadelta with every setting given.
   *
   * @param learningRate step size of each update, a positive number (Keras's {@code learning_rate})
   * @param rho the decay rate of the moving averages of squared gradients and updates (default
   *     0.95)
   * @param epsilon small constant added to the denominator for numerical stability (Keras's {@code
   *     epsilon}, default 1e-7)
   */
  public Adadelta(double learningRate, double rho, double epsilon) {
    this(new Kwarg("learning_rate", learningRate), new Kwarg("rho", rho),
        new Kwarg("epsilon", epsilon));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adadelta fromConfig(ConfigReader config) {
    return new Adadelta(configArgs(config));
  }

  /** Creates an accumulated gradient and an accumulated delta for each variable in turn. */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    List<List<Variable>> slots =
        addOptimizerVariables(variables, "accumulated_grad", "accumulated_delta_var");
    accumulatedGrads = slots.get(0);
    accumulatedDeltas = slots.get(1);
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    Variable accumulatedDelta = accumulatedDeltas.get(i);
    KerasTensor newGrad =
        accumulatedGrads.get(i).assign(movingAverage(accumulatedGrads.get(i), Ops.square(gradient)));
    // delta reads the accumulated delta before this step's assign, which consumes delta.
    KerasTensor delta = Ops.negative(
        Ops.divide(Ops.multiply(rms(accumulatedDelta), gradient), rms(newGrad)));
    accumulatedDelta.assign(movingAverage(accumulatedDelta, Ops.square(delta)));
    variable.assignAdd(Ops.multiply(learningRate, delta));
  }

  private KerasTensor movingAverage(TensorLike average, KerasTensor value) {
    return Ops.add(Ops.multiply(average, rho), Ops.multiply(value, 1 - rho));
  }

  private KerasTensor rms(TensorLike x) {
    return Ops.sqrt(Ops.add(x, scalar(epsilon)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rho", rho);
    config.put("epsilon", epsilon);
    return config;
  }
}
