package keras4j.explain;

import keras4j.models.Model;

/**
 * Gradient × input (Shrikumar et al., 2016; Captum's {@code InputXGradient}): each input value
 * times the gradient of the explained output with respect to it. On a linear model {@code w·x + b}
 * this is {@code w_i x_i}, the integrated gradients from a zero baseline.
 *
 * <p>Close it to free its traced function. Thread-safe.
 */
public final class GradientXInput implements AutoCloseable {
  private final ModelGradients gradients;

  /**
   * Gradient × input of {@code model}'s outputs.
   *
   * @param model any keras4j model of one input and one output
   */
  public GradientXInput(Model model) {
    this.gradients = new ModelGradients(model);
  }

  /**
   * The attribution of each input value of {@code x} for {@code target}.
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
    float[] values = batch.x().data();
    for (int i = 0; i < g.length; i++) {
      g[i] *= values[i];
    }
    return new Attributions(run.gradients(), batch.targets(),
        Attributions.pick(run.outputs(), batch.targets(), batch.units()));
  }

  @Override
  public void close() {
    gradients.close();
  }
}
