package keras4j.examples;

import static keras4j.Keras.*;

import java.util.Map;
import keras4j.datasets.BreastCancer;
import keras4j.layers.Dense;
import keras4j.layers.Normalization;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;

/**
 * Tutorial script 2's network shape (Dense 10 relu, Dense 1 sigmoid, Adam, binary crossentropy) on
 * a real binary task: the Wisconsin breast-cancer data built into keras4j (30 features).
 */
public final class BreastCancerBinary {
  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = BreastCancer.loadData();
    var normalizer = new Normalization(inputShape(30));
    normalizer.adapt(data.xTrain());

    try (var model = new Sequential()) {
      model.add(normalizer);
      model.add(new Dense(10, activation("relu")));
      model.add(new Dense(1, activation("sigmoid")));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      model.fit(data.xTrain(), data.yTrain(), batchSize(32), epochs(50), verbose(2));
      Map<String, Double> scores = model.evaluate(data.xTest(), data.yTest(), verbose(0));
      System.out.println("Test accuracy: " + scores.get("accuracy"));
    }
  }
}
