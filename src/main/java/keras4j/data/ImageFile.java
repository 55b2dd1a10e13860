package keras4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * One image file read as Keras's {@code image_dataset_from_directory} reads it: decoded (the
 * first frame of a GIF) to 8-bit channels as {@code tf.image.decode_image(channels=c)}, then
 * resized as {@code tf.image.resize(img, size)} (bilinear, half-pixel centres, float32 values in
 * [0, 255], not rescaled). Decoding uses the JDK's ImageIO.
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
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, e.toString());
    }
    if (image == null) {
      throw unreadable(file, Files.isReadable(file) ? "no ImageIO reader recognises its content"
          : "it cannot be read");
    }
    int h = image.getHeight();
    int w = image.getWidth();
    return resize(decode(image, channels), h, w, channels, height, width);
  }

  private static IllegalArgumentException unreadable(Path file, String why) {
    return new IllegalArgumentException("Cannot decode the image file " + file + " (" + why
        + "): remove it from the folder or replace it with a valid PNG, JPEG, GIF or BMP image");
  }

  /** The 8-bit channels, converted to {@code channels} as TensorFlow's decoders convert them. */
  private static float[] decode(BufferedImage image, int channels) {
    int h = image.getHeight();
    int w = image.getWidth();
    float[] out = new float[h * w * channels];
    Raster raster = image.getRaster();
    boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(image.getColorModel() instanceof IndexColorModel);
    // Grey images are read from the raster: getRGB would map grey levels through a gamma curve.
    int shift = gray ? raster.getSampleModel().getSampleSize(0) - 8 : 0;
    int[] argb = gray ? null : image.getRGB(0, 0, w, h, null, 0, w);
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        int r;
        int g;
        int b;
        int a;
        if (gray) {
          r = g = b = raster.getSample(x, y, 0) >> shift;
          a = raster.getNumBands() > 1 ? raster.getSample(x, y, 1) >> shift : 255;
        } else {
          a = argb[i] >>> 24;
          r = (argb[i] >> 16) & 0xff;
          g = (argb[i] >> 8) & 0xff;
          b = argb[i] & 0xff;
        }
        int at = i * channels;
        switch (channels) {
          // libpng's conversion, which TensorFlow's PNG decoder asks for (weights 0.299, 0.587).
          case 1 -> out[at] = gray ? r : (9797 * r + 19234 * g + 3737 * b) >> 15;
          case 3 -> {
            out[at] = r;
            out[at + 1] = g;
            out[at + 2] = b;
          }
          default -> {
            out[at] = r;
            out[at + 1] = g;
            out[at + 2] = b;
            out[at + 3] = a;
          }
        }
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
