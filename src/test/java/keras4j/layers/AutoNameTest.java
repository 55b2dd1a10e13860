package keras4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import keras4j.Keras;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import org.junit.jupiter.api.Test;

/**
 * Automatic layer names as Keras's {@code auto_name}: a name given by the user neither takes nor
 * advances its class's count. The expected names are Keras 3.15.1's for the same sequence:
 * <pre>
 * class NamingProbe(keras.layers.Layer): pass
 * [NamingProbe(name="a").name, NamingProbe().name, NamingProbe(name="naming_probe").name,
 *  NamingProbe().name, NamingProbe(name="naming_probe_1").name, NamingProbe().name,
 *  NamingProbe().name]
 * </pre>
 * The probe class is this test's own, so no other layer in the JVM has advanced its count.
 */
class AutoNameTest {
  /** A layer no other test creates, so its count starts at zero here. */
  static final class NamingProbe extends Layer {
    NamingProbe(LayerArg... args) {
      super(args);
    }

    @Override
    protected KerasTensor call(KerasTensor inputs, boolean training) {
      return inputs;
    }
  }

  @Test
  void givenNamesDoNotAdvanceTheClassCount() {
    List<String> names = Stream.of(new NamingProbe(Keras.name("a")), new NamingProbe(),
        new NamingProbe(Keras.name("naming_probe")), new NamingProbe(),
        new NamingProbe(Keras.name("naming_probe_1")), new NamingProbe(), new NamingProbe())
        .map(Layer::name).toList();
    assertEquals(List.of("a", "naming_probe", "naming_probe", "naming_probe_1", "naming_probe_1",
        "naming_probe_2", "naming_probe_3"), names);
  }
}
