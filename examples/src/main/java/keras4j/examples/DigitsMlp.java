package keras4j.examples;

import static keras4j.Keras.*;

import java.nio.file.Path;
import keras4j.callbacks.History;
import keras4j.datasets.Digits;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;
import keras4j.visualization.Plots;
import java.util.Map;

/**
 * The README's main job: an MLP on the UCI handwritten digits that ship inside keras4j (8x8
 * images, 10 classes), trained offline in seconds; prints the test accuracy and writes the
 * training curves to {@code target/digits_mlp_training.png}.
 */
public final class DigitsMlp {
  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = Digits.loadData();
    var xTrain = ArrayOps.divide(data.xTrain(), 16.0);
    var xTest = ArrayOps.divide(data.xTest(), 16.0);

    try (var model = new Sequential(
        new Dense(64, activation("relu"), inputShape(64)),
        new Dense(10, activation("softmax")))) {
      model.summary();
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      History history =
          model.fit(xTrain, data.yTrain(), epochs(30), batchSize(32), verbose(2));
      Map<String, Double> scores = model.evaluate(xTest, data.yTest(), verbose(0));
      System.out.println("Test accuracy: " + scores.get("accuracy"));
      Path curves = Path.of("target", "digits_mlp_training.png");
      Plots.trainingCurves(history, curves);
      System.out.println("Training curves: " + curves);
    }
  }
}
