package keras4j.bench;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A hand-written network on flattened Fashion-MNIST images, trained by {@link RawMlp}'s loop. */
@FunctionalInterface
interface RawNet {
  /** The logits of the batch {@code x} (n, 784), built from {@code layers}. */
  Operand<TFloat32> logits(RawLayers layers, Operand<TFloat32> x);

  /** Dense layers of the given widths (input first), ReLU between them. */
  static RawNet dense(int[] widths) {
    return (layers, x) -> {
      Operand<TFloat32> h = x;
      for (int i = 1; i < widths.length; i++) {
        h = layers.dense(h, widths[i - 1], widths[i]);
        if (i < widths.length - 1) {
          h = layers.tf().nn.relu(h);
        }
      }
      return h;
    };
  }

  /**
   * The benchmark's small CNN, {@link KerasMlp#cnn}'s twin: (Conv2D 3x3 without bias,
   * BatchNormalization, ReLU, MaxPooling2D) with 16 then 32 filters, Flatten, Dense(10).
   */
  static RawNet cnn() {
    return (layers, x) -> {
      var tf = layers.tf();
      Operand<TFloat32> h = tf.reshape(x, tf.constant(new long[] {-1, 28, 28, 1}));
      int channels = 1;
      for (int filters : KerasMlp.CNN_FILTERS) {
        h = layers.maxPool(tf.nn.relu(layers.batchNorm(layers.conv3x3(h, channels, filters),
            filters)));
        channels = filters;
      }
      // 28 -> 26 -> 13 -> 11 -> 5 pixels a side.
      int flat = 5 * 5 * channels;
      return layers.dense(tf.reshape(h, tf.constant(new long[] {-1, flat})), flat, 10);
    };
  }
}
