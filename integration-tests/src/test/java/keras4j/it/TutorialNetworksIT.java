package keras4j.it;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;
import static keras4j.utils.ArrayOps.toCategorical;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.datasets.BreastCancer;
import keras4j.datasets.Dataset;
import keras4j.datasets.Digits;
import keras4j.datasets.FashionMnist;
import keras4j.datasets.Iris;
import keras4j.layers.Dense;
import keras4j.layers.Input;
import keras4j.layers.Normalization;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The tutorial networks trained end to end on real data, with the accuracy each must reach.
 * Fashion-MNIST comes from Debian's dataset-fashion-mnist package (.ci/run installs it).
 */
class TutorialNetworksIT {
  private static FloatNdArray xTrain;
  private static FloatNdArray xTest;
  private static Dataset<?, IntNdArray> fashion;

  @BeforeAll
  static void loadFashionMnist() {
    var data = FashionMnist.loadData();
    fashion = data;
    xTrain = divide(reshape(data.xTrain(), -1, 784), 255.0);
    xTest = divide(reshape(data.xTest(), -1, 784), 255.0);
  }

  @BeforeEach
  void seed() {
    RandomSeed.set(1234);
  }

  /** Prints the accuracy reached and fails if it is below {@code minimum}; the ITs share it. */
  static void assertAccuracy(double minimum, double accuracy, String what) {
    System.out.printf("%s: test accuracy %.4f (needs %.2f)%n", what, accuracy, minimum);
    assertTrue(accuracy >= minimum, what + " reached only " + accuracy);
  }

  @Test
  void script4SequentialOnFashionMnist() {
    try (var model = new Sequential(
        new Dense(64, activation("relu"), inputShape(784)),
        new Dense(64, activation("relu")),
        new Dense(10, activation("softmax")))) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      model.fit(xTrain, fashion.yTrain(), epochs(5), verbose(2));
      assertAccuracy(0.85, model.evaluate(xTest, fashion.yTest(), verbose(0)).get("accuracy"),
          "script 4 network, Fashion-MNIST, 5 epochs");
    }
  }

  @Test
  void script1FunctionalOnFashionMnist() {
    var inputLayer = Input.shape(784);
    var hiddenLayer = new Dense(128, activation("relu")).apply(inputLayer);
    var outputLayer = new Dense(10, activation("softmax")).apply(hiddenLayer);
    try (var model = new Model(inputLayer, outputLayer)) {
      model.compile(optimizer("adam"), loss("categorical_crossentropy"), metrics("accuracy"));
      model.fit(xTrain, toCategorical(fashion.yTrain(), 10), epochs(10), batchSize(128),
          verbose(2));
      double accuracy = model.evaluate(xTest, toCategorical(fashion.yTest(), 10), verbose(0))
          .get("accuracy");
      assertAccuracy(0.86, accuracy, "script 1 network, Fashion-MNIST, 10 epochs");
    }
  }

  @Test
  void digits() {
    var data = Digits.loadData();
    try (var model = new Sequential(
        new Dense(64, activation("relu"), inputShape(64)),
        new Dense(10, activation("softmax")))) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      model.fit(divide(data.xTrain(), 16.0), data.yTrain(), epochs(30), verbose(0));
      assertAccuracy(0.95, model.evaluate(divide(data.xTest(), 16.0), data.yTest(), verbose(0))
          .get("accuracy"), "Digits MLP");
    }
  }

  @Test
  void breastCancer() {
    var data = BreastCancer.loadData();
    var normalizer = new Normalization(inputShape(30));
    normalizer.adapt(data.xTrain());
    try (var model = new Sequential(normalizer, new Dense(10, activation("relu")),
        new Dense(1, activation("sigmoid")))) {
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      model.fit(data.xTrain(), data.yTrain(), epochs(50), verbose(0));
      assertAccuracy(0.93, model.evaluate(data.xTest(), data.yTest(), verbose(0))
          .get("accuracy"), "breast cancer, script 2 network");
    }
  }

  /** Tutorial script 3's subclassed MLP, on Iris. */
  static final class Mlp extends Model {
    private final Dense hiddenLayer = new Dense(16, activation("relu"));
    private final Dense outputLayer = new Dense(3, activation("softmax"));

    @Override
    public keras4j.core.KerasTensor call(keras4j.core.KerasTensor inputs) {
      return outputLayer.apply(hiddenLayer.apply(inputs));
    }
  }

  @Test
  void subclassedModelTrains() {
    var data = Iris.loadData();
    try (var mlp = new Mlp()) {
      mlp.compile(optimizer(new keras4j.optimizers.SGD(0.1)),
          loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      // 200 epochs: on the raw features, SGD at 0.1 for 100 epochs reached 0.77-0.97 over seeds
      // 1230-1239 (4 of 10 below 0.90); 200 epochs reached 0.90-0.97 on all ten.
      var history = mlp.fit(data.xTrain(), data.yTrain(), epochs(200), batchSize(16), verbose(0));
      var losses = history.history().get("loss");
      assertTrue(losses.get(199) < 0.5 * losses.get(0), "loss did not halve: " + losses);
      assertAccuracy(0.9, mlp.evaluate(data.xTest(), data.yTest(), verbose(0)).get("accuracy"),
          "subclassed MLP, Iris");
    }
  }
}
