package keras4j.applications;

import static keras4j.Keras.*;

import java.nio.file.Path;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;

class TmpExportTest {
  @Test
  void export() {
    try (Model m = MobileNetV2.build(weights("none"), alpha(0.35), inputShape(96, 96, 3),
        classes(5))) {
      m.save(Path.of("/tmp/h10_mnv2.keras"));
    }
    try (Model m = EfficientNetB0.build(weights("none"), inputShape(64, 64, 3), classes(3))) {
      m.save(Path.of("/tmp/h10_effb0.keras"));
    }
    try (Model m = ResNet50.build(weights("none"), inputShape(32, 32, 3), includeTop(false),
        pooling("avg"))) {
      m.save(Path.of("/tmp/h10_resnet.keras"));
    }
  }
}
