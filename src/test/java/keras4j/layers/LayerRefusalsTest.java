package keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import keras4j.models.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files keras4j must refuse rather than compute wrongly (written by make_layer_fixtures.py): a
 * Python class registered as {@code custom>Dense}, which doubles Dense's output, is not loaded as
 * keras4j's Dense (it was, before); an int8-quantized Dense is not loaded as a float one; an
 * IntegerLookup hashing out-of-vocabulary integers ({@code oov_method="farmhash"}) is
 * not silently looked up by floormod.
 */
class LayerRefusalsTest {
  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(LayerRefusalsTest.class.getResource("/keras4j/layers/" + name).toURI());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "refused_custom_dense.keras, custom>Dense, ObjectRegistration.registerKerasSerializable",
      "refused_custom_dense.h5, custom>Dense, ObjectRegistration.registerKerasSerializable",
      "refused_int8_dense.keras, QuantizedDTypePolicy, before model.quantize",
      "refused_farmhash_lookup.keras, oov_method=farmhash, floormod",
  })
  void isRefusedWithTheReasonAndTheFix(String file, String reason, String fix) throws Exception {
    Path path = fixture(file);
    var error = assertThrows(IllegalArgumentException.class, () -> Models.loadModel(path));
    assertTrue(error.getMessage().contains(reason), error.getMessage());
    assertTrue(error.getMessage().contains(fix), error.getMessage());
  }
}
