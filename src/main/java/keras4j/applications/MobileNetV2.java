package keras4j.applications;

import static keras4j.Keras.name;
import static keras4j.Keras.padding;
import static keras4j.Keras.strides;
import static keras4j.Keras.useBias;

import java.util.Locale;
import keras4j.core.ApplicationArg;
import keras4j.core.KerasTensor;
import keras4j.layers.Add;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.DepthwiseConv2D;
import keras4j.layers.ReLU;
import keras4j.layers.ZeroPadding2D;
import keras4j.models.Model;

/**
 * Keras's {@code keras.applications.MobileNetV2}: inverted residual blocks with linear
 * bottlenecks, built layer for layer (names, order, weights) as Keras 3 builds it, so that the
 * weights of a Keras-saved MobileNetV2 load: {@code MobileNetV2.build(weights("none"),
 * alpha(0.35), inputShape(96, 96, 3), classes(10))}. Inputs are expected scaled to [-1, 1].
 */
public final class MobileNetV2 {
  private static final String IMAGENET =
      "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";
  /** Per stage: filters, stride of the first block, expansion, number of blocks. */
  private static final int[][] STAGES = {
    {16, 1, 1, 1}, {24, 2, 6, 2}, {32, 2, 6, 3}, {64, 2, 6, 4}, {96, 1, 6, 3}, {160, 2, 6, 3},
    {320, 1, 6, 1}
  };
  private static final double EPSILON = 1e-3;
  private static final double MOMENTUM = 0.999;

  private MobileNetV2() {}

  /**
   * The MobileNetV2 model.
   *
   * @param args {@code weights("none")} or {@code weights(path)} (required: Keras's default
   *     {@code "imagenet"} is refused, keras4j does not download), {@code alpha(...)} (width
   *     multiplier, default 1.0), {@code includeTop}, {@code inputShape} (default 224x224x3 with
   *     the top, any size from 32x32 without), {@code pooling}, {@code classes}, {@code
   *     classifierActivation}, {@code name} (default {@code mobilenetv2_<alpha>_<rows>})
   * @return the functional model, unbuilt weights initialized as Keras's or loaded from the file
   */
  public static Model build(ApplicationArg... args) {
    ApplicationArgs a = new ApplicationArgs("MobileNetV2", args, IMAGENET, "alpha");
    double alpha = ((Number) a.get("alpha", 1.0)).doubleValue();
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("MobileNetV2 alpha must be positive, got " + alpha);
    }
    KerasTensor input = a.input("MobileNetV2", 224);
    KerasTensor x = new Conv2D(Imagenet.makeDivisible(32 * alpha, 8), 3, strides(2),
        padding("same"), useBias(false), name("Conv1")).apply(input);
    x = batchNorm(x, "bn_Conv1");
    x = relu6(x, "Conv1_relu");
    int blockId = 0;
    for (int[] stage : STAGES) {
      for (int i = 0; i < stage[3]; i++) {
        x = invertedResBlock(x, stage[0], alpha, i == 0 ? stage[1] : 1, stage[2], blockId++);
      }
    }
    int lastFilters = alpha > 1.0 ? Imagenet.makeDivisible(1280 * alpha, 8) : 1280;
    x = new Conv2D(lastFilters, 1, useBias(false), name("Conv_1")).apply(x);
    x = batchNorm(x, "Conv_1_bn");
    x = relu6(x, "out_relu");
    x = a.head(x, false, 0);
    long rows = input.shape().get(1);
    // Python's f"mobilenetv2_{alpha:0.2f}_{rows}", rows None when unknown.
    String defaultName = String.format(Locale.ROOT, "mobilenetv2_%.2f_%s", alpha,
        rows < 0 ? "None" : Long.toString(rows));
    return a.model(input, x, defaultName);
  }

  /** Keras's {@code _inverted_res_block}: expand, depthwise, project, and add when shapes agree. */
  private static KerasTensor invertedResBlock(KerasTensor inputs, int filters, double alpha,
      int stride, int expansion, int blockId) {
    long inChannels = inputs.shape().get(3);
    int pointwiseFilters = Imagenet.makeDivisible((int) (filters * alpha), 8);
    KerasTensor x = inputs;
    String prefix = "block_" + blockId + "_";
    if (blockId > 0) {
      x = new Conv2D(Math.toIntExact(expansion * inChannels), 1, padding("same"), useBias(false),
          name(prefix + "expand")).apply(x);
      x = batchNorm(x, prefix + "expand_BN");
      x = relu6(x, prefix + "expand_relu");
    } else {
      prefix = "expanded_conv_";
    }
    if (stride == 2) {
      x = new ZeroPadding2D(Imagenet.correctPad(x.shape(), 3), name(prefix + "pad")).apply(x);
    }
    x = new DepthwiseConv2D(3, strides(stride), useBias(false),
        padding(stride == 1 ? "same" : "valid"), name(prefix + "depthwise")).apply(x);
    x = batchNorm(x, prefix + "depthwise_BN");
    x = relu6(x, prefix + "depthwise_relu");
    x = new Conv2D(pointwiseFilters, 1, padding("same"), useBias(false), name(prefix + "project"))
        .apply(x);
    x = batchNorm(x, prefix + "project_BN");
    if (inChannels == pointwiseFilters && stride == 1) {
      return new Add(name(prefix + "add")).apply(inputs, x);
    }
    return x;
  }

  private static KerasTensor batchNorm(KerasTensor x, String layerName) {
    return new BatchNormalization(MOMENTUM, EPSILON, name(layerName)).apply(x);
  }

  private static KerasTensor relu6(KerasTensor x, String layerName) {
    return new ReLU(6.0, 0, 0, name(layerName)).apply(x);
  }
}
