package keras4j.applications;

import static keras4j.Keras.activation;
import static keras4j.Keras.axis;
import static keras4j.Keras.depthwiseInitializer;
import static keras4j.Keras.kernelInitializer;
import static keras4j.Keras.name;
import static keras4j.Keras.noiseShape;
import static keras4j.Keras.padding;
import static keras4j.Keras.strides;
import static keras4j.Keras.useBias;

import keras4j.Keras;
import keras4j.core.KerasTensor;
import keras4j.initializers.VarianceScaling;
import keras4j.layers.Activation;
import keras4j.layers.Add;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.DepthwiseConv2D;
import keras4j.layers.Dropout;
import keras4j.layers.GlobalAveragePooling2D;
import keras4j.layers.Multiply;
import keras4j.layers.Normalization;
import keras4j.layers.Rescaling;
import keras4j.layers.Reshape;
import keras4j.layers.ZeroPadding2D;
import keras4j.models.Model;

/**
 * Keras's {@code EfficientNet} function, which its B0 ... B7 call with their width and depth
 * coefficients: mobile inverted bottleneck blocks with squeeze-and-excitation, swish activations
 * and Keras's VarianceScaling initializers, layer for layer as Keras 3 builds them.
 */
final class EfficientNet {
  /**
   * Keras's {@code DEFAULT_BLOCKS_ARGS}, per stage: kernel size, repeats, filters in, filters
   * out, expand ratio, strides (every stage skips, with squeeze ratio 0.25).
   */
  private static final int[][] BLOCKS = {
    {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2},
    {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1}
  };
  private static final double SE_RATIO = 0.25;
  private static final double DROP_CONNECT_RATE = 0.2;
  private static final int DEPTH_DIVISOR = 8;
  private static final String ACTIVATION = "swish";

  private final double widthCoefficient;
  private final double depthCoefficient;

  private EfficientNet(double widthCoefficient, double depthCoefficient) {
    this.widthCoefficient = widthCoefficient;
    this.depthCoefficient = depthCoefficient;
  }

  /**
   * The EfficientNet of the given coefficients, {@code defaultSize} its image size and {@code
   * dropout} the rate before its classifier, as Keras's {@code EfficientNet(...)}.
   */
  static Model build(String function, String defaultName, double widthCoefficient,
      double depthCoefficient, int defaultSize, double dropout, ApplicationArgs a) {
    EfficientNet net = new EfficientNet(widthCoefficient, depthCoefficient);
    KerasTensor input = a.input(function, defaultSize);
    // Unnamed as in Keras. The Normalization is the (unadapted) one ImageNet weights files fill.
    KerasTensor x = new Rescaling(1.0 / 255.0).apply(input);
    x = new Normalization(axis(3)).apply(x);
    x = new ZeroPadding2D(Imagenet.correctPad(x.shape(), 3), name("stem_conv_pad")).apply(x);
    x = new Conv2D(net.roundFilters(32), 3, strides(2), padding("valid"), useBias(false),
        kernelInitializer(convInitializer()), name("stem_conv")).apply(x);
    x = batchNorm(x, "stem_bn");
    x = new Activation(ACTIVATION, name("stem_activation")).apply(x);
    int blocks = 0;
    for (int[] stage : BLOCKS) {
      blocks += net.roundRepeats(stage[1]);
    }
    int b = 0;
    for (int i = 0; i < BLOCKS.length; i++) {
      int[] stage = BLOCKS[i];
      int filtersIn = net.roundFilters(stage[2]);
      int filtersOut = net.roundFilters(stage[3]);
      for (int j = 0; j < net.roundRepeats(stage[1]); j++) {
        String prefix = "block" + (i + 1) + (char) ('a' + j) + "_";
        x = block(x, DROP_CONNECT_RATE * b / blocks, prefix, j == 0 ? filtersIn : filtersOut,
            filtersOut, stage[0], j == 0 ? stage[5] : 1, stage[4]);
        b++;
      }
    }
    x = new Conv2D(net.roundFilters(1280), 1, padding("same"), useBias(false),
        kernelInitializer(convInitializer()), name("top_conv")).apply(x);
    x = batchNorm(x, "top_bn");
    x = new Activation(ACTIVATION, name("top_activation")).apply(x);
    x = a.head(x, true, dropout,
        kernelInitializer(new VarianceScaling(1.0 / 3.0, "fan_out", "uniform")));
    return a.model(input, x, defaultName);
  }

  /** Keras's {@code round_filters}: filters scaled by the width coefficient, made divisible. */
  private int roundFilters(int filters) {
    return Imagenet.makeDivisible(filters * widthCoefficient, DEPTH_DIVISOR);
  }

  /** Keras's {@code round_repeats}: repeats scaled by the depth coefficient, rounded up. */
  private int roundRepeats(int repeats) {
    return (int) Math.ceil(depthCoefficient * repeats);
  }

  /** Keras's {@code block}: expand, depthwise, squeeze-and-excite, project, and skip. */
  private static KerasTensor block(KerasTensor inputs, double dropRate, String prefix,
      int filtersIn, int filtersOut, int kernelSize, int stride, int expandRatio) {
    int filters = filtersIn * expandRatio;
    KerasTensor x = inputs;
    if (expandRatio != 1) {
      x = new Conv2D(filters, 1, padding("same"), useBias(false),
          kernelInitializer(convInitializer()), name(prefix + "expand_conv")).apply(x);
      x = batchNorm(x, prefix + "expand_bn");
      x = new Activation(ACTIVATION, name(prefix + "expand_activation")).apply(x);
    }
    if (stride == 2) {
      x = new ZeroPadding2D(Imagenet.correctPad(x.shape(), kernelSize), name(prefix + "dwconv_pad"))
          .apply(x);
    }
    x = new DepthwiseConv2D(kernelSize, strides(stride), padding(stride == 2 ? "valid" : "same"),
        useBias(false), depthwiseInitializer(convInitializer()), name(prefix + "dwconv")).apply(x);
    x = batchNorm(x, prefix + "bn");
    x = new Activation(ACTIVATION, name(prefix + "activation")).apply(x);

    int filtersSe = Math.max(1, (int) (filtersIn * SE_RATIO));
    KerasTensor se = new GlobalAveragePooling2D(name(prefix + "se_squeeze")).apply(x);
    se = new Reshape(new long[] {1, 1, filters}, name(prefix + "se_reshape")).apply(se);
    se = new Conv2D(filtersSe, 1, padding("same"), activation(ACTIVATION),
        kernelInitializer(convInitializer()), name(prefix + "se_reduce")).apply(se);
    se = new Conv2D(filters, 1, padding("same"), activation("sigmoid"),
        kernelInitializer(convInitializer()), name(prefix + "se_expand")).apply(se);
    x = new Multiply(name(prefix + "se_excite")).apply(x, se);

    x = new Conv2D(filtersOut, 1, padding("same"), useBias(false),
        kernelInitializer(convInitializer()), name(prefix + "project_conv")).apply(x);
    x = batchNorm(x, prefix + "project_bn");
    if (stride == 1 && filtersIn == filtersOut) {
      if (dropRate > 0) {
        // Stochastic depth: the whole residual branch of a sample is dropped.
        x = new Dropout(dropRate, noiseShape(Keras.NONE, 1, 1, 1), name(prefix + "drop")).apply(x);
      }
      x = new Add(name(prefix + "add")).apply(x, inputs);
    }
    return x;
  }

  /** Keras's {@code CONV_KERNEL_INITIALIZER}, a new one per layer as Keras deserializes it. */
  private static VarianceScaling convInitializer() {
    return new VarianceScaling(2.0, "fan_out", "truncated_normal");
  }

  private static KerasTensor batchNorm(KerasTensor x, String layerName) {
    return new BatchNormalization(0.99, 1e-3, axis(3), name(layerName)).apply(x);
  }
}
