package keras4j.applications;

import static keras4j.Keras.axis;
import static keras4j.Keras.name;
import static keras4j.Keras.padding;
import static keras4j.Keras.poolSize;
import static keras4j.Keras.strides;

import keras4j.core.ApplicationArg;
import keras4j.core.KerasTensor;
import keras4j.layers.Activation;
import keras4j.layers.Add;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.ZeroPadding2D;
import keras4j.models.Model;

/**
 * Keras's {@code keras.applications.ResNet50} (ResNet v1 with bottleneck blocks), built layer for
 * layer (names, order, weights) as Keras 3 builds it, so that the weights of a Keras-saved
 * ResNet50 load: {@code ResNet50.build(weights("none"), inputShape(64, 64, 3), classes(10))}.
 * Inputs are expected preprocessed as Keras's {@code resnet.preprocess_input} (BGR, ImageNet
 * means subtracted).
 */
public final class ResNet50 {
  private static final String IMAGENET =
      "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";
  private static final double EPSILON = 1.001e-5;

  private ResNet50() {}

  /**
   * The ResNet50 model.
   *
   * @param args {@code weights("none")} or {@code weights(path)} (required: Keras's default
   *     {@code "imagenet"} is refused, keras4j does not download), {@code includeTop}, {@code
   *     inputShape} (default 224x224x3 with the top, any size from 32x32 without), {@code
   *     pooling}, {@code classes}, {@code classifierActivation}, {@code name} (default {@code
   *     resnet50})
   * @return the functional model, weights initialized as Keras's or loaded from the file
   */
  public static Model build(ApplicationArg... args) {
    ApplicationArgs a = new ApplicationArgs("ResNet50", args, IMAGENET);
    KerasTensor input = a.input("ResNet50", 224);
    KerasTensor x = new ZeroPadding2D(3, name("conv1_pad")).apply(input);
    x = new Conv2D(64, 7, strides(2), name("conv1_conv")).apply(x);
    x = batchNorm(x, "conv1_bn");
    x = new Activation("relu", name("conv1_relu")).apply(x);
    x = new ZeroPadding2D(1, name("pool1_pad")).apply(x);
    x = new MaxPooling2D(poolSize(3), strides(2), name("pool1_pool")).apply(x);
    x = stack(x, 64, 3, 1, "conv2");
    x = stack(x, 128, 4, 2, "conv3");
    x = stack(x, 256, 6, 2, "conv4");
    x = stack(x, 512, 3, 2, "conv5");
    return a.model(input, a.head(x, true, 0), "resnet50");
  }

  /** Keras's {@code stack_residual_blocks_v1}: a block with a convolution shortcut, then more. */
  private static KerasTensor stack(KerasTensor x, int filters, int blocks, int stride1,
      String stackName) {
    x = block(x, filters, stride1, true, stackName + "_block1");
    for (int i = 2; i <= blocks; i++) {
      x = block(x, filters, 1, false, stackName + "_block" + i);
    }
    return x;
  }

  /** Keras's {@code residual_block_v1}: 1x1, 3x3, 1x1 (four times the filters), plus shortcut. */
  private static KerasTensor block(KerasTensor x, int filters, int stride, boolean convShortcut,
      String prefix) {
    KerasTensor shortcut = x;
    if (convShortcut) {
      shortcut = new Conv2D(4 * filters, 1, strides(stride), name(prefix + "_0_conv")).apply(x);
      shortcut = batchNorm(shortcut, prefix + "_0_bn");
    }
    x = new Conv2D(filters, 1, strides(stride), name(prefix + "_1_conv")).apply(x);
    x = batchNorm(x, prefix + "_1_bn");
    x = new Activation("relu", name(prefix + "_1_relu")).apply(x);
    x = new Conv2D(filters, 3, padding("same"), name(prefix + "_2_conv")).apply(x);
    x = batchNorm(x, prefix + "_2_bn");
    x = new Activation("relu", name(prefix + "_2_relu")).apply(x);
    x = new Conv2D(4 * filters, 1, name(prefix + "_3_conv")).apply(x);
    x = batchNorm(x, prefix + "_3_bn");
    x = new Add(name(prefix + "_add")).apply(shortcut, x);
    return new Activation("relu", name(prefix + "_out")).apply(x);
  }

  /** Keras's ResNet batch normalization: default momentum, axis 3 (channels) as it passes it. */
  private static KerasTensor batchNorm(KerasTensor x, String layerName) {
    return new BatchNormalization(0.99, EPSILON, axis(3), name(layerName)).apply(x);
  }
}
