package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.OptimizerArg;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Adafactor, Keras 3's {@code Adafactor}; defaults: learning rate 0.001, beta2 decay -0.8,
 * epsilon1 1e-30, epsilon2 1e-3, clip threshold 1, relative step on. For a variable of rank 2 or
 * more the second moment is factored into row and column averages {@code r}, {@code c} of the
 * last two axes, {@code v = r / mean(r) * c}; a vector keeps a full {@code v}. With {@code t} the
 * 1-based step, {@code rho = min(lr, 1 / sqrt(t))} (with relative step and a number as the
 * learning rate the rate itself is capped so), {@code b2 = 1 - t^beta2Decay}, {@code r, c, v =
 * b2 * old + (1 - b2) * mean(g^2 + eps1)}, {@code u = g / sqrt(v)}, {@code w -= max(eps2,
 * rms(w)) * rho * u / max(1, rms(u) / clip_threshold)}.
 */
public class Adafactor extends Optimizer {
  private final float beta2Decay;
  private final float epsilon1;
  private final float epsilon2;
  private final float clipThreshold;
  private final boolean relativeStep;
  private List<Variable> rows;
  private List<Variable> columns;
  private List<Variable> velocities;

  /**
   * Adafactor with Keras's keyword arguments: {@code learningRate}, {@code beta2Decay}, {@code
   * epsilon1}, {@code epsilon2}, {@code clipThreshold}, {@code relativeStep} and the options of
   * every optimizer.
   *
   * @param args the keyword arguments; none for Keras's defaults
   */
  public Adafactor(OptimizerArg... args) {
    super("adafactor", 0.001, args, "beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold",
        "relative_step");
    this.beta2Decay = (float) doubleArg("beta_2_decay", -0.8);
    this.epsilon1 = (float) doubleArg("epsilon_1", 1e-30);
    this.epsilon2 = (float) doubleArg("epsilon_2", 1e-3);
    this.clipThreshold = (float) doubleArg("clip_threshold", 1.0);
    this.relativeStep = booleanArg("relative_step", true);
  }

  /**
   * Adafactor with the given learning rate.
   *
   * @param learningRate the learning rate
   * @param args more keyword arguments
   */
  public Adafactor(double learningRate, OptimizerArg... args) {
    this(withArgs(args, new Kwarg("learning_rate", learningRate)));
  }

  /**
   * Keras's {@code from_config}, with Keras's defaults for what the config leaves out.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new optimizer configured as saved, with no state yet
   */
  public static Adafactor fromConfig(ConfigReader config) {
    return new Adafactor(configArgs(config));
  }

  /**
   * For each variable in turn, its row and column averages then its velocity, as Keras does; a
   * variable of rank below 2 gets two unused scalars in place of the averages (Keras's
   * placeholders, saved with the rest).
   */
  @Override
  public void build(List<Variable> variables) {
    super.build(variables);
    rows = new ArrayList<>();
    columns = new ArrayList<>();
    velocities = new ArrayList<>();
    for (Variable v : variables) {
      long[] dims = v.shape().asArray();
      String base = v.name().replace('/', '_');
      if (dims.length < 2) {
        rows.add(addVariable(base + "_unused_row", Shape.scalar(), 0f));
        columns.add(addVariable(base + "_unused_column", Shape.scalar(), 0f));
      } else {
        long[] column = dims.clone();
        column[dims.length - 2] = dims[dims.length - 1];
        rows.add(addVariable(base + "_row", Shape.of(java.util.Arrays.copyOf(dims, dims.length
            - 1)), 0f));
        columns.add(addVariable(base + "_column", Shape.of(java.util.Arrays.copyOf(column,
            dims.length - 1)), 0f));
      }
      velocities.add(addVariableFromReference(v, "velocity"));
    }
  }

  private static KerasTensor rms(KerasTensor x) {
    return Ops.sqrt(Ops.mean(Ops.square(x)));
  }

  @Override
  protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
    int i = variableIndex(variable);
    KerasTensor one = scalar(1);
    KerasTensor step = Ops.add(iterationsValue(), one);
    KerasTensor stepCap = Ops.divide(one, Ops.sqrt(step));
    KerasTensor lr = learningRate;
    if (learningRateSchedule() == null && relativeStep) {
      lr = Ops.minimum(lr, stepCap);
    }
    KerasTensor rho = Ops.minimum(lr, stepCap);
    KerasTensor alpha = Ops.multiply(Ops.maximum(rms(variable.value()), epsilon2), rho);
    KerasTensor regulated = Ops.add(Ops.square(gradient), scalar(epsilon1));
    KerasTensor b2 = Ops.subtract(one, Ops.power(step, scalar(beta2Decay)));
    KerasTensor keep = Ops.subtract(one, b2);
    Variable v = velocities.get(i);
    KerasTensor newV;
    if (variable.shape().numDimensions() >= 2) {
      Variable r = rows.get(i);
      Variable c = columns.get(i);
      KerasTensor newR = r.assign(
          Ops.add(Ops.multiply(b2, r), Ops.multiply(keep, Ops.mean(regulated, -1))));
      KerasTensor newC = c.assign(
          Ops.add(Ops.multiply(b2, c), Ops.multiply(keep, Ops.mean(regulated, -2))));
      KerasTensor rowShare = Ops.divide(newR, Ops.expandDims(Ops.mean(newR, -1), -1));
      newV = v.assign(Ops.multiply(Ops.expandDims(rowShare, -1), Ops.expandDims(newC, -2)));
    } else {
      newV = v.assign(Ops.add(Ops.multiply(b2, v), Ops.multiply(keep, regulated)));
    }
    KerasTensor u = Ops.divide(gradient, Ops.sqrt(newV));
    KerasTensor uHat = Ops.divide(u, Ops.maximum(Ops.divide(rms(u), scalar(clipThreshold)), one));
    variable.assignSub(Ops.multiply(alpha, uHat));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("beta_2_decay", beta2Decay);
    config.put("epsilon_1", epsilon1);
    config.put("epsilon_2", epsilon2);
    config.put("clip_threshold", clipThreshold);
    config.put("relative_step", relativeStep);
    return config;
  }
}
