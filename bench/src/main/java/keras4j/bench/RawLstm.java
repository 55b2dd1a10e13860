package keras4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The hand-written twin of {@link KerasLstm}: Embedding(1000, 32), LSTM(64) unrolled over the 80
 * steps in raw ops (Keras's cell: {@code z = x @ kernel + h @ recurrent + bias}, gates i, f, c, o,
 * sigmoid and tanh, forget bias 1), Dense(2) on the last output; the loss and Adam of {@link
 * RawLayers}, gradients by {@code Graph.addGradients}. One {@code Session.run} per batch. Kernels
 * are Glorot-uniform (Keras's recurrent kernel is orthogonal: the same cost).
 */
final class RawLstm implements Contender {
  static final int EMBEDDING = 32;
  static final int UNITS = 64;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt32> x;
  private final Placeholder<TInt32> y;
  private final RawStep step;
  private final SequenceData data;
  private final SplittableRandom random;
  private final int[] order;

  /** The model on {@code data}, its session with {@code interOpThreads} (0: TF's default). */
  RawLstm(SequenceData data, long seed, int interOpThreads) {
    this.data = data;
    random = new SplittableRandom(seed);
    order = RawLayers.identity(data.size());
    Ops tf = Ops.create(graph);
    RawLayers layers = new RawLayers(tf, random);
    x = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, SequenceData.STEPS)));
    y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    float[] rows = new float[SequenceData.VOCABULARY * EMBEDDING];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) ((random.nextDouble() * 2 - 1) * 0.05); // Keras's "uniform"
    }
    Variable<TFloat32> embeddings = layers.trainable(rows, SequenceData.VOCABULARY, EMBEDDING);
    Variable<TFloat32> kernel = layers.glorot(EMBEDDING, 4 * UNITS);
    Variable<TFloat32> recurrent = layers.glorot(UNITS, 4 * UNITS);
    float[] bias = new float[4 * UNITS];
    Arrays.fill(bias, UNITS, 2 * UNITS, 1f); // unit_forget_bias
    Variable<TFloat32> b = layers.trainable(bias, 4 * UNITS);
    var inputs = tf.unstack(tf.gather(embeddings, x, tf.constant(0)), (long) SequenceData.STEPS,
        Unstack.axis(1L));
    Operand<TFloat32> h = tf.zeros(tf.concat(List.of(
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(new int[] {UNITS})), tf.constant(0)), TFloat32.class);
    Operand<TFloat32> c = h;
    for (Operand<TFloat32> input : inputs) {
      Operand<TFloat32> z = tf.nn.biasAdd(tf.math.add(tf.linalg.matMul(input, kernel),
          tf.linalg.matMul(h, recurrent)), b);
      var gates = tf.split(tf.constant(1), z, 4L).output();
      c = tf.math.add(tf.math.mul(tf.math.sigmoid(gates.get(1)), c),
          tf.math.mul(tf.math.sigmoid(gates.get(0)), tf.math.tanh(gates.get(2))));
      h = tf.math.mul(tf.math.sigmoid(gates.get(3)), tf.math.tanh(c));
    }
    Operand<TFloat32> loss = layers.loss(layers.dense(h, UNITS, 2), y);
    List<Op> train = layers.adam(loss);
    session = new Session(graph,
        ConfigProto.newBuilder().setInterOpParallelismThreads(interOpThreads).build());
    step = new RawStep(session, x, y, loss, train);
    session.initialize();
  }

  @Override
  public double epoch(int batch) {
    System.gc(); // as before keras4j's epochs: no collection of earlier garbage while timed
    long start = System.nanoTime();
    RawLayers.shuffle(order, random);
    trainBatches(batch, (order.length + batch - 1) / batch);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Trains on the first {@code steps} batches of the current order; returns the last loss. */
  float trainBatches(int batch, int steps) {
    int length = SequenceData.STEPS;
    float last = Float.NaN;
    for (int s = 0; s < steps; s++) {
      int from = s * batch;
      int to = Math.min(order.length, from + batch);
      try (TInt32 xb = TInt32.tensorOf(Shape.of(to - from, length));
          TInt32 yb = TInt32.tensorOf(Shape.of(to - from))) {
        var xData = xb.asRawTensor().data().asInts();
        for (int i = from; i < to; i++) {
          xData.offset((long) (i - from) * length).write(data.tokens(), order[i] * length, length);
          yb.setInt(data.labels()[order[i]], i - from);
        }
        last = step.run(xb, yb);
      }
    }
    return last;
  }

  /** The number of operations in the graph. */
  int graphSize() {
    int count = 0;
    for (var it = graph.operations(); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }

  @Override
  public int samples() {
    return data.size();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
