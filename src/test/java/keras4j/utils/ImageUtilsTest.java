package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.Keras;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * {@code loadImg}, {@code imgToArray}, {@code arrayToImg} and {@code saveImg} against what Keras
 * 3.15.1's {@code keras.utils} functions (with Pillow 9.4) give for the same files and arrays
 * (image_expected.json, written by make_image_fixtures.py beside the images): every PNG case,
 * each colour mode and each of Pillow's six filters up, down and with the aspect ratio kept, must
 * equal Keras's levels exactly, as keras4j computes Pillow's resampling as Pillow does; a JPEG's
 * too (one level allowed for decoder builds).
 */
class ImageUtilsTest {
  @TempDir Path dir;

  private static final Map<String, Object> FIXTURE = fixture();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fixture() {
    try (InputStream in = ImageUtilsTest.class.getResourceAsStream("image_expected.json")) {
      return (Map<String, Object>) Json.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cases() {
    return (Map<String, Object>) FIXTURE.get("cases");
  }

  private static Path resource(String name) {
    try {
      return Path.of(ImageUtilsTest.class.getResource(name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertKeras(String name, FloatNdArray actual, float tolerance) {
    Map<String, Object> expected = (Map<String, Object>) cases().get(name);
    assertTrue(expected != null, "no Keras case " + name);
    long[] shape = ((List<Number>) expected.get("shape")).stream().mapToLong(Number::longValue)
        .toArray();
    assertEquals(Shape.of(shape), actual.shape(), name);
    List<Number> values = (List<Number>) expected.get("values");
    float[] got = new float[values.size()];
    actual.copyTo(DataBuffers.of(got, false, false));
    float worst = 0;
    for (int i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i] - values.get(i).floatValue()));
    }
    assertTrue(worst <= tolerance, name + ": largest difference from Keras " + worst);
  }

  @SuppressWarnings("unchecked")
  private static FloatNdArray input(String name, long... shape) {
    List<Number> values = (List<Number>) ((Map<String, Object>) FIXTURE.get("inputs")).get(name);
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i).floatValue();
    }
    return NdArrays.wrap(Shape.of(shape), DataBuffers.of(data, false, false));
  }

  @Test
  void everyColourModeOfEveryPngIsKerasExactly() {
    for (String source : List.of("rgb.png", "rgba.png", "gray.png", "gray16.png", "palette.png")) {
      for (String mode : List.of("grayscale", "rgb", "rgba")) {
        String name = source + " " + mode;
        if (source.equals("gray16.png") && !mode.equals("grayscale")) {
          // Pillow clips 16-bit levels at 255 here; keras4j scales them to 8 bits instead.
          assertEquals(Shape.of(6, 9, mode.length()), ImageUtils.imgToArray(
              ImageUtils.loadImg(resource(source), mode)).shape());
          continue;
        }
        assertKeras(name, ImageUtils.imgToArray(ImageUtils.loadImg(resource(source), mode)), 0);
      }
    }
  }

  @Test
  void sixteenBitGreyReadAsRgbIsScaledToEightBits() {
    FloatNdArray grey = ImageUtils.imgToArray(ImageUtils.loadImg(resource("gray16.png"),
        "grayscale"));
    FloatNdArray rgb = ImageUtils.imgToArray(ImageUtils.loadImg(resource("gray16.png"), "rgb"));
    assertTrue(grey.getFloat(2, 3, 0) > 255, "the fixture has 16-bit levels");
    for (int c = 0; c < 3; c++) {
      assertEquals((int) grey.getFloat(2, 3, 0) >> 8, rgb.getFloat(2, 3, c));
    }
  }

  @Test
  void jpegDecodesAsPillow() {
    // Both decoders are IJG's integer inverse DCT with fancy upsampling: identical on this JDK;
    // one level is allowed for another build's rounding.
    for (String mode : List.of("grayscale", "rgb", "rgba")) {
      assertKeras("rgb.jpg " + mode, ImageUtils.imgToArray(ImageUtils.loadImg(
          resource("rgb.jpg"), mode)), 1);
    }
  }

  @Test
  void everyInterpolationResizesAsKeras() {
    int checked = 0;
    for (String method : List.of("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")) {
      for (int[] size : new int[][] {{11, 13}, {4, 5}, {4, 4}}) {
        for (boolean keep : new boolean[] {false, true}) {
          for (String[] load : new String[][] {{"rgb.png", "rgb"}, {"rgba.png", "rgba"},
              {"gray.png", "grayscale"}, {"gray16.png", "grayscale"}}) {
            String name = load[0] + " " + load[1] + " " + size[0] + "x" + size[1] + " " + method
                + " keep=" + (keep ? "True" : "False");
            BufferedImage img = Keras.loadImg(resource(load[0]), load[1], size, method, keep);
            assertKeras(name, ImageUtils.imgToArray(img), 0);
            checked++;
          }
        }
      }
    }
    assertEquals(144, checked);
  }

  @Test
  void arrayToImgScalesAndTruncatesAsKeras() {
    FloatNdArray floats = input("floats", 3, 4, 3);
    assertKeras("array_to_img scale", ImageUtils.imgToArray(ImageUtils.arrayToImg(floats)), 0);
    assertKeras("array_to_img unscaled rgba", ImageUtils.imgToArray(
        ImageUtils.arrayToImg(input("unscaled", 3, 4, 4), "channels_last", false)), 0);
    FloatNdArray first = NdArrays.ofFloats(Shape.of(3, 3, 4));
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          first.setFloat(floats.getFloat(y, x, c), c, y, x);
        }
      }
    }
    assertKeras("array_to_img channels_first", ImageUtils.imgToArray(
        Keras.arrayToImg(first, "channels_first", true)), 0);
    BufferedImage wide = ImageUtils.arrayToImg(input("wide", 2, 2, 1), "channels_last", false);
    assertEquals(32, wide.getColorModel().getPixelSize(), "Pillow's mode I: 32-bit ints");
    assertKeras("array_to_img grey above 255", ImageUtils.imgToArray(wide), 0);
  }

  @Test
  void imgToArrayChannelsFirstTransposes() {
    BufferedImage img = ImageUtils.loadImg(resource("rgb.png"));
    FloatNdArray last = ImageUtils.imgToArray(img);
    FloatNdArray first = ImageUtils.imgToArray(img, "channels_first");
    assertEquals(Shape.of(3, 6, 9), first.shape());
    assertEquals(last.getFloat(4, 7, 2), first.getFloat(2, 4, 7));
    assertEquals(last.getFloat(0, 1, 0), first.getFloat(0, 0, 1));
  }

  @Test
  void savedPngsLoadBackToTheSameLevels() {
    for (String[] c : new String[][] {{"gray.png", "grayscale"}, {"gray16.png", "grayscale"},
        {"rgb.png", "rgb"}, {"rgba.png", "rgba"}}) {
      FloatNdArray x = ImageUtils.imgToArray(ImageUtils.loadImg(resource(c[0]), c[1]));
      Path out = dir.resolve("copy-" + c[0]);
      ImageUtils.saveImg(out, x, "channels_last", null, false);
      FloatNdArray back = ImageUtils.imgToArray(ImageUtils.loadImg(out, c[1]));
      assertKeras(c[0] + " " + c[1], back, 0);
    }
    // Scaled: the levels arrayToImg gives, as Keras's array_to_img.
    Path scaled = dir.resolve("scaled.png");
    Keras.saveImg(scaled, input("floats", 3, 4, 3));
    assertKeras("array_to_img scale", Keras.imgToArray(Keras.loadImg(scaled)), 0);
  }

  @Test
  void rgbaToJpegDropsAlphaOnlyWhenAskedAsKeras() {
    // A smooth image, which JPEG keeps within a few levels, with random alpha.
    FloatNdArray rgba = NdArrays.ofFloats(Shape.of(16, 16, 4));
    java.util.Random random = new java.util.Random(18);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        rgba.setFloat(16 * y, y, x, 0);
        rgba.setFloat(16 * x, y, x, 1);
        rgba.setFloat(128, y, x, 2);
        rgba.setFloat(random.nextInt(256), y, x, 3);
      }
    }
    Path jpg = dir.resolve("a.jpg");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageUtils.saveImg(jpg, rgba, "channels_last", null, false));
    assertTrue(e.getMessage().contains("fileFormat \"jpeg\""), e.getMessage());
    ImageUtils.saveImg(jpg, rgba, "channels_last", "jpg", false);
    FloatNdArray back = ImageUtils.imgToArray(ImageUtils.loadImg(jpg, "rgba"));
    assertEquals(Shape.of(16, 16, 4), back.shape());
    double error = 0;
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        assertEquals(255, back.getFloat(y, x, 3), "JPEG has no alpha: read back opaque");
        for (int c = 0; c < 3; c++) {
          error += Math.abs(back.getFloat(y, x, c) - rgba.getFloat(y, x, c));
        }
      }
    }
    // The colours survive (lossy, at ImageIO's default quality 0.75), the alpha is gone.
    assertTrue(error / (16 * 16 * 3) < 3, "mean JPEG error " + error / (16 * 16 * 3));
  }

  @Test
  void badArgumentsAreRefusedWithTheFix() throws IOException {
    Path png = resource("rgb.png");
    assertMessage("color_mode must be", () -> ImageUtils.loadImg(png, "cmyk"));
    assertMessage("Supported methods are nearest, bilinear",
        () -> ImageUtils.loadImg(png, "rgb", new int[] {2, 2}, "area", false));
    assertMessage("target_size must be",
        () -> ImageUtils.loadImg(png, "rgb", new int[] {0, 2}, "nearest", false));
    Path junk = Files.writeString(dir.resolve("junk.png"), "not an image");
    assertMessage("Cannot decode the image file", () -> ImageUtils.loadImg(junk));
    assertMessage("Cannot decode the image file", () -> ImageUtils.loadImg(dir.resolve("none")));
    assertMessage("rank 3", () -> ImageUtils.arrayToImg(NdArrays.ofFloats(Shape.of(2, 2))));
    assertMessage("Unsupported channel number: 2",
        () -> ImageUtils.arrayToImg(NdArrays.ofFloats(Shape.of(2, 2, 2))));
    FloatNdArray big = NdArrays.ofFloats(Shape.of(1, 1, 3));
    big.setFloat(300, 0, 0, 0);
    assertMessage("pass scale=true", () -> ImageUtils.arrayToImg(big, "channels_last", false));
    FloatNdArray nan = NdArrays.ofFloats(Shape.of(1, 2, 1));
    nan.setFloat(Float.NaN, 0, 1, 0);
    assertMessage("NaN", () -> ImageUtils.arrayToImg(nan));
    assertMessage("data_format",
        () -> ImageUtils.imgToArray(ImageUtils.loadImg(png), "channels_middle"));
    assertMessage("Cannot save",
        () -> ImageUtils.saveImg(dir.resolve("x.unknown"), ImageUtils.imgToArray(
            ImageUtils.loadImg(png))));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void anArrayWithoutPixelsIsNotAnImage() {
    assertMessage("at least one pixel",
        () -> ImageUtils.arrayToImg(NdArrays.ofFloats(Shape.of(0, 3, 3))));
  }
}
