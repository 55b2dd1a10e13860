package keras4j.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import keras4j.utils.ImageUtils;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * One image file read as Keras's {@code image_dataset_from_directory} reads it: decoded (the
 * first frame of a GIF) to 8-bit channels as {@code tf.image.decode_image(channels=c)}, then
 * resized as {@code tf.image.resize(img, size)} (bilinear, half-pixel centres, float32 values in
 * [0, 255], not rescaled). Decoding is {@link ImageUtils#loadImg}'s (the JDK's ImageIO).
 */
final class ImageFile {
  private ImageFile() {}

  /**
   * The pixels of {@code file}, height × width × channels in row-major order.
   *
   * @throws IllegalArgumentException if the file cannot be decoded, naming it
   */
  static float[] read(Path file, int channels, int height, int width) {
    BufferedImage image;
    try {
      // RGBA loses nothing TensorFlow's 8-bit decoders keep; the channels are converted below.
      image = ImageUtils.loadImg(file, "rgba");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "; remove it from the folder or replace"
          + " it", e);
    }
    float[] rgba = new float[image.getHeight() * image.getWidth() * 4];
    ImageUtils.imgToArray(image).copyTo(DataBuffers.of(rgba, false, false));
    return resize(toChannels(rgba, channels), image.getHeight(), image.getWidth(), channels, height,
        width);
  }

  /**
   * RGBA pixels as {@code channels} channels, as TensorFlow's decoders convert them: grey by
   * libpng's weights, which TensorFlow's PNG decoder asks for (0.299, 0.587, 0.114 in 15-bit fixed
   * point, truncated; a grey pixel keeps its level), RGB without the alpha.
   */
  private static float[] toChannels(float[] rgba, int channels) {
    if (channels == 4) {
      return rgba;
    }
    int n = rgba.length / 4;
    float[] out = new float[n * channels];
    for (int i = 0; i < n; i++) {
      int r = (int) rgba[4 * i];
      int g = (int) rgba[4 * i + 1];
      int b = (int) rgba[4 * i + 2];
      if (channels == 1) {
        out[i] = (9797 * r + 19234 * g + 3737 * b) >> 15;
      } else {
        out[3 * i] = r;
        out[3 * i + 1] = g;
        out[3 * i + 2] = b;
      }
    }
    return out;
  }

  /**
   * TensorFlow's bilinear resize with half-pixel centres ({@code ResizeBilinear}, as {@code
   * tf.image.resize} calls it), in float32 as its CPU kernel computes; the same size gives the
   * pixels unchanged.
   */
  static float[] resize(float[] in, int inH, int inW, int channels, int outH, int outW) {
    float[] out = new float[outH * outW * channels];
    float scaleY = (float) inH / outH;
    float scaleX = (float) inW / outW;
    for (int y = 0; y < outH; y++) {
      float inY = (y + 0.5f) * scaleY - 0.5f;
      int y0 = Math.max((int) Math.floor(inY), 0);
      int y1 = Math.min((int) Math.ceil(inY), inH - 1);
      float dy = inY - (float) Math.floor(inY);
      for (int x = 0; x < outW; x++) {
        float inX = (x + 0.5f) * scaleX - 0.5f;
        int x0 = Math.max((int) Math.floor(inX), 0);
        int x1 = Math.min((int) Math.ceil(inX), inW - 1);
        float dx = inX - (float) Math.floor(inX);
        for (int c = 0; c < channels; c++) {
          float topLeft = in[(y0 * inW + x0) * channels + c];
          float topRight = in[(y0 * inW + x1) * channels + c];
          float bottomLeft = in[(y1 * inW + x0) * channels + c];
          float bottomRight = in[(y1 * inW + x1) * channels + c];
          float top = topLeft + (topRight - topLeft) * dx;
          float bottom = bottomLeft + (bottomRight - bottomLeft) * dx;
          out[(y * outW + x) * channels + c] = top + (bottom - top) * dy;
        }
      }
    }
    return out;
  }
}
