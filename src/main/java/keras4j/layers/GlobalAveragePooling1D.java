package keras4j.layers;

import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * The average of each channel over the steps, Keras's {@code GlobalAveragePooling1D}: {@code
 * (batch, steps, c)} to {@code (batch, c)}. With a mask (after {@code Embedding(maskZero(true))}
 * or {@code Masking}) it averages the unmasked steps only, as Keras does; its output has no mask.
 */
public class GlobalAveragePooling1D extends GlobalPooling {
  /**
   * With {@code keepdims(true)} the pooled axes stay, with size 1.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public GlobalAveragePooling1D(LayerArg... args) {
    super(args, 1);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static GlobalAveragePooling1D fromConfig(ConfigReader config) {
    return new GlobalAveragePooling1D(configArgs(config));
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return null;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training, KerasTensor mask) {
    KerasTensor weights = Ops.expandDims(Ops.cast(mask, inputs.dtype()), 2);
    return Ops.divide(Ops.sum(Ops.multiply(inputs, weights), new int[] {1}, keepdims()),
        Ops.sum(weights, new int[] {1}, keepdims()));
  }

  @Override
  protected KerasTensor pool(KerasTensor x, int[] axes, boolean keepdims) {
    return Ops.mean(x, axes, keepdims);
  }
}
