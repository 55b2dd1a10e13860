package keras4j.explain;

import keras4j.models.Model;

/**
 * Gradient saliency (Simonyan et al., 2014; Captum's {@code Saliency}): the gradient of the
 * explained output with respect to each input value, by default its absolute value.
 *
 * <pre>{@code
 * try (Saliency saliency = new Saliency(model)) {
 *   Attributions a = saliency.explain(images, Target.predicted());
 * }
 * }</pre>
 *
 * <p>Close it to free its traced function. Thread-safe.
 */
public final class Saliency implements AutoCloseable {
  private final ModelGradients gradients;
  private boolean absolute = true;

  /**
   * Saliency of {@code model}'s outputs.
   *
   * @param model any keras4j model of one input and one output
   */
  public Saliency(Model model) {
    this.gradients = new ModelGradients(model);
  }

  /**
   * Whether to return the gradient's absolute value (true, the default, as Captum) or its sign too.
   *
   * @param absolute true for |gradient|
   * @return this
   */
  public Saliency absolute(boolean absolute) {
    this.absolute = absolute;
    return this;
  }

  /**
   * The saliency of each input value of {@code x} for {@code target}.
   *
   * @param x a batch (Java arrays or an NdArray, samples first)
   * @param target which output unit to explain
   * @return the attributions, shaped as {@code x}
   * @throws IllegalArgumentException if {@code x} does not fit the model or the target its output
   */
  public Attributions explain(Object x, Target target) {
    ModelGradients.Batch batch = gradients.batch(x, target);
    ModelGradients.Run run = gradients.gradients(batch.x(), batch.targets(), batch.units());
    float[] g = run.gradients().data();
    if (absolute) {
      for (int i = 0; i < g.length; i++) {
        g[i] = Math.abs(g[i]);
      }
    }
    return new Attributions(run.gradients(), batch.targets(),
        Attributions.pick(run.outputs(), batch.targets(), batch.units()));
  }

  @Override
  public void close() {
    gradients.close();
  }
}
