package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import keras4j.core.LayerArg;
import keras4j.core.KerasTensor;
import keras4j.layers.Layer;
import org.tensorflow.ndarray.Shape;

/**
 * A plain stack of layers, Keras's {@code Sequential}: {@code new Sequential(new Dense(64,
 * activation("relu"), inputShape(784)), new Dense(10, activation("softmax")))}, or {@link #add}
 * one layer at a time. The input shape comes from the first layer's {@code inputShape}, or from
 * the data at the first {@code fit}/{@code predict}.
 */
public class Sequential extends Model {
  private final List<Layer> stack = new ArrayList<>();

  /** A model running {@code layers} in order. */
  public Sequential(Layer... layers) {
    this(java.util.Arrays.asList(layers));
  }

  /** A model running {@code layers} in order; {@code args} may give its {@code name}. */
  public Sequential(List<? extends Layer> layers, LayerArg... args) {
    super(args);
    for (Layer layer : layers) {
      add(layer);
    }
  }

  /** Appends a layer. */
  public void add(Layer layer) {
    if (isBuilt()) {
      throw new IllegalStateException(
          "Cannot add layer '" + layer.name() + "': model '" + name() + "' has already run;"
              + " add every layer before the first fit, predict or summary");
    }
    stack.add(layer);
  }

  @Override
  public KerasTensor call(KerasTensor inputs) {
    if (stack.isEmpty()) {
      throw new IllegalStateException("Sequential model '" + name() + "' has no layers");
    }
    KerasTensor x = inputs;
    for (Layer layer : stack) {
      x = layer.apply(x);
    }
    return x;
  }

  @Override
  public List<Layer> layers() {
    return List.copyOf(stack);
  }

  @Override
  public Shape inputShape() {
    if (isBuilt()) {
      return builtInputShape();
    }
    return stack.isEmpty() ? null : stack.get(0).declaredInputShape();
  }
}
