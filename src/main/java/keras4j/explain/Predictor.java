package keras4j.explain;

import keras4j.core.Kwarg;
import keras4j.models.Model;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * What the model-agnostic explainers ({@link PermutationImportance}, {@link KernelExplainer},
 * {@link Occlusion}) need of a model: outputs for a batch of inputs, samples first. Any keras4j
 * model is one ({@link #of}); so is any Java function of the inputs, e.g. {@code x -> ...}.
 */
@FunctionalInterface
public interface Predictor {
  /**
   * The outputs for {@code x}.
   *
   * @param x a batch of inputs, samples first
   * @return one row of outputs per sample
   */
  FloatNdArray predict(FloatNdArray x);

  /**
   * {@code model.predict}, in batches of 1024 (explainers predict on many perturbed rows).
   *
   * @param model a keras4j model of one input and one output
   * @return the model as a predictor
   */
  static Predictor of(Model model) {
    Kwarg batchSize = new Kwarg("batch_size", 1024);
    return x -> model.predict(x, batchSize);
  }
}
