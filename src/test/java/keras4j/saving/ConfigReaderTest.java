package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every config value is read with its type checked, and a bad one names its JSON path. */
class ConfigReaderTest {
  private static final ConfigReader LAYER = ConfigReader.of(Json.parseObject("{\"config\":"
      + " {\"units\": 3, \"big\": 2147483648, \"half\": 1.5, \"name\": 5, \"padding\": 5,"
      + " \"use_bias\": \"yes\", \"kernel_size\": [3, 2], \"bad_sizes\": [3, \"a\"],"
      + " \"batch_shape\": [null, 4, 2], \"empty_shape\": [], \"only_batch\": [null],"
      + " \"unknown_dim\": [null, null], \"zero_dim\": [null, 0], \"rate\": 0.5, \"seed\": 7, \"nothing\": null}}", "t"),
      "config.layers[1]").object("config");

  private static void fails(Consumer<ConfigReader> read, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> read.accept(LAYER));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment),
          "message should contain '" + fragment + "': " + e.getMessage());
    }
  }

  @Test
  void readsWellTypedValuesAndFallsBackOnAbsentOrNullOnes() {
    assertEquals(3, LAYER.intValue("units"));
    assertEquals(9, LAYER.intValue("missing", 9));
    assertEquals(9, LAYER.intValue("nothing", 9));
    assertEquals(0.5, LAYER.doubleValue("rate", 0));
    assertEquals(3.0, LAYER.doubleValue("units", 0));
    assertEquals(7L, LAYER.longValue("seed", 0));
    assertEquals("valid", LAYER.string("missing", "valid"));
    assertTrue(LAYER.bool("missing", true));
    assertArrayEquals(new int[] {3, 2}, LAYER.ints("kernel_size"));
    assertArrayEquals(new int[] {3}, LAYER.ints("units"));
    assertArrayEquals(new long[] {4, 2}, LAYER.sampleShape("batch_shape"));
    assertArrayEquals(new long[] {-1, -1}, LAYER.shape("unknown_dim"));
    assertNull(LAYER.sampleShape("missing"));
    assertEquals("config.layers[1].config.units", LAYER.path("units"));
  }

  @Test
  void integersOutsideTheIntRangeOrWithFractionsAreRefused() {
    fails(c -> c.intValue("big"), "config.layers[1].config.big", "below 2^31", "2147483648");
    fails(c -> c.intValue("half"), "config.layers[1].config.half", "an integer", "1.5");
    fails(c -> c.intValue("use_bias"), "an integer");
    fails(c -> c.longValue("half", 0), "config.layers[1].config.half", "an integer");
    fails(c -> c.intValue("missing"), "config.layers[1].config.missing", "an integer", "null");
  }

  @Test
  void valuesOfTheWrongTypeAreRefusedNamingPathAndExpectation() {
    fails(c -> c.string("name"), "config.layers[1].config.name", "a string", "got 5");
    fails(c -> c.string("padding", "valid"), "config.layers[1].config.padding", "a string");
    fails(c -> c.bool("use_bias", true), "config.layers[1].config.use_bias", "true or false",
        "\"yes\"");
    fails(c -> c.doubleValue("use_bias", 0), "a number");
    fails(c -> c.ints("bad_sizes"), "config.layers[1].config.bad_sizes", "an integer");
    fails(c -> c.ints("use_bias"), "an integer or a list of integers");
    fails(c -> c.object("units"), "config.layers[1].config.units", "a JSON object");
    fails(c -> c.list("units"), "a list");
    fails(c -> c.shape("units"), "a shape");
  }

  @Test
  void batchShapesNeedPositiveOrUnknownSampleDimensions() {
    fails(c -> c.sampleShape("empty_shape"), "config.layers[1].config.empty_shape",
        "every sample dimension positive or null", "[]");
    fails(c -> c.sampleShape("only_batch"), "every sample dimension positive or null");
    fails(c -> c.sampleShape("zero_dim"), "every sample dimension positive or null", "[null, 0]");
    assertArrayEquals(new long[] {-1}, LAYER.sampleShape("unknown_dim"));
  }

  @Test
  void anObjectIsRequiredAtTheTop() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigReader.of(java.util.List.of(1), "config.json"));
    assertTrue(e.getMessage().contains("config.json should be a JSON object"), e.getMessage());
  }

  @Test
  void withReplacesOneKeyInACopy() {
    ConfigReader changed = LAYER.with("units", 4L);
    assertEquals(4, changed.intValue("units"));
    assertEquals(3, LAYER.intValue("units"));
    assertEquals(LAYER.path(), changed.path());
  }
}
