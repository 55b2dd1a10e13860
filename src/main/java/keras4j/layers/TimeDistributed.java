package keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code TimeDistributed}: the wrapped layer applied to every step of a {@code (batch,
 * steps, ...)} input with one set of weights, {@code new TimeDistributed(new Dense(8))} giving
 * {@code (batch, steps, 8)}. As Keras with a known number of steps, it calls the layer once per
 * step and stacks the outputs; the input's mask passes through.
 */
public class TimeDistributed extends Layer {
  private final Layer layer;

  /**
   * Wraps {@code layer}.
   *
   * @param layer the layer applied to each step (built for {@code (batch, ...)} step inputs)
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}
   */
  public TimeDistributed(Layer layer, LayerArg... args) {
    super(args);
    this.layer = trackChild("layer", layer);
  }

  /**
   * Keras's {@code from_config}: the wrapped layer is rebuilt by {@code layers}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @param layers deserializes a nested layer entry (the loading model's layer table)
   * @return a new, unbuilt layer configured as saved
   */
  public static TimeDistributed fromConfig(ConfigReader config,
      Function<ConfigReader, Layer> layers) {
    return new TimeDistributed(Wrappers.layer(config, "layer", layers),
        ConfigArgs.of(config).get());
  }

  @Override
  protected void build(Shape inputShape) {
    if (inputShape.numDimensions() < 3 || inputShape.get(1) < 0) {
      throw new IllegalArgumentException(describe() + " expects inputs shaped (batch, steps,"
          + " ...) with a known number of steps, got " + Shapes.toKeras(inputShape));
    }
    layer.ensureBuilt(stepShape(inputShape));
  }

  private static Shape stepShape(Shape inputShape) {
    return Shape.of(inputShape.get(0)).append(inputShape.subShape(2, inputShape.numDimensions()));
  }

  @Override
  protected boolean supportsMasking() {
    return true;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    int steps = (int) inputs.shape().get(1);
    List<KerasTensor> outputs = new ArrayList<>();
    for (KerasTensor step : RNN.unstack(inputs, steps)) {
      outputs.add(layer.apply(step));
    }
    return Ops.stack(outputs, 1);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Shape step = layer.computeOutputShape(stepShape(inputShape));
    return Shape.of(inputShape.get(0), inputShape.get(1))
        .append(step.subShape(1, step.numDimensions()));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("layer", Wrappers.nested(layer));
    return config;
  }
}
