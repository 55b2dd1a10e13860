package keras4j.optimizers;

import java.util.List;
import keras4j.backend.CoreBridge;
import keras4j.backend.ModelGraph;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's fused optimizer kernels behind the built-ins' public {@code updateStep}: one
 * native op updating a variable and its slots in place, faster than the same rule written as
 * several ops. Each is recorded in the trace like a {@link Variable#assign(KerasTensor)}: after
 * the earlier reads of the variables it writes, before the later ones.
 */
final class FusedKernels {
  private FusedKernels() {}

  /**
   * TensorFlow's {@code ApplyAdam}, Keras's Adam rule: {@code m += (g - m) * (1 - b1); v += (g^2
   * - v) * (1 - b2); w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}.
   */
  static void applyAdam(Variable variable, Variable m, Variable v, KerasTensor beta1Power,
      KerasTensor beta2Power, KerasTensor learningRate, float beta1, float beta2, float epsilon,
      KerasTensor gradient) {
    Trace trace = Trace.current("Adam's update step");
    ModelGraph graph = trace.graph();
    Ops tf = graph.tf();
    List<VariableStorage> written = Optimizer.storage(List.of(variable, m, v));
    Op update = tf.train.applyAdam(
        graph.variable(written.get(0)).ref(),
        graph.variable(written.get(1)).ref(),
        graph.variable(written.get(2)).ref(),
        operand(beta1Power),
        operand(beta2Power),
        operand(learningRate),
        tf.constant(beta1),
        tf.constant(beta2),
        tf.constant(epsilon),
        trace.gate(written, operand(gradient)));
    trace.effect(update, written);
  }

  private static Operand<TFloat32> operand(KerasTensor x) {
    return CoreBridge.tensor(x).operand();
  }
}
