package keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import keras4j.backend.CoreBridge;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The order {@link Optimizer#applyGradients} keeps inside a trace, beyond what {@link
 * Variable#assign(KerasTensor)} gives each variable: every update waits for every gradient, and
 * the iteration count moves on after every update.
 */
final class StepOrder {
  private StepOrder() {}

  /**
   * The gradients as the update steps must see them: each waiting for every gradient, and for
   * every op of the trace that reads one of {@code variables}.
   */
  static List<KerasTensor> afterAll(
      Trace trace, List<KerasTensor> gradients, List<Variable> variables) {
    List<VariableStorage> trained = Optimizer.storage(variables);
    List<Operand<TFloat32>> gated = new ArrayList<>();
    for (KerasTensor g : gradients) {
      gated.add(trace.gate(trained, CoreBridge.tensor(g).operand()));
    }
    Ops afterGradients = trace.tf().withControlDependencies(new ArrayList<Op>(gated));
    List<KerasTensor> out = new ArrayList<>();
    for (Operand<TFloat32> g : gated) {
      out.add(CoreBridge.kerasTensor(new Tensor(trace.graph(), afterGradients.identity(g))));
    }
    return out;
  }

  /**
   * Copies of the values of {@code variables} at this point of the trace, which later updates of
   * them (even in place, by a fused kernel) wait for and do not change.
   */
  static List<KerasTensor> snapshot(Trace trace, List<Variable> variables) {
    List<KerasTensor> out = new ArrayList<>();
    for (Variable v : variables) {
      Operand<TFloat32> copy = trace.tf().deepCopy(trace.read(CoreBridge.storage(v)));
      out.add(CoreBridge.kerasTensor(new Tensor(trace.graph(), copy)));
    }
    return out;
  }

  /** {@code iterations += 1} on every execution, after every update of {@code written}. */
  static void incrementAfter(Trace trace, Variable iterations, List<Variable> written) {
    Operand<TFloat32> one = trace.gate(Optimizer.storage(written), trace.tf().constant(1f));
    trace.assignAdd(CoreBridge.storage(iterations), one);
  }
}
