package keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesWhatPythonsJsonWrites() {
    // json.dumps({"a": [1, 2.5, None, True], "b": {"c": "\u00e9\n"}, "d": float("nan"), "e": 1e-07})
    String python = "{\"a\": [1, 2.5, null, true], \"b\": {\"c\": \"\\u00e9\\n\"},"
        + " \"d\": NaN, \"e\": 1e-07}";
    Map<String, Object> m = Json.parseObject(python, "test");
    assertEquals(Arrays.asList(1L, 2.5, null, true), m.get("a"));
    assertEquals(Map.of("c", "é\n"), m.get("b"));
    assertTrue(Double.isNaN((Double) m.get("d")));
    assertEquals(1e-7, m.get("e"));
    assertEquals(List.of("a", "b", "d", "e"), List.copyOf(m.keySet()));
  }

  @Test
  void writesWhatPythonReadsBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", 0.2f);
    m.put("shape", new long[] {3, 4});
    m.put("name", "a \"b\"\t");
    m.put("none", null);
    m.put("lr", 0.001);
    assertEquals("{\"rate\": 0.2, \"shape\": [3, 4], \"name\": \"a \\\"b\\\"\\t\", \"none\": null,"
        + " \"lr\": 0.001}", Json.write(m));
    assertEquals(m.get("name"), Json.parseObject(Json.write(m), "round trip").get("name"));
  }

  @Test
  void errorsNameTheOffset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
    assertTrue(e.getMessage().contains("offset 11"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]", "config"));
  }
}
