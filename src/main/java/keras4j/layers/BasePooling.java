package keras4j.layers;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code BasePooling}, behind the max and average pooling layers of 1 to 3 spatial axes:
 * {@code poolSize} (default 2 on every axis), {@code strides} (default the pool size) and {@code
 * padding} ("valid" or "same"; average pooling leaves padded cells out of the mean, as Keras).
 */
public abstract class BasePooling extends Layer {
  private final int rank;
  private final boolean max;
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  BasePooling(int rank, boolean max, LayerArg[] args) {
    super(args, "pool_size", "strides", "padding");
    this.rank = rank;
    this.max = max;
    this.poolSize = Windows.tuple(arg("pool_size", 2), rank, "pool_size");
    Object givenStrides = arg("strides", null);
    this.strides = givenStrides == null ? poolSize.clone()
        : Windows.tuple(givenStrides, rank, "strides");
    this.padding = Windows.padding(arg("padding", "valid"), false);
  }

  /** The keyword arguments of a pooling layer's Keras config. */
  static LayerArg[] configArgs(ConfigReader config) {
    ConfigArgs.requireChannelsLast(config);
    return ConfigArgs.of(config).ints("pool_size").ints("strides").string("padding").get();
  }

  @Override
  protected Precision precision() {
    return Precision.COMPUTE_DTYPE;
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return max ? Ops.maxPool(inputs, poolSize, strides, padding)
        : Ops.averagePool(inputs, poolSize, strides, padding);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Windows.checkInputs(inputShape, rank, describe());
    int[] ones = new int[rank];
    java.util.Arrays.fill(ones, 1);
    return Windows.slide(inputShape, poolSize, strides, ones, padding, inputShape.get(rank + 1));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("pool_size", Windows.list(poolSize));
    config.put("padding", padding);
    config.put("strides", Windows.list(strides));
    config.put("data_format", "channels_last");
    return config;
  }
}
