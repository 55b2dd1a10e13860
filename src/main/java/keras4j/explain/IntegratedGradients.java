package keras4j.explain;

import keras4j.models.Model;

/**
 * Integrated gradients (Sundararajan et al., 2017; Captum's {@code IntegratedGradients}): each
 * input value's difference from a baseline times the average gradient along the straight path
 * from the baseline to the input,
 * {@code attr_i = (x_i - x'_i) * ∫₀¹ ∂f(x' + α(x - x'))/∂x_i dα}.
 *
 * <p>The integral is the trapezoidal rule on {@link #steps} evenly spaced points from α = 0 to 1
 * (Captum's {@code riemann_trapezoid}): one gradient per point and sample, run in large batches.
 * The result reports the completeness error; more steps shrink it.
 *
 * <pre>{@code
 * try (var ig = new IntegratedGradients(model).steps(64)) {
 *   PathAttributions a = ig.explain(images, Target.predicted());
 *   System.out.println(a.maxRelativeCompletenessError());
 * }
 * }</pre>
 *
 * <p>Close it to free its traced function. Thread-safe once configured.
 */
public final class IntegratedGradients implements AutoCloseable {
  private final ModelGradients gradients;
  private int steps = 50;
  private Flat baseline;

  /**
   * Integrated gradients of {@code model}'s outputs, from a zero baseline in 50 steps (Captum's
   * defaults).
   *
   * @param model any keras4j model of one input and one output
   */
  public IntegratedGradients(Model model) {
    this.gradients = new ModelGradients(model);
  }

  /**
   * The number of points on the path, both ends included (the number of gradients per sample).
   *
   * @param steps 2 or more; 50 by default
   * @return this
   * @throws IllegalArgumentException if {@code steps} is below 2
   */
  public IntegratedGradients steps(int steps) {
    if (steps < 2) {
      throw new IllegalArgumentException(
          "Integrated gradients need at least 2 steps (both ends of the path), got " + steps);
    }
    this.steps = steps;
    return this;
  }

  /**
   * The baseline: one sample used for every input (e.g. a black image, the data's mean), or a
   * batch of one baseline per input; zeros by default.
   *
   * @param baseline a batch of one sample or of as many samples as {@code explain}'s inputs
   * @return this
   */
  public IntegratedGradients baseline(Object baseline) {
    this.baseline = Flat.of(baseline, "baseline");
    return this;
  }

  /**
   * The integrated gradients of each input value of {@code x} for {@code target}.
   *
   * @param x a batch (Java arrays or an NdArray, samples first)
   * @param target which output unit to explain
   * @return the attributions, shaped as {@code x}, with f(x), f(baseline) and the completeness
   *     error
   * @throws IllegalArgumentException if {@code x} or the baseline does not fit the model or the
   *     target its output
   */
  public PathAttributions explain(Object x, Target target) {
    ModelGradients.Batch batch = gradients.batch(x, target);
    Flat xs = batch.x();
    int n = xs.rows();
    int size = xs.rowSize();
    Flat base = baselineFor(xs);
    float[] attr = new float[n * size];
    float[] scores = new float[n];
    float[] baseScores = new float[n];
    int units = batch.units();
    gradients.runInChunks(n, steps, size, batch.targets(), units, (from, to) -> {
      Flat rows = Flat.zeros(xs.withRows((long) (to - from) * steps));
      float[] r = rows.data();
      for (int i = from; i < to; i++) {
        int b = base.rows() == 1 ? 0 : i;
        for (int k = 0; k < steps; k++) {
          float alpha = (float) k / (steps - 1);
          int row = ((i - from) * steps + k) * size;
          for (int j = 0; j < size; j++) {
            float b0 = base.data()[b * size + j];
            r[row + j] = b0 + alpha * (xs.data()[i * size + j] - b0);
          }
        }
      }
      return rows;
    }, (from, to, run) -> {
      float[] g = run.gradients().data();
      float[] y = run.outputs().data();
      for (int i = from; i < to; i++) {
        int b = base.rows() == 1 ? 0 : i;
        int first = (i - from) * steps;
        int t = batch.targets()[i];
        baseScores[i] = y[first * units + t];
        scores[i] = y[(first + steps - 1) * units + t];
        for (int j = 0; j < size; j++) {
          // Trapezoid: the two ends weigh half as much as the points between them.
          double sum = 0.5 * (g[first * size + j] + g[(first + steps - 1) * size + j]);
          for (int k = 1; k < steps - 1; k++) {
            sum += g[(first + k) * size + j];
          }
          float diff = xs.data()[i * size + j] - base.data()[b * size + j];
          attr[i * size + j] = (float) (diff * sum / (steps - 1));
        }
      }
    });
    return new PathAttributions(new Flat(xs.shape(), attr), batch.targets(), scores, baseScores);
  }

  private Flat baselineFor(Flat xs) {
    if (baseline == null) {
      return Flat.zeros(xs.withRows(1));
    }
    if (!baseline.sampleShape().equals(xs.sampleShape())
        || (baseline.rows() != 1 && baseline.rows() != xs.rows())) {
      throw new IllegalArgumentException("The baseline has shape " + baseline.shape()
          + " but the inputs " + xs.shape() + ": give one sample of the inputs' shape, or one"
          + " per input");
    }
    return baseline;
  }

  @Override
  public void close() {
    gradients.close();
  }
}
