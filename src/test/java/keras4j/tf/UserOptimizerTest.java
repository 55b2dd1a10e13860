package keras4j.tf;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.losses.MeanSquaredError;
import keras4j.models.Sequential;
import keras4j.ops.Ops;
import keras4j.optimizers.Optimizer;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;

/**
 * An optimizer written as a user's module would write it, outside keras4j.optimizers, with only
 * {@code Ops} and {@code Variable.assign*}: SGD with momentum 0.9 and learning rate 0.1, trained
 * 3 steps under {@code fit} and inside {@code TF.function}.
 *
 * <p>By hand: one sample x = [1, 2], y = 1, kernel [0.5, -0.5], bias 0, loss (p - y)^2, so the
 * gradients are 2(p - y) * [x, 1]; v = 0.9 v - 0.1 g; w += v.
 * Step 1: p = -0.5, g = -3 * [1, 2, 1], v = [0.3, 0.6, 0.3], w = [0.8, 0.1, 0.3].
 * Step 2: p = 1.3, g = 0.6 * [1, 2, 1], v = [0.21, 0.42, 0.21], w = [1.01, 0.52, 0.51].
 * Step 3: p = 2.56, g = 3.12 * [1, 2, 1], v = [-0.123, -0.246, -0.123], w = [0.887, 0.274, 0.387].
 */
class UserOptimizerTest {
  private static final float[][] X = {{1f, 2f}};
  private static final float[][] Y = {{1f}};
  private static final float[] KERNEL = {0.887f, 0.274f};
  private static final float BIAS = 0.387f;
  private static final float[] VELOCITY = {-0.123f, -0.246f, -0.123f};

  /** Keras's SGD with momentum, re-implemented from the public API only. */
  static final class MomentumSgd extends Optimizer {
    private List<Variable> velocities;

    MomentumSgd() {
      super("momentum_sgd", 0.1);
    }

    @Override
    public void build(List<Variable> variables) {
      super.build(variables);
      velocities = variables.stream().map(v -> addVariableFromReference(v, "velocity")).toList();
    }

    @Override
    protected void updateStep(KerasTensor gradient, Variable variable, KerasTensor learningRate) {
      Variable velocity = velocities.get(variableIndex(variable));
      KerasTensor next = velocity.assign(
          Ops.subtract(Ops.multiply(velocity, 0.9), Ops.multiply(learningRate, gradient)));
      variable.assignAdd(next);
    }
  }

  @Test
  void threeStepsUnderFitMatchTheHandComputedValues() {
    MomentumSgd optimizer = new MomentumSgd();
    try (Sequential model = model()) {
      model.compile(optimizer(optimizer), loss("mse"));
      model.fit(X, Y, epochs(3), batchSize(1), shuffle(false), verbose(0));
      assertSteps(model, optimizer);
    }
  }

  @Test
  void threeStepsInsideTfFunctionMatchTheHandComputedValues() {
    MomentumSgd optimizer = new MomentumSgd();
    MeanSquaredError mse = new MeanSquaredError();
    try (Sequential model = model();
        var step = TF.function((x, y) -> {
          GradientTape tape = new GradientTape();
          KerasTensor loss;
          try (tape) {
            loss = mse.apply(y, model.apply(x, true));
          }
          List<Variable> vars = model.trainableVariables();
          optimizer.applyGradients(tape.gradient(loss, vars), vars);
          return loss;
        })) {
      for (int i = 0; i < 3; i++) {
        step.call(StdArrays.ndCopyOf(X), StdArrays.ndCopyOf(Y));
      }
      assertSteps(model, optimizer);
    }
  }

  private static Sequential model() {
    Sequential model = new Sequential(new Dense(1, inputShape(2)));
    model.setWeights(List.of(
        StdArrays.ndCopyOf(new float[][] {{0.5f}, {-0.5f}}), NdArrays.vectorOf(0f)));
    return model;
  }

  private static void assertSteps(Sequential model, MomentumSgd optimizer) {
    List<FloatNdArray> weights = model.getWeights();
    assertEquals(KERNEL[0], weights.get(0).getFloat(0, 0), 1e-5);
    assertEquals(KERNEL[1], weights.get(0).getFloat(1, 0), 1e-5);
    assertEquals(BIAS, weights.get(1).getFloat(0), 1e-5);
    assertEquals(3, optimizer.iterations());
    // Keras's saved order: iteration, learning rate, then the slots as build created them.
    List<Variable> state = optimizer.variables();
    assertEquals(4, state.size());
    assertEquals(3f, state.get(0).numpy().getFloat(), 0f);
    assertEquals(0.1f, state.get(1).numpy().getFloat(), 1e-7);
    assertEquals(VELOCITY[0], state.get(2).numpy().getFloat(0, 0), 1e-5);
    assertEquals(VELOCITY[1], state.get(2).numpy().getFloat(1, 0), 1e-5);
    assertEquals(VELOCITY[2], state.get(3).numpy().getFloat(0), 1e-5);
    assertTrue(optimizer.name().startsWith("momentum_sgd"), optimizer.name());
    assertEquals(optimizer.name() + "/" + model.trainableVariables().get(0).name().replace('/', '_')
        + "_velocity", state.get(2).name());
  }
}
