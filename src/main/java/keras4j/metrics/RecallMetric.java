package keras4j.metrics;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.metrics.BaseMetric;
import org.tensorflow.framework.metrics.FalseNegatives;
import org.tensorflow.framework.metrics.TruePositives;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Recall at threshold 0.5, {@code TP / (TP + FN)}, from the framework's TruePositives and
 * FalseNegatives: TF Java 1.0.0's own {@code Recall} returns an empty tensor instead of a value.
 */
final class RecallMetric extends BaseMetric {
  private final TruePositives<TFloat32> truePositives;
  private final FalseNegatives<TFloat32> falseNegatives;

  RecallMetric(String name, long seed) {
    super(name, seed);
    truePositives = new TruePositives<>(name + "_tp", 0.5f, seed, TFloat32.class);
    falseNegatives = new FalseNegatives<>(name + "_fn", 0.5f, seed, TFloat32.class);
  }

  @Override
  protected void init(Ops tf) {
    setTF(tf);
  }

  @Override
  public List<Op> updateStateList(Ops tf, Operand<? extends TNumber> labels,
      Operand<? extends TNumber> predictions, Operand<? extends TNumber> sampleWeights) {
    List<Op> updates = new ArrayList<>(
        truePositives.updateStateList(tf, labels, predictions, sampleWeights));
    updates.addAll(falseNegatives.updateStateList(tf, labels, predictions, sampleWeights));
    return updates;
  }

  @Override
  public <T extends TNumber> Operand<T> result(Ops tf, Class<T> type) {
    Operand<TFloat32> tp = tf.reduceSum(truePositives.result(tf, TFloat32.class), tf.constant(0));
    Operand<TFloat32> fn = tf.reduceSum(falseNegatives.result(tf, TFloat32.class), tf.constant(0));
    return tf.dtypes.cast(tf.math.divNoNan(tp, tf.math.add(tp, fn)), type);
  }

  @Override
  public Op resetStates(Ops tf) {
    return tf.withControlDependencies(
        List.of(truePositives.resetStates(tf), falseNegatives.resetStates(tf))).noOp();
  }
}
