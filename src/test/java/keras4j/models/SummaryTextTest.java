package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import keras4j.layers.Dense;
import org.junit.jupiter.api.Test;

/**
 * summary() prints Keras's text (make_summary_fixtures.py, Keras 3.15.1 in 80 columns): the
 * "Optimizer params" line and its share of the total once a model has trained, and "name (Type)"
 * cells too long for their column wrapped onto a second row, a too long word cut with "…".
 */
class SummaryTextTest {
  private static String fixture(String name) throws IOException {
    try (InputStream in = SummaryTextTest.class.getResourceAsStream("/keras4j/models/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void trainedModelCountsItsOptimizer() throws IOException {
    try (Sequential model = new Sequential(List.of(new Dense(16, inputShape(8),
        activation("relu"), name("dense")), new Dense(3, name("dense_1"))), name("trained"))) {
      model.compile(optimizer("adam"), loss("mse"));
      model.fit(new float[4][8], new float[4][3], epochs(1), verbose(0));
      assertEquals(fixture("summary_trained.txt"), model.summaryText());
    }
  }

  @Test
  void longNamesWrapAsKeras() throws IOException {
    try (Sequential model = new Sequential(List.of(
        new Dense(5, inputShape(4), name("a_rather_long_dense_layer_name_for_the_table")),
        new Dense(2, name("short")), new Dense(1, name("x".repeat(70)))), name("long_names"))) {
      assertEquals(fixture("summary_long_names.txt"), model.summaryText());
    }
  }

  @Test
  void wrapsAsRich() {
    // Expected lines from rich.text.Text(s).wrap(console, 31, overflow="ellipsis"), rich 15.0.0.
    assertEquals(List.of("abcdefghijklmnopqrstuvwxyz0123", "(Dense)"),
        Summary.wrap("abcdefghijklmnopqrstuvwxyz0123 (Dense)", 31));
    assertEquals(List.of("abcdefghijklmnopqrstuvw (Dense)"),
        Summary.wrap("abcdefghijklmnopqrstuvw (Dense)", 31));
    assertEquals(List.of("a b c d e f g h i j k l m n o p", "q r s t u v w x y z (Dense)"),
        Summary.wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z (Dense)", 31));
    assertEquals(List.of("abcdefghijklmnopqrstuvwxyz0123…", "(BatchNormalizationWithAVeryLo…"),
        Summary.wrap("abcdefghijklmnopqrstuvwxyz0123456789 (BatchNormalizationWithAVeryLongName)",
            31));
  }
}
