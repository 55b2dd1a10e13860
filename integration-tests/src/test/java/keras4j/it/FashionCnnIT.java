package keras4j.it;

import static keras4j.Keras.*;
import static keras4j.it.TutorialNetworksIT.assertAccuracy;

import keras4j.datasets.FashionMnist;
import keras4j.examples.FashionCnn;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

/**
 * The {@link FashionCnn} example trained on all of Fashion-MNIST: augmentation,
 * BatchNormalization, GlobalAveragePooling2D and Dropout together reach 0.91 test accuracy.
 * Seeded runs here reached 0.9150 in 8 epochs, twice with identical losses (282 s on 2 quiet
 * cores, 454 s shared with other jobs); 6 epochs of the same network reached 0.9091, so the
 * threshold holds only with all 8.
 */
class FashionCnnIT {
  @Test
  void smallCnnReachesNinetyOnePercent() {
    RandomSeed.set(1234);
    var data = FashionMnist.loadData();
    int epochs = FashionCnn.EPOCHS;
    try (var model = FashionCnn.build(epochs)) {
      model.fit(FashionCnn.images(data.xTrain()), data.yTrain(), epochs(epochs),
          batchSize(FashionCnn.BATCH_SIZE), verbose(2));
      double accuracy = model.evaluate(FashionCnn.images(data.xTest()), data.yTest(), verbose(0))
          .get("accuracy");
      assertAccuracy(0.91, accuracy, "FashionCnn, Fashion-MNIST, " + epochs + " epochs");
    }
  }
}
