package keras4j.layers;

import java.util.Map;
import keras4j.core.Kwarg;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import org.tensorflow.ndarray.Shape;

/** The layer behind {@link Input}: it passes its input through. */
public final class InputLayer extends Layer {
  private final Shape shape;

  InputLayer(Shape shape, String name) {
    super(name == null ? new LayerArg[0] : new LayerArg[] {new Kwarg("name", name)});
    this.shape = shape;
    ensureBuilt(shape);
    noteOutput(KerasTensor.symbolic(shape, this, java.util.List.of()));
  }

  /** The input shape, batch first. */
  public Shape shape() {
    return shape;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return inputs;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("batch_shape", shape.asArray());
    return config;
  }
}
