package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.initializers.Initializers;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code AdditiveAttention} ({@code layers/attention/additive_attention.py}),
 * Bahdanau-style: {@link Attention} whose scores are {@code sum(scale * tanh(q + k))} over the
 * features, {@code scale} a learned vector of the query's size (Glorot-uniform; {@code
 * useScale(false)} sums the tanh unscaled). Masks, dropout and the call arguments are
 * Attention's.
 */
public class AdditiveAttention extends Attention {
  private Variable scale;

  /**
   * Additive attention, scaled by default as in Keras.
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code useScale(false)},
   *     {@code dropout(0.1)}, {@code name("...")}
   */
  public AdditiveAttention(LayerArg... args) {
    super(true, args);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static AdditiveAttention fromConfig(ConfigReader config) {
    return new AdditiveAttention(common(config).get());
  }

  @Override
  protected void build(List<Shape> inputShapes) {
    validate(inputShapes);
    Shape query = inputShapes.get(0);
    if (useScale()) {
      scale = addWeight("scale", Shape.of(query.get(query.numDimensions() - 1)),
          Initializers.get("glorot_uniform"), null);
    }
  }

  @Override
  protected KerasTensor scores(KerasTensor query, KerasTensor key) {
    KerasTensor tanh = Ops.tanh(Ops.add(Ops.expandDims(query, -2), Ops.expandDims(key, -3)));
    return Ops.sum(scale == null ? tanh : Ops.multiply(scale, tanh), -1);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.remove("score_mode");
    return config;
  }
}
