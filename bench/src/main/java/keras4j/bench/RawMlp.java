package keras4j.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The baseline: an MLP (or another {@link RawNet}, the CNN) trained by hand with TensorFlow Java,
 * as a TF Java user writes it without keras4j ({@link RawLayers}): ReLU hidden layers and a
 * softmax output, Glorot-uniform kernels and zero biases, the mean sparse softmax crossentropy of
 * the logits, and Adam with Keras's defaults applied by TF's {@code ApplyAdam}. One {@code
 * Session.run} per batch feeds the batch, runs the updates and fetches the loss.
 */
final class RawMlp implements Engine {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TInt32> y;
  private final Operand<TFloat32> probabilities;
  private final RawStep step;
  private final int inputs;
  private final int outputs;
  private final SplittableRandom random;
  private int[] order = new int[0];

  /**
   * An MLP of the given layer widths (input first), its session using the given thread counts
   * (0: TF's default; the intra-op count only counts in the first session of the process).
   */
  RawMlp(int[] widths, long seed, int intraOpThreads, int interOpThreads) {
    this(RawNet.dense(widths), widths[0], widths[widths.length - 1], seed, intraOpThreads,
        interOpThreads);
  }

  /**
   * The network {@code net} on {@code inputs} features and {@code outputs} classes, its session
   * using the given thread counts.
   */
  RawMlp(RawNet net, int inputs, int outputs, long seed, int intraOpThreads, int interOpThreads) {
    Ops tf = Ops.create(graph);
    this.inputs = inputs;
    this.outputs = outputs;
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    random = new SplittableRandom(seed);
    RawLayers layers = new RawLayers(tf, random);
    Operand<TFloat32> h = net.logits(layers, x);
    // In training mode only: its BatchNormalization would predict with the batch's statistics.
    probabilities = layers.hasStatistics() ? null : tf.nn.softmax(h);
    Operand<TFloat32> loss = layers.loss(h, y);
    List<Op> train = layers.adam(loss);
    session = new Session(graph,
        ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads).build());
    step = new RawStep(session, x, y, loss, train);
    session.initialize();
  }

  // The sample order, kept from epoch to epoch (and reset when the data set changes size).
  private void orderFor(FashionData data) {
    if (order.length != data.size()) {
      order = RawLayers.identity(data.size());
    }
  }

  @Override
  public double epoch(FashionData data, int batch) {
    System.gc(); // as before keras4j's epochs: no collection of earlier garbage while timed
    long start = System.nanoTime();
    orderFor(data);
    RawLayers.shuffle(order, random);
    trainBatches(data, batch, (order.length + batch - 1) / batch);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Trains on the first {@code steps} batches of the current order; returns the last loss. */
  float trainBatches(FashionData data, int batch, int steps) {
    orderFor(data);
    float last = Float.NaN;
    for (int s = 0; s < steps; s++) {
      int from = s * batch;
      int to = Math.min(order.length, from + batch);
      try (TFloat32 xb = TFloat32.tensorOf(Shape.of(to - from, inputs));
          TInt32 yb = TInt32.tensorOf(Shape.of(to - from))) {
        var xData = xb.asRawTensor().data().asFloats();
        for (int i = from; i < to; i++) {
          xData.offset((long) (i - from) * inputs).write(data.x(), order[i] * inputs, inputs);
          yb.setInt(data.y()[order[i]], i - from);
        }
        last = step.run(xb, yb);
      }
    }
    return last;
  }

  @Override
  public float[] predict(float[][] rows) {
    try (TFloat32 batch = TFloat32.tensorOf(Shape.of(rows.length, inputs))) {
      var data = batch.asRawTensor().data().asFloats();
      for (int i = 0; i < rows.length; i++) {
        data.offset((long) i * inputs).write(rows[i]);
      }
      return run(batch, rows.length);
    }
  }

  private float[] run(TFloat32 batch, int rows) {
    if (probabilities == null) {
      throw new UnsupportedOperationException("This hand-written network normalises with its"
          + " batches' statistics: only its training is timed");
    }
    float[] out = new float[rows * outputs];
    try (Result result = session.runner().feed(x, batch).fetch(probabilities).run()) {
      ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out);
    }
    return out;
  }

  @Override
  public double accuracy(FashionData data) {
    int n = data.size();
    int right = 0;
    try (TFloat32 all = TFloat32.tensorOf(Shape.of(n, inputs))) {
      all.asRawTensor().data().asFloats().write(data.x());
      float[] p = run(all, n);
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int k = 1; k < outputs; k++) {
          if (p[i * outputs + k] > p[i * outputs + best]) {
            best = k;
          }
        }
        right += best == data.y()[i] ? 1 : 0;
      }
    }
    return (double) right / n;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
