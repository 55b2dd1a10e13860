package keras4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The baseline: an MLP trained by hand with TensorFlow Java 1.0.0, as a TF Java user writes it
 * without keras4j. ReLU hidden layers and a softmax output, Glorot-uniform kernels and zero biases,
 * the mean sparse softmax crossentropy of the logits, and Adam with Keras's defaults applied by
 * TF's {@code ApplyAdam}, the bias corrections kept in two beta-power variables as TF1's
 * AdamOptimizer does. One {@code Session.run} per batch feeds the batch, runs the updates and
 * fetches the loss.
 */
final class RawMlp implements Engine {
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TInt32> y;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> probabilities;
  private final List<Op> train = new ArrayList<>();
  private final int inputs;
  private final int outputs;
  private final SplittableRandom random;
  private int[] order = new int[0];

  /**
   * An MLP of the given layer widths (input first), its session using the given thread counts
   * (0: TF's default; the intra-op count only counts in the first session of the process).
   */
  RawMlp(int[] widths, long seed, int intraOpThreads, int interOpThreads) {
    Ops tf = Ops.create(graph);
    inputs = widths[0];
    outputs = widths[widths.length - 1];
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, inputs)));
    y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    random = new SplittableRandom(seed);
    List<Variable<TFloat32>> weights = new ArrayList<>();
    Operand<TFloat32> h = x;
    for (int i = 1; i < widths.length; i++) {
      Variable<TFloat32> kernel =
          tf.variable(tf.constant(glorot(widths[i - 1], widths[i], random)));
      Variable<TFloat32> bias = tf.variable(tf.constant(new float[widths[i]]));
      weights.add(kernel);
      weights.add(bias);
      h = tf.nn.biasAdd(tf.linalg.matMul(h, kernel), bias);
      if (i < widths.length - 1) {
        h = tf.nn.relu(h);
      }
    }
    probabilities = tf.nn.softmax(h);
    registerLossGradient();
    loss = tf.math.mean(tf.nn.sparseSoftmaxCrossEntropyWithLogits(h, y).loss(), tf.constant(0));
    var gradients = tf.gradients(loss, weights);
    Operand<TFloat32> beta1 = tf.constant(0.9f);
    Operand<TFloat32> beta2 = tf.constant(0.999f);
    Variable<TFloat32> beta1Power = tf.variable(tf.constant(0.9f));
    Variable<TFloat32> beta2Power = tf.variable(tf.constant(0.999f));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Variable<TFloat32> w = weights.get(i);
      updates.add(tf.train.applyAdam(w, tf.variable(tf.zerosLike(w)), tf.variable(tf.zerosLike(w)),
          beta1Power, beta2Power, tf.constant(0.001f), beta1, beta2, tf.constant(1e-7f),
          gradients.<TFloat32>dy(i)));
    }
    Ops afterUpdates = tf.withControlDependencies(updates);
    train.add(afterUpdates.assign(beta1Power, tf.math.mul(beta1Power, beta1)));
    train.add(afterUpdates.assign(beta2Power, tf.math.mul(beta2Power, beta2)));
    session = new Session(graph,
        ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
            .setInterOpParallelismThreads(interOpThreads).build());
    session.initialize();
  }

  // TF's C++ gradient registry lacks SparseSoftmaxCrossEntropyWithLogits: the gradient is the
  // op's second output scaled by the upstream gradient (the same formula keras4j registers).
  private static void registerLossGradient() {
    TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class,
        (tf, op, upstream) -> {
          @SuppressWarnings("unchecked")
          var outputs = (SparseSoftmaxCrossEntropyWithLogits<TFloat32>) op.getOutputs();
          @SuppressWarnings("unchecked")
          Operand<TFloat32> dLoss = (Operand<TFloat32>) upstream.get(0);
          @SuppressWarnings("unchecked")
          Operand<TInt32> labels = (Operand<TInt32>) op.labels;
          return Arrays.asList(tf.math.mul(tf.expandDims(dLoss, tf.constant(-1)),
              outputs.backprop()), tf.zerosLike(labels));
        });
  }

  // The sample order, kept from epoch to epoch (and reset when the data set changes size).
  private void orderFor(FashionData data) {
    if (order.length != data.size()) {
      order = new int[data.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
    }
  }

  private static float[][] glorot(int fanIn, int fanOut, SplittableRandom random) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[][] w = new float[fanIn][fanOut];
    for (float[] row : w) {
      for (int j = 0; j < fanOut; j++) {
        row[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
    }
    return w;
  }

  @Override
  public double epoch(FashionData data, int batch) {
    System.gc(); // as before keras4j's epochs: no collection of earlier garbage while timed
    long start = System.nanoTime();
    orderFor(data);
    shuffle(order);
    trainBatches(data, batch, (order.length + batch - 1) / batch);
    return (System.nanoTime() - start) / 1e9;
  }

  /** Trains on the first {@code steps} batches of the current order; returns the last loss. */
  float trainBatches(FashionData data, int batch, int steps) {
    orderFor(data);
    float last = Float.NaN;
    for (int step = 0; step < steps; step++) {
      int from = step * batch;
      int to = Math.min(order.length, from + batch);
      try (TFloat32 xb = TFloat32.tensorOf(Shape.of(to - from, inputs));
          TInt32 yb = TInt32.tensorOf(Shape.of(to - from))) {
        var xData = xb.asRawTensor().data().asFloats();
        for (int i = from; i < to; i++) {
          xData.offset((long) (i - from) * inputs).write(data.x(), order[i] * inputs, inputs);
          yb.setInt(data.y()[order[i]], i - from);
        }
        Session.Runner runner = session.runner().feed(x, xb).feed(y, yb).fetch(loss);
        train.forEach(runner::addTarget);
        try (Result result = runner.run()) {
          last = ((TFloat32) result.get(0)).getFloat();
        }
      }
    }
    return last;
  }

  private void shuffle(int[] order) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
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
