package keras4j.ops;

import static keras4j.ops.Ops.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.layers.Input;
import keras4j.layers.Layer;
import keras4j.models.Model;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * {@code depthToSpace}, {@code spaceToDepth} and {@code ImageOps.extractPatches} /
 * {@code extractPatches3d} against what Keras 3's {@code ops.depth_to_space}, {@code
 * ops.space_to_depth} and {@code ops.image.extract_patches} / {@code extract_patches_3d} compute (image_ops_expected.json, written by
 * make_image_ops_fixtures.py next to it), value, shape and dtype, eagerly, inside a traced
 * function and inside a layer's call in a model; and the errors bad block sizes, ranks and
 * patch arguments give.
 */
class ImageOpsTest {
  /** 0, 1, 2, ... in row-major order, float32 or int32: make_image_ops_fixtures.py's grid. */
  static KerasTensor grid(String dtype, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return cast(reshape(arange(0.0, (double) n, 1.0), shape), dtype);
  }

  static KerasTensor grid(long... shape) {
    return grid("float32", shape);
  }

  static KerasTensor images() {
    return divide(grid(2, 5, 6, 2), 10.0);
  }

  static KerasTensor volumes() {
    return divide(grid(2, 4, 4, 4, 2), 10.0);
  }

  static Map<String, Supplier<KerasTensor>> cases() {
    Map<String, Supplier<KerasTensor>> c = new LinkedHashMap<>();
    c.put("depth_to_space", () -> depthToSpace(grid(1, 2, 3, 8), 2));
    c.put("depth_to_space_int_block3", () -> depthToSpace(grid("int32", 2, 1, 2, 9), 3));
    c.put("depth_to_space_channels_first",
        () -> depthToSpace(grid(1, 8, 2, 3), 2, "channels_first"));
    c.put("space_to_depth", () -> spaceToDepth(grid(1, 4, 6, 2), 2));
    c.put("space_to_depth_int_block3", () -> spaceToDepth(grid("int32", 2, 6, 3, 1), 3));
    c.put("space_to_depth_channels_first",
        () -> spaceToDepth(grid(1, 2, 4, 6), 2, "channels_first"));
    c.put("depth_to_space_of_space_to_depth",
        () -> depthToSpace(spaceToDepth(grid(1, 4, 6, 2), 2), 2));
    c.put("patches_2x3", () -> ImageOps.extractPatches(images(), 2, 3));
    c.put("patches_square_int", () -> ImageOps.extractPatches(images(), 2));
    c.put("patches_strides1_same", () -> ImageOps.extractPatches(images(), new int[] {2},
        new int[] {1}, new int[] {1}, "same"));
    c.put("patches_3x2_strides_2_1_same", () -> ImageOps.extractPatches(images(),
        new int[] {3, 2}, new int[] {2, 1}, new int[] {1}, "same"));
    c.put("patches_dilation2", () -> ImageOps.extractPatches(images(), new int[] {2},
        new int[] {1}, new int[] {2}, "valid"));
    c.put("patches_dilation_2_1_same", () -> ImageOps.extractPatches(images(),
        new int[] {2, 3}, new int[] {1}, new int[] {2, 1}, "same"));
    c.put("patches_unbatched", () -> ImageOps.extractPatches(take(images(), 0, 0),
        new int[] {2}, new int[] {1}, new int[] {1}, "valid"));
    c.put("patches_int32", () -> ImageOps.extractPatches(grid("int32", 2, 5, 6, 2), 2, 2));
    c.put("patches_3d", () -> ImageOps.extractPatches(volumes(), 2, 2, 2));
    c.put("patches_3d_strides1_same", () -> ImageOps.extractPatches(volumes(),
        new int[] {2, 3, 2}, new int[] {1}, new int[] {1}, "same"));
    c.put("patches_3d_dilation2", () -> ImageOps.extractPatches(volumes(),
        new int[] {2, 2, 2}, new int[] {1}, new int[] {2}, "valid"));
    c.put("patches_3d_unbatched", () -> ImageOps.extractPatches(take(volumes(), 1, 0),
        new int[] {3, 2, 2}, new int[] {1, 2, 2}, new int[] {1}, "valid"));
    c.put("patches_3d_cube", () -> ImageOps.extractPatches3d(volumes(), new int[] {2},
        new int[] {1}, new int[] {1}, "same"));
    return c;
  }

  static Map<String, Object> expected() throws IOException {
    return OpsTest.expected("image_ops_expected.json");
  }

  @Test
  void everyFixtureCaseHasAJavaCaseAndBack() throws IOException {
    java.util.Set<String> names = new java.util.TreeSet<>(cases().keySet());
    names.add("layer_patch_shuffle");
    assertEquals(expected().keySet(), names);
  }

  @TestFactory
  Stream<DynamicTest> eachOpMatchesKerasEagerly() throws IOException {
    Map<String, Object> expected = expected();
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
        () -> OpsTest.check(e.getKey(), expected.get(e.getKey()), e.getValue().get())));
  }

  @Test
  void everyOpMatchesKerasInsideATracedFunction() throws IOException {
    OpsTest.checkTraced(cases(), expected());
  }

  /** A layer whose call is {@code depth_to_space(extract_patches(x, 2, strides 1), 2)}. */
  static final class PatchShuffle extends Layer {
    PatchShuffle(LayerArg... args) {
      super(args);
    }

    @Override
    protected KerasTensor call(KerasTensor inputs, boolean training) {
      return depthToSpace(ImageOps.extractPatches(inputs, new int[] {2}, new int[] {1},
          new int[] {1}, "valid"), 2);
    }
  }

  @Test
  void theOpsRunInsideALayersCallWithAnUnknownBatch() throws IOException {
    KerasTensor in = Input.shape(5, 6, 2);
    try (Model model = new Model(in, new PatchShuffle().apply(in))) {
      FloatNdArray y = model.predict(images().numpy());
      OpsTest.check("layer_patch_shuffle", expected().get("layer_patch_shuffle"),
          KerasTensor.constant(y));
    }
  }

  @Test
  void badBlockSizesRanksAndPatchesSayWhatIsWrong() {
    assertEquals("ops.depth_to_space: `block_size` must be at least 2. Received: block_size=1",
        OpsTest.message(() -> depthToSpace(grid(1, 2, 2, 4), 1)));
    assertEquals("ops.depth_to_space: the number of channels (6) must be divisible by"
        + " block_size**2 (4)", OpsTest.message(() -> depthToSpace(grid(1, 2, 2, 6), 2)));
    assertEquals("ops.space_to_depth: requires a 4D input tensor (batch, height, width,"
        + " channels). Received: x.shape=(4, 6, 2)",
        OpsTest.message(() -> spaceToDepth(grid(4, 6, 2), 2)));
    assertEquals("ops.space_to_depth: Width (5) must be divisible by block_size (2)",
        OpsTest.message(() -> spaceToDepth(grid(1, 4, 5, 1), 2)));
    assertTrue(OpsTest.message(() -> depthToSpace(grid(1, 2, 2, 4), 2, "nchw"))
        .contains("channels_first"));
    String both = OpsTest.message(() -> ImageOps.extractPatches(images(), new int[] {2},
        new int[] {2}, new int[] {2}, "valid"));
    assertTrue(both.contains("`strides > 1` not supported in conjunction with"), both);
    String big = OpsTest.message(() -> ImageOps.extractPatches(images(), 6, 2));
    assertTrue(big.startsWith("ops.image.extract_patches: the patch [6, 2]")
        && big.contains("(2, 5, 6, 2)"), big);
    String rank = OpsTest.message(() -> ImageOps.extractPatches(grid(5, 6), 2));
    assertTrue(rank.contains("(h, w, c) or (batch, h, w, c)"), rank);
    assertTrue(OpsTest.message(() -> ImageOps.extractPatches(images(), 2, 2, 2, 2))
        .contains("size must be one int"));
    assertTrue(OpsTest.message(() -> ImageOps.extractPatches(images(), new int[] {2},
        new int[] {1, 1, 1}, new int[] {1}, "valid")).contains("strides must be one positive"));
    assertTrue(OpsTest.message(() -> ImageOps.extractPatches(images(), new int[] {2},
        null, new int[] {1}, "full")).contains("\"valid\" or \"same\""));
    assertTrue(OpsTest.message(() -> ImageOps.extractPatches(images(), 0, 2))
        .contains("size must be one positive int"));
    assertTrue(OpsTest.message(() -> ImageOps.extractPatches3d(volumes(), 2, 2))
        .contains("extract_patches_3d: size must be one int or (depth, height, width)"));
    // Volumes go through a convolution, which takes float32 only and says how to cast.
    String ints = assertThrows(IllegalArgumentException.class, () -> ImageOps.extractPatches(
        grid("int32", 1, 2, 2, 2, 1), 2, 2, 2)).getMessage();
    assertTrue(ints.contains("int32"), ints);
  }
}
