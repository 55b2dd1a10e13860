package keras4j.utils;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's image utilities ({@code keras.utils.load_img}, {@code img_to_array}, {@code
 * array_to_img}, {@code save_img}), with {@link BufferedImage} in the place of PIL's {@code
 * Image}:
 *
 * <pre>{@code
 * BufferedImage image = ImageUtils.loadImg(path, "rgb", new int[] {224, 224}, "bilinear", false);
 * FloatNdArray x = ImageUtils.imgToArray(image); // (224, 224, 3), values 0..255
 * }</pre>
 *
 * <p>Files are decoded by the JDK's ImageIO (PNG, JPEG, GIF, BMP; its JPEG decoder is IJG's, as
 * Pillow's, and gave Pillow's pixels in the tests). Colour
 * conversions and resizing are Pillow's, computed as Pillow computes them, so that a PNG's arrays
 * are Keras's exactly. The images {@code loadImg} and {@code arrayToImg} return are of type
 * {@code TYPE_BYTE_GRAY} (Pillow's "L"), {@code TYPE_INT_RGB} ("RGB"), {@code TYPE_INT_ARGB}
 * ("RGBA"), or grey with one 32-bit int sample per pixel (Pillow's "I", for 16-bit grey files and
 * for arrays above 255).
 */
public final class ImageUtils {
  private ImageUtils() {}

  private static final String CHANNELS_LAST = "channels_last";
  private static final String CHANNELS_FIRST = "channels_first";
  private static final int MAX_16_BIT = 65535;
  private static final float INT_LIMIT = 0x1p31f;

  /**
   * {@code load_img(path)}: the image as RGB, at its own size.
   *
   * @param path the image file
   * @return the image, {@code TYPE_INT_RGB}
   * @throws IllegalArgumentException if the file cannot be decoded
   */
  public static BufferedImage loadImg(Path path) {
    return loadImg(path, "rgb", null, "nearest", false);
  }

  /**
   * {@code load_img(path, color_mode=...)}, at the image's own size.
   *
   * @param path the image file
   * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}
   * @return the image
   * @throws IllegalArgumentException if the file cannot be decoded or the mode is unknown
   */
  public static BufferedImage loadImg(Path path, String colorMode) {
    return loadImg(path, colorMode, null, "nearest", false);
  }

  /**
   * {@code load_img(path, color_mode, target_size, interpolation, keep_aspect_ratio)}.
   *
   * <p>{@code "grayscale"} keeps a grey image's levels (16-bit ones too, as Pillow's mode "I") and
   * turns a colour one grey by ITU-R 601-2 luma as Pillow ({@code L = (19595 R + 38470 G + 7471 B
   * + 32768) >> 16}); {@code "rgb"} drops alpha without compositing; {@code "rgba"} adds an opaque
   * alpha. A 16-bit grey image read as {@code "rgb"} or {@code "rgba"} is scaled to 8 bits (Pillow
   * would clip its levels at 255). With {@code keepAspectRatio}, the largest centred region of the
   * target's aspect ratio is resized, as Keras.
   *
   * @param path the image file
   * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}
   * @param targetSize {@code {height, width}}, or null for the image's own size
   * @param interpolation how to resize: {@code "nearest"} (Keras's default), {@code "bilinear"},
   *     {@code "bicubic"}, {@code "hamming"}, {@code "box"} or {@code "lanczos"}
   * @param keepAspectRatio whether to crop to the target's aspect ratio before resizing
   * @return the image
   * @throws IllegalArgumentException if the file cannot be decoded, or an argument is not one of
   *     the above
   */
  public static BufferedImage loadImg(Path path, String colorMode, int[] targetSize,
      String interpolation, boolean keepAspectRatio) {
    int channels = switch (String.valueOf(colorMode)) {
      case "grayscale" -> 1;
      case "rgb" -> 3;
      case "rgba" -> 4;
      default -> throw new IllegalArgumentException(
          "color_mode must be \"grayscale\", \"rgb\", or \"rgba\", got " + colorMode);
    };
    if (targetSize != null && (targetSize.length != 2 || targetSize[0] < 1 || targetSize[1] < 1)) {
      throw new IllegalArgumentException("target_size must be {height, width} of positive sizes,"
          + " got " + Arrays.toString(targetSize) + "; pass null for the image's own size");
    }
    PilResample.Filter filter = PilResample.Filter.of(String.valueOf(interpolation));
    BufferedImage source = read(path);
    int h = source.getHeight();
    int w = source.getWidth();
    boolean wide = channels == 1 && isGrey(source) && greyBits(source) > 8;
    int[] pixels = pixels(source, channels);
    if (targetSize == null || (targetSize[0] == h && targetSize[1] == w)) {
      return image(pixels, h, w, channels, wide);
    }
    int outH = targetSize[0];
    int outW = targetSize[1];
    int[] box = keepAspectRatio ? centredCrop(h, w, outH, outW) : new int[] {0, 0, w, h};
    boolean premultiplied = channels == 4 && filter != PilResample.Filter.NEAREST;
    int[] resized = PilResample.resize(premultiplied ? PilResample.premultiply(pixels) : pixels, h,
        w, channels, outH, outW, box, filter, wide);
    if (premultiplied) {
      resized = PilResample.unpremultiply(resized);
    }
    // 16-bit levels resized by bicubic or lanczos may overshoot 0..65535, as in Pillow's mode "I".
    return image(resized, outH, outW, channels, wide);
  }

  /**
   * {@code img_to_array(img)}: the pixels as float32, height × width × channels: 1 channel for a
   * grey image (its levels, up to 65535 for a 16-bit one), 2 for grey with alpha, 3 for colour, 4
   * for colour with alpha (an indexed-colour image gives its colours).
   *
   * @param img the image
   * @return the array of shape {@code (height, width, channels)}
   */
  public static FloatNdArray imgToArray(BufferedImage img) {
    return imgToArray(img, CHANNELS_LAST);
  }

  /**
   * {@code img_to_array(img, data_format)}.
   *
   * @param img the image
   * @param dataFormat {@code "channels_last"} (height, width, channels) or {@code
   *     "channels_first"} (channels, height, width)
   * @return the float32 array
   * @throws IllegalArgumentException if {@code dataFormat} is neither
   */
  public static FloatNdArray imgToArray(BufferedImage img, String dataFormat) {
    boolean first = channelsFirst(dataFormat);
    int channels = isGrey(img) ? img.getRaster().getNumBands() : img.getColorModel().hasAlpha() ? 4
        : 3;
    int h = img.getHeight();
    int w = img.getWidth();
    int[] pixels = pixels(img, channels);
    float[] values = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      int c = i % channels;
      int pixel = i / channels;
      values[first ? c * h * w + pixel : i] = pixels[i];
    }
    Shape shape = first ? Shape.of(channels, h, w) : Shape.of(h, w, channels);
    return NdArrays.wrap(shape, DataBuffers.of(values, false, false));
  }

  /**
   * {@code array_to_img(x)}: a channels-last array as an image, scaled so that its minimum is 0
   * and its maximum 255.
   *
   * @param x the array, shape {@code (height, width, channels)} with 1, 3 or 4 channels
   * @return the image
   * @throws IllegalArgumentException if the array is not such an image
   */
  public static BufferedImage arrayToImg(FloatNdArray x) {
    return arrayToImg(x, CHANNELS_LAST, true);
  }

  /**
   * {@code array_to_img(x, data_format, scale)}. As Keras, values are computed in float32 and
   * truncated to whole levels; one channel whose largest value exceeds 255 (only possible
   * unscaled) gives a grey image of 32-bit ints, as Keras's mode "I".
   *
   * @param x the array, rank 3 with 1, 3 or 4 channels
   * @param dataFormat {@code "channels_last"} or {@code "channels_first"}
   * @param scale whether to map the range of the values to 0..255 (Keras's default), else the
   *     values are taken as levels
   * @return the image
   * @throws IllegalArgumentException if the array is not rank 3, has no pixel or another number
   *     of channels, holds NaN or infinity, or unscaled values outside 0..255 (outside the int
   *     range for one channel above 255), which Keras would wrap around silently
   */
  public static BufferedImage arrayToImg(FloatNdArray x, String dataFormat, boolean scale) {
    boolean first = channelsFirst(dataFormat);
    if (x.rank() != 3) {
      throw new IllegalArgumentException(
          "Expected image array to have rank 3 (single image). Got array with shape: " + x.shape());
    }
    int channels = (int) x.shape().get(first ? 0 : 2);
    int h = (int) x.shape().get(first ? 1 : 0);
    int w = (int) x.shape().get(first ? 2 : 1);
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("Unsupported channel number: " + channels
          + " (an image has 1, 3 or 4 channels; shape " + x.shape() + ", " + dataFormat + ")");
    }
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("An image has at least one pixel; the array's shape is "
          + x.shape());
    }
    float[] values = new float[Math.toIntExact(x.size())];
    x.copyTo(DataBuffers.of(values, false, false));
    float[] hwc = new float[values.length];
    for (int i = 0; i < hwc.length; i++) {
      hwc[i] = first ? values[(i % channels) * h * w + i / channels] : values[i];
    }
    if (scale) {
      scaleTo255(hwc);
    }
    float max = 0;
    for (float v : hwc) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("The image array holds " + v + ": replace NaN and"
            + " infinite values before converting it to an image");
      }
      max = Math.max(max, v);
    }
    boolean wide = channels == 1 && max > 255;
    int[] pixels = new int[hwc.length];
    for (int i = 0; i < hwc.length; i++) {
      if (wide ? hwc[i] <= -INT_LIMIT || hwc[i] >= INT_LIMIT : hwc[i] < 0 || hwc[i] >= 256) {
        throw new IllegalArgumentException("Unscaled image value " + hwc[i] + " is outside "
            + (wide ? "the int range" : "0..255") + ": pass scale=true to map the values' range"
            + " to 0..255, or clip them");
      }
      pixels[i] = (int) hwc[i];
    }
    return image(pixels, h, w, channels, wide);
  }

  /**
   * {@code save_img(path, x)}: the array scaled to 0..255 and written in the format of the file's
   * extension.
   *
   * @param path where to write (its extension names the format: png, jpg/jpeg, bmp, gif)
   * @param x the channels-last array
   * @throws IllegalArgumentException as {@link #arrayToImg(FloatNdArray, String, boolean)}, or
   *     when the format cannot hold the image
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void saveImg(Path path, FloatNdArray x) {
    saveImg(path, x, CHANNELS_LAST, null, true);
  }

  /**
   * {@code save_img(path, x, data_format, file_format, scale)}. As Keras, an RGBA image saved with
   * {@code fileFormat} "jpeg" or "jpg" loses its alpha channel (JPEG has none; a warning is
   * logged), while one saved to a {@code .jpg} path without {@code fileFormat} is refused, as
   * Pillow refuses it.
   *
   * @param path where to write
   * @param x the array
   * @param dataFormat {@code "channels_last"} or {@code "channels_first"}
   * @param fileFormat the format ("png", "jpeg", "bmp", "gif"), or null for the path's extension
   * @param scale whether to map the range of the values to 0..255
   * @throws IllegalArgumentException as {@link #arrayToImg(FloatNdArray, String, boolean)}, or
   *     when the format is unknown or cannot hold the image
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void saveImg(Path path, FloatNdArray x, String dataFormat, String fileFormat,
      boolean scale) {
    BufferedImage img = arrayToImg(x, dataFormat, scale);
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String format = fileFormat != null ? fileFormat.toLowerCase(Locale.ROOT)
        : name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
        : "";
    boolean jpeg = format.equals("jpg") || format.equals("jpeg");
    if (greyBits(img) > 16) {
      img = sixteenBitGrey(img, path);
    }
    if (jpeg && img.getColorModel().hasAlpha()) {
      if (fileFormat == null) {
        throw new IllegalArgumentException("cannot write mode RGBA as JPEG (" + path + "): pass"
            + " fileFormat \"jpeg\" to drop the alpha channel, or save as PNG");
      }
      System.getLogger(ImageUtils.class.getName()).log(System.Logger.Level.WARNING,
          "The JPEG format does not support RGBA images, converting to RGB.");
      img = withoutAlpha(img);
    }
    try {
      if (format.isEmpty() || !ImageIO.write(img, jpeg ? "jpeg" : format, path.toFile())) {
        throw new IllegalArgumentException("Cannot save " + path + " as \"" + format + "\": pass"
            + " fileFormat or use the extension png, jpg, bmp or gif (8-bit images; 16-bit grey"
            + " only as png)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  // ---- decoding and Pillow's conversions

  private static BufferedImage read(Path path) {
    BufferedImage image;
    try {
      image = ImageIO.read(path.toFile());
    } catch (IOException | RuntimeException e) {
      throw unreadable(path, e.toString());
    }
    if (image == null) {
      throw unreadable(path, Files.isReadable(path) ? "no ImageIO reader recognises its content"
          : "it cannot be read");
    }
    return image;
  }

  private static IllegalArgumentException unreadable(Path path, String why) {
    return new IllegalArgumentException("Cannot decode the image file " + path + " (" + why
        + "): it must be a valid PNG, JPEG, GIF or BMP image");
  }

  private static boolean isGrey(BufferedImage image) {
    return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && !(image.getColorModel() instanceof IndexColorModel);
  }

  private static int greyBits(BufferedImage image) {
    return image.getRaster().getSampleModel().getSampleSize(0);
  }

  /**
   * The levels of {@code image} as {@code channels} channels (2: grey and alpha, for grey images
   * only), converted as Pillow's {@code convert}. Grey levels are read from the raster, as
   * getRGB would map them through a gamma curve; they keep their depth in 1 or 2 channels.
   */
  private static int[] pixels(BufferedImage image, int channels) {
    int h = image.getHeight();
    int w = image.getWidth();
    int[] out = new int[h * w * channels];
    boolean grey = isGrey(image);
    Raster raster = image.getRaster();
    int bits = grey ? greyBits(image) : 8;
    boolean keepDepth = grey && channels <= 2;
    int[] argb = grey ? null : image.getRGB(0, 0, w, h, null, 0, w);
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i++) {
        int r;
        int g;
        int b;
        int a;
        if (grey) {
          r = g = b = level(raster.getSample(x, y, 0), bits, keepDepth);
          a = raster.getNumBands() > 1 ? level(raster.getSample(x, y, 1), bits, keepDepth) : 255;
        } else {
          a = argb[i] >>> 24;
          r = (argb[i] >> 16) & 0xff;
          g = (argb[i] >> 8) & 0xff;
          b = argb[i] & 0xff;
        }
        int at = i * channels;
        switch (channels) {
          case 1 -> out[at] = grey ? r : (19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16;
          case 2 -> {
            out[at] = r;
            out[at + 1] = a;
          }
          default -> {
            out[at] = r;
            out[at + 1] = g;
            out[at + 2] = b;
            if (channels == 4) {
              out[at + 3] = a;
            }
          }
        }
      }
    }
    return out;
  }

  /** A grey sample of {@code bits} bits as 8 bits, or kept as it is for 8 bits or more. */
  private static int level(int sample, int bits, boolean keepDepth) {
    if (bits < 8) {
      return sample * 255 / ((1 << bits) - 1);
    }
    return keepDepth ? sample : sample >> (bits - 8);
  }

  /**
   * The image of levels in height × width × channels order, of the types the class names; {@code
   * wide}: one channel of any int, Pillow's mode "I".
   */
  private static BufferedImage image(int[] pixels, int h, int w, int channels, boolean wide) {
    if (wide) {
      ComponentColorModel grey = new ComponentColorModel(
          ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[] {32}, false, false,
          Transparency.OPAQUE, DataBuffer.TYPE_INT);
      WritableRaster raster = grey.createCompatibleWritableRaster(w, h);
      raster.setPixels(0, 0, w, h, pixels);
      return new BufferedImage(grey, raster, false, null);
    }
    int type = switch (channels) {
      case 1 -> BufferedImage.TYPE_BYTE_GRAY;
      case 3 -> BufferedImage.TYPE_INT_RGB;
      default -> BufferedImage.TYPE_INT_ARGB;
    };
    BufferedImage img = new BufferedImage(w, h, type);
    if (channels == 1) {
      img.getRaster().setPixels(0, 0, w, h, pixels);
      return img;
    }
    int[] argb = new int[h * w];
    for (int i = 0; i < argb.length; i++) {
      int at = i * channels;
      int alpha = channels == 4 ? pixels[at + 3] : 255;
      argb[i] = alpha << 24 | pixels[at] << 16 | pixels[at + 1] << 8 | pixels[at + 2];
    }
    img.setRGB(0, 0, w, h, argb, 0, w);
    return img;
  }

  /** A mode "I" image as 16-bit grey, which PNG files hold, if its levels fit. */
  private static BufferedImage sixteenBitGrey(BufferedImage img, Path path) {
    int w = img.getWidth();
    int h = img.getHeight();
    int[] levels = img.getRaster().getPixels(0, 0, w, h, (int[]) null);
    for (int v : levels) {
      if (v < 0 || v > MAX_16_BIT) {
        throw new IllegalArgumentException("Cannot save " + path + ": grey level " + v + " is"
            + " outside the 16 bits (0..65535) an image file holds; clip or scale the array");
      }
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    out.getRaster().setPixels(0, 0, w, h, levels);
    return out;
  }

  private static BufferedImage withoutAlpha(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    WritableRaster target = rgb.getRaster();
    target.setRect(img.getRaster().createChild(0, 0, w, h, 0, 0, new int[] {0, 1, 2}));
    return rgb;
  }

  /** Keras's {@code load_img} crop box (left, top, right, bottom) for {@code keep_aspect_ratio}. */
  private static int[] centredCrop(int h, int w, int targetH, int targetW) {
    int cropH = Math.min(h, (int) ((long) w * targetH / targetW));
    int cropW = Math.min(w, (int) ((long) h * targetW / targetH));
    int top = (h - cropH) / 2;
    int left = (w - cropW) / 2;
    return new int[] {left, top, left + cropW, top + cropH};
  }

  /** Keras's scaling in float32: minus the minimum, divided by the new maximum unless 0, × 255. */
  private static void scaleTo255(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < values.length; i++) {
      values[i] -= min;
      max = Math.max(max, values[i]);
    }
    for (int i = 0; i < values.length; i++) {
      if (max != 0) {
        values[i] /= max;
      }
      values[i] *= 255;
    }
  }

  private static boolean channelsFirst(String dataFormat) {
    if (CHANNELS_LAST.equals(dataFormat)) {
      return false;
    }
    if (CHANNELS_FIRST.equals(dataFormat)) {
      return true;
    }
    throw new IllegalArgumentException("The `data_format` argument must be one of"
        + " {'channels_first', 'channels_last'}. Received: data_format=" + dataFormat);
  }
}
