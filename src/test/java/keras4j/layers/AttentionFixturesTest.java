package keras4j.layers;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@link LayerFixturesTest}'s checks (Keras's .keras and .h5 load and predict within 1e-5, one
 * SGD step moves every weight as Keras's, keras4j's saves load back) on the attention fixtures
 * of attention/make_attention_fixtures.py: Attention (dot, scaled, concat, causal, masked, with
 * scores), AdditiveAttention, MultiHeadAttention (value_dim, output_shape, no bias, causal,
 * masked, scores) and a transformer block.
 */
class AttentionFixturesTest extends LayerFixturesTest {
  static Stream<String> cases() throws IOException {
    try {
      Path list = Path.of(AttentionFixturesTest.class
          .getResource("/keras4j/layers/attention/cases.txt").toURI());
      return Files.readAllLines(list).stream().filter(l -> !l.isBlank());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
