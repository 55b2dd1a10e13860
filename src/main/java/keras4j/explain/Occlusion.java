package keras4j.explain;

import java.util.Arrays;
import java.util.function.IntConsumer;
import keras4j.models.Model;

/**
 * Occlusion (Zeiler and Fergus, 2014; Captum's {@code Occlusion}): slides a window over each
 * input, replaces the values under it by a baseline value, and attributes to each value the mean
 * drop {@code f(x) - f(x occluded)} over the windows that cover it (0 where none does).
 *
 * <p>The window spans the features of a tabular sample ({@code [features]}) or the height and
 * width of an image ({@code [height, width]} or {@code [height, width, channels]}, all channels
 * at once). Model-agnostic: it only predicts. Thread-safe once configured.
 */
public final class Occlusion {
  private final Predictor predictor;
  private int[] window = {1};
  private int[] strides;
  private float baselineValue;

  /**
   * Occlusion of {@code model}'s outputs.
   *
   * @param model a keras4j model of one input and one output
   */
  public Occlusion(Model model) {
    this(Predictor.of(model));
  }

  /**
   * Occlusion of any predictor's outputs.
   *
   * @param predictor outputs for a batch of inputs
   */
  public Occlusion(Predictor predictor) {
    this.predictor = predictor;
  }

  /**
   * The window's size: one number for tabular samples, height and width for images (a single
   * number is a square window); 1 by default.
   *
   * @param sizes 1 or 2 positive sizes
   * @return this
   * @throws IllegalArgumentException if a size is not positive or there are more than 2
   */
  public Occlusion window(int... sizes) {
    this.window = positive("window", sizes);
    return this;
  }

  /**
   * How far the window moves each time, per axis as {@link #window}; by default the window's
   * size (windows that do not overlap).
   *
   * @param strides 1 or 2 positive strides
   * @return this
   * @throws IllegalArgumentException if a stride is not positive or there are more than 2
   */
  public Occlusion strides(int... strides) {
    this.strides = positive("strides", strides);
    return this;
  }

  /**
   * The value put under the window; 0 by default.
   *
   * @param value the replacement value
   * @return this
   */
  public Occlusion baselineValue(float value) {
    this.baselineValue = value;
    return this;
  }

  /**
   * The occlusion attribution of each input value of {@code x} for {@code target}.
   *
   * @param x a batch (Java arrays or an NdArray, samples first)
   * @param target which output unit to explain
   * @return the attributions, shaped as {@code x}
   * @throws IllegalArgumentException if {@code x} is not tabular or an image batch, or the window
   *     is larger than the inputs
   */
  public Attributions explain(Object x, Target target) {
    Flat xs = Flat.of(x, "x");
    int rank = xs.shape().numDimensions() - 1;
    if (rank > 3) {
      throw new IllegalArgumentException("Occlusion takes samples of shape [features], [height,"
          + " width] or [height, width, channels], got " + xs.sampleShape());
    }
    int height = rank == 1 ? 1 : (int) xs.shape().get(1);
    int width = rank == 1 ? (int) xs.shape().get(1) : (int) xs.shape().get(2);
    int channels = xs.rowSize() / (height * width);
    int[] win = rank == 1 ? new int[] {1, size(window, 0)} : new int[] {size(window, 0), size(window, 1)};
    int[] stride = strides == null ? win : rank == 1 ? new int[] {1, size(strides, 0)}
        : new int[] {size(strides, 0), size(strides, 1)};
    if (win[0] > height || win[1] > width) {
      throw new IllegalArgumentException("The occlusion window " + Arrays.toString(window)
          + " is larger than the samples " + xs.sampleShape());
    }
    int rowsOfWindows = (height - win[0]) / stride[0] + 1;
    int colsOfWindows = (width - win[1]) / stride[1] + 1;
    int windows = rowsOfWindows * colsOfWindows;
    int n = xs.rows();
    int size = xs.rowSize();
    Flat outputs = Flat.of(predictor.predict(xs.toNdArray()));
    int units = outputs.rowSize();
    int[] targets = target.resolve(n, units, () -> outputs);
    float[] scores = Attributions.pick(outputs, targets, units);
    float[] attr = new float[n * size];
    for (int i = 0; i < n; i++) {
      Flat occluded = Flat.zeros(xs.withRows(windows));
      for (int w = 0; w < windows; w++) {
        System.arraycopy(xs.data(), i * size, occluded.data(), w * size, size);
        forWindow(w, colsOfWindows, win, stride, width, channels, w * size,
            index -> occluded.data()[index] = baselineValue);
      }
      Flat out = Flat.of(predictor.predict(occluded.toNdArray()));
      float[] count = new float[size];
      int base = i * size;
      for (int w = 0; w < windows; w++) {
        float drop = scores[i] - out.get(w, targets[i]);
        forWindow(w, colsOfWindows, win, stride, width, channels, 0, index -> {
          attr[base + index] += drop;
          count[index]++;
        });
      }
      for (int j = 0; j < size; j++) {
        attr[base + j] = count[j] > 0 ? attr[base + j] / count[j] : 0;
      }
    }
    return new Attributions(new Flat(xs.shape(), attr), targets, scores);
  }

  /** Calls {@code action} on each value index (offset by {@code offset}) under window {@code w}. */
  private static void forWindow(int w, int colsOfWindows, int[] win, int[] stride, int width,
      int channels, int offset, IntConsumer action) {
    int top = (w / colsOfWindows) * stride[0];
    int left = (w % colsOfWindows) * stride[1];
    for (int r = top; r < top + win[0]; r++) {
      for (int c = left; c < left + win[1]; c++) {
        for (int ch = 0; ch < channels; ch++) {
          action.accept(offset + (r * width + c) * channels + ch);
        }
      }
    }
  }

  private static int size(int[] sizes, int axis) {
    return sizes.length == 1 ? sizes[0] : sizes[axis];
  }

  private static int[] positive(String what, int[] sizes) {
    if (sizes.length < 1 || sizes.length > 2) {
      throw new IllegalArgumentException(
          "Occlusion's " + what + " is 1 number (or height and width), got " + sizes.length);
    }
    for (int s : sizes) {
      if (s < 1) {
        throw new IllegalArgumentException(
            "Occlusion's " + what + " must be positive, got " + Arrays.toString(sizes));
      }
    }
    return sizes.clone();
  }
}
