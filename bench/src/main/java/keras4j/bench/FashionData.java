package keras4j.bench;

import keras4j.datasets.FashionMnist;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Fashion-MNIST as the benchmark feeds it: images flattened to 784 floats scaled to [0, 1], labels
 * as ints; the same arrays go to keras4j (wrapped as NdArrays) and to the hand-written loop.
 *
 * @param x {@code n * 784} pixels, row after row
 * @param y {@code n} class ids
 */
record FashionData(float[] x, int[] y) {
  static final int PIXELS = 784;

  /** The 60,000 training images and the 10,000 test images. */
  static FashionData[] load() {
    var data = FashionMnist.loadData();
    return new FashionData[] {
        of(data.xTrain(), data.yTrain()), of(data.xTest(), data.yTest())};
  }

  private static FashionData of(ByteNdArray images, IntNdArray labels) {
    int n = (int) images.shape().get(0);
    byte[] raw = new byte[n * PIXELS];
    images.copyTo(DataBuffers.of(raw, false, false));
    float[] x = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = (raw[i] & 0xFF) / 255f;
    }
    int[] y = new int[n];
    labels.copyTo(DataBuffers.of(y, false, false));
    return new FashionData(x, y);
  }

  /** The number of samples. */
  int size() {
    return y.length;
  }

  /** The first {@code n} samples. */
  FashionData head(int n) {
    return new FashionData(java.util.Arrays.copyOf(x, n * PIXELS), java.util.Arrays.copyOf(y, n));
  }

  /** The images as a (n, 784) NdArray over the same memory. */
  FloatNdArray images() {
    return NdArrays.wrap(Shape.of(size(), PIXELS), DataBuffers.of(x, true, false));
  }

  /** The labels as an (n) NdArray over the same memory. */
  IntNdArray labels() {
    return NdArrays.wrap(Shape.of(size()), DataBuffers.of(y, true, false));
  }
}
