package keras4j.bench;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The hand-written loops' training step: one {@code Session.run} feeding a batch, running the
 * updates and fetching the loss.
 *
 * @param session the session of the graph
 * @param x the inputs' placeholder
 * @param y the labels' placeholder
 * @param loss the mean loss of the batch
 * @param train the updates of one step ({@link RawLayers#adam})
 */
record RawStep(Session session, Operand<?> x, Operand<TInt32> y, Operand<TFloat32> loss,
    List<Op> train) {
  /** Trains on the batch {@code xb}, {@code yb}; returns its loss before the update. */
  float run(Tensor xb, TInt32 yb) {
    Session.Runner runner = session.runner().feed(x, xb).feed(y, yb).fetch(loss);
    train.forEach(runner::addTarget);
    try (Result result = runner.run()) {
      return ((TFloat32) result.get(0)).getFloat();
    }
  }
}
