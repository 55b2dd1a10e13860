package keras4j.explain;

import java.util.SplittableRandom;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;

/**
 * SmoothGrad (Smilkov et al., 2017): the gradient averaged over noisy copies of each input,
 * {@code mean_k ∂f(x + ε_k)/∂x} with {@code ε_k ~ N(0, σ²)} and {@code σ = noiseLevel · (max(x) -
 * min(x))} per sample; the paper's 50 samples at a noise level of 15 % are the defaults. It
 * sharpens saliency maps, whose raw gradients are noisy.
 *
 * <p>The noise is seeded: by {@link #seed} or else by {@code keras4j.utils.RandomSeed}. Close it
 * to free its traced function. Thread-safe once configured.
 */
public final class SmoothGrad implements AutoCloseable {
  private final ModelGradients gradients;
  private int samples = 50;
  private double noiseLevel = 0.15;
  private Long seed;

  /**
   * SmoothGrad of {@code model}'s outputs.
   *
   * @param model any keras4j model of one input and one output
   */
  public SmoothGrad(Model model) {
    this.gradients = new ModelGradients(model);
  }

  /**
   * How many noisy copies of each input to average over.
   *
   * @param samples 1 or more; 50 by default
   * @return this
   * @throws IllegalArgumentException if {@code samples} is below 1
   */
  public SmoothGrad samples(int samples) {
    if (samples < 1) {
      throw new IllegalArgumentException("SmoothGrad needs at least 1 sample, got " + samples);
    }
    this.samples = samples;
    return this;
  }

  /**
   * The noise's standard deviation as a fraction of each input's range of values.
   *
   * @param noiseLevel 0 or more; 0.15 by default
   * @return this
   * @throws IllegalArgumentException if {@code noiseLevel} is negative or not finite
   */
  public SmoothGrad noiseLevel(double noiseLevel) {
    if (!(noiseLevel >= 0) || Double.isInfinite(noiseLevel)) {
      throw new IllegalArgumentException("The noise level is 0 or more, got " + noiseLevel);
    }
    this.noiseLevel = noiseLevel;
    return this;
  }

  /**
   * Seeds the noise, for the same attributions every run.
   *
   * @param seed the seed
   * @return this
   */
  public SmoothGrad seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * The smoothed gradient of each input value of {@code x} for {@code target}.
   *
   * @param x a batch (Java arrays or an NdArray, samples first)
   * @param target which output unit to explain
   * @return the attributions, shaped as {@code x}; the scores are the model's at the noiseless x
   * @throws IllegalArgumentException if {@code x} does not fit the model or the target its output
   */
  public Attributions explain(Object x, Target target) {
    ModelGradients.Batch batch = gradients.batch(x, target);
    Flat xs = batch.x();
    int n = xs.rows();
    int size = xs.rowSize();
    SplittableRandom random = new SplittableRandom(seed != null ? seed : RandomSeed.next());
    float[] mean = new float[n * size];
    gradients.runInChunks(n, samples, size, batch.targets(), batch.units(), (from, to) -> {
      Flat rows = Flat.zeros(xs.withRows((long) (to - from) * samples));
      for (int i = from; i < to; i++) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < size; j++) {
          min = Math.min(min, xs.get(i, j));
          max = Math.max(max, xs.get(i, j));
        }
        double sigma = noiseLevel * (max - min);
        for (int k = 0; k < samples; k++) {
          int row = ((i - from) * samples + k) * size;
          for (int j = 0; j < size; j++) {
            rows.data()[row + j] = (float) (xs.get(i, j) + sigma * random.nextGaussian());
          }
        }
      }
      return rows;
    }, (from, to, run) -> {
      float[] g = run.gradients().data();
      for (int i = from; i < to; i++) {
        for (int k = 0; k < samples; k++) {
          int row = ((i - from) * samples + k) * size;
          for (int j = 0; j < size; j++) {
            mean[i * size + j] += g[row + j] / samples;
          }
        }
      }
    });
    Flat outputs = gradients.predict(xs);
    return new Attributions(new Flat(xs.shape(), mean), batch.targets(),
        Attributions.pick(outputs, batch.targets(), batch.units()));
  }

  @Override
  public void close() {
    gradients.close();
  }
}
