package keras4j.layers;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The convolution and pooling layers built in Java: Keras's checks and messages, weight shapes
 * and parameter counts by Keras's formulas, and inputs of unknown spatial size (the numbers are in
 * ConvolutionFixturesTest, against Keras).
 */
class ConvolutionArgsTest {
  private static void refused(Supplier<?> build, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /** The layer, built for samples shaped {@code dims}. */
  private static Layer built(Layer layer, long... dims) {
    layer.ensureBuilt(keras4j.core.Shapes.batchOf(dims));
    return layer;
  }

  @Test
  void badArgumentsAreRefusedWithKerasMessages() {
    refused(() -> new Conv2D(4, 3, strides(2), dilationRate(2)),
        "`strides > 1` not supported in conjunction with `dilation_rate > 1`");
    refused(() -> new Conv1DTranspose(4, 3, strides(2), dilationRate(2)),
        "`strides > 1` not supported");
    refused(() -> new Conv2D(4, 3, groups(3)),
        "The number of filters must be evenly divisible by the number of groups");
    refused(() -> new Conv2D(0, 3), "Received filters=0");
    refused(() -> new Conv2D(4, 3, padding("causal")), "padding must be \"valid\", \"same\"");
    refused(() -> new Conv1D(4, new int[] {3, 3}),
        "The `kernel_size` argument must be a tuple of 1 integers");
    refused(() -> new Conv2DTranspose(4, 3, strides(2), outputPadding(2)),
        "`output_padding` must be strictly less than `strides`");
    refused(() -> new DepthwiseConv2D(3, depthMultiplier(0)), "Received depth_multiplier=0");
    refused(() -> new MaxPooling3D(poolSize(2, 2)),
        "The `pool_size` argument must be a tuple of 3 integers");
    refused(() -> built(new Conv2D(4, 3, groups(2)), 5, 5, 3),
        "The number of input channels must be evenly divisible by the number of groups");
    refused(() -> built(new Conv2D(4, 3), 5, 3),
        "expects inputs shaped (batch, height, width, channels) but got (None, 5, 3)");
  }

  @Test
  void weightShapesAndParameterCountsAreKeras() {
    try (Model model = new Sequential(
        new SeparableConv2D(4, 3, depthMultiplier(2), padding("same"), inputShape(6, 6, 3)),
        new DepthwiseConv2D(new int[] {3, 1}, depthMultiplier(3)),
        new Conv2D(6, 2, groups(3)),
        new Conv2DTranspose(2, 3, strides(2), padding("same")))) {
      model.predict(NdArrays.ofFloats(Shape.of(1, 6, 6, 3)));
      List<Long> params = model.layers().stream().map(Layer::countParams).toList();
      // separable: 3*3*3*2 depthwise + 6*4 pointwise + 4; depthwise: 3*1*4*3 + 12;
      // conv: 2*2*(12/3)*6 + 6; transposed: 3*3*2*6 + 2.
      assertEquals(List.of(82L, 48L, 102L, 110L), params);
      assertArrayEquals(new long[] {-1, 4, 6, 12}, model.layers().get(1).outputShape().asArray());
      assertArrayEquals(new long[] {-1, 3, 5, 6}, model.layers().get(2).outputShape().asArray());
      assertArrayEquals(new long[] {-1, 6, 10, 2}, model.layers().get(3).outputShape().asArray());
      assertArrayEquals(new long[] {1, 1, 6, 4},
          model.layers().get(0).variables().get(1).shape().asArray());
    }
  }

  @Test
  void inputsOfUnknownSizeRunAtAnySize() {
    KerasTensor in = Input.shape(NONE, NONE, 3);
    KerasTensor x = new Conv2D(4, 3, dilationRate(2), padding("same")).apply(in);
    x = new DepthwiseConv2D(3, strides(2)).apply(x);
    x = new Conv2DTranspose(2, 3, strides(2), padding("same")).apply(x);
    x = new AveragePooling2D(padding("same")).apply(x);
    try (Model model = new Model(in, x)) {
      assertArrayEquals(new long[] {-1, -1, -1, 2}, x.shape().asArray());
      // 9 -> 9 (same) -> 4 (valid 3, stride 2) -> 8 (transposed, stride 2) -> 4 (pool 2)
      assertEquals(Shape.of(2, 4, 5, 2), model.predict(NdArrays.ofFloats(Shape.of(2, 9, 11, 3)))
          .shape());
      assertEquals(Shape.of(1, 3, 3, 2), model.predict(NdArrays.ofFloats(Shape.of(1, 7, 7, 3)))
          .shape());
    }
  }

  /**
   * Too small for the window at run time (the size unknown when the model was built) is an
   * error: TensorFlow's CPU kernel alone returns a 2x2 output for a 2x2 image and a 3x3 kernel.
   */
  @Test
  void anInputSmallerThanTheWindowAtRunTimeIsAnError() {
    for (Supplier<Layer> layer : List.<Supplier<Layer>>of(() -> new Conv2D(2, 3),
        () -> new Conv2D(2, 3, dilationRate(2)), () -> new DepthwiseConv2D(3),
        () -> new MaxPooling2D(poolSize(3)), () -> new Conv1D(2, 3, dilationRate(2)))) {
      Layer l = layer.get();
      boolean oneD = l instanceof Conv1D;
      KerasTensor in = oneD ? Input.shape(NONE, 1) : Input.shape(NONE, NONE, 1);
      try (Model model = new Model(in, l.apply(in))) {
        Shape small = oneD ? Shape.of(1, 2, 1) : Shape.of(1, 2, 2, 1);
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> model.predict(NdArrays.ofFloats(small)), l.toString());
        assertTrue(e.getMessage().contains("Computed output size would be"), e.getMessage());
      }
    }
  }
}
