package keras4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The CPU's matrix-product ceiling as TensorFlow reaches it: a 2048x2048 by 2048x2048 MatMul
 * (float32, or bfloat16 for the precision section) run in a loop (17.2 GFLOP per run, the run
 * overhead negligible next to it).
 */
final class MatmulCeiling implements AutoCloseable {
  private static final int N = 2048;
  private final Graph graph = new Graph();
  private final Session session;
  private final Op product;

  MatmulCeiling() {
    this(TFloat32.class);
  }

  /** The ceiling of products of {@code type} values. */
  <T extends TNumber> MatmulCeiling(Class<T> type) {
    Ops tf = Ops.create(graph);
    var a = tf.variable(tf.dtypes.cast(
        tf.random.randomUniform(tf.constant(new long[] {N, N}), TFloat32.class), type));
    product = tf.linalg.matMul(a, a);
    session = new Session(graph, ConfigProto.newBuilder().setInterOpParallelismThreads(-1).build());
    session.initialize();
    session.run(product);
  }

  /** GFLOP/s of {@code runs} products, measured {@code repeats} times (one value each). */
  List<Double> measure(int repeats, int runs) {
    List<Double> out = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        session.run(product);
      }
      out.add(2.0 * N * N * N * runs / ((System.nanoTime() - start) / 1e9) / 1e9);
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
