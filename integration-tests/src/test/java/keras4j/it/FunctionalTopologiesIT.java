package keras4j.it;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static keras4j.it.TutorialNetworksIT.assertAccuracy;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keras4j.core.KerasTensor;
import keras4j.datasets.BreastCancer;
import keras4j.datasets.Digits;
import keras4j.datasets.FashionMnist;
import keras4j.layers.Add;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.Multiply;
import keras4j.layers.Normalization;
import keras4j.layers.Subtract;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;

/**
 * Functional models that branch, trained with {@code fit} on real data to a test accuracy: a
 * residual CNN, a model of two inputs, one of two outputs with lossWeights, a siamese model with
 * a shared encoder, and a frozen nested base fine-tuned after {@code setTrainable(true)}.
 */
class FunctionalTopologiesIT {
  @BeforeEach
  void seed() {
    RandomSeed.set(1234);
  }

  private static float[][] digitsX(FloatNdArray x) {
    return StdArrays.array2dCopyOf(divide(x, 16.0));
  }

  @Test
  void residualCnnWithAddSkipsOnFashionMnist() {
    var data = FashionMnist.loadData();
    // A subset keeps it short: 8000 images to train on, 2000 to test.
    var x = divide(reshape(data.xTrain(), -1, 28, 28, 1), 255.0).slice(Indices.range(0, 8000));
    var y = data.yTrain().slice(Indices.range(0, 8000));
    var xTest = divide(reshape(data.xTest(), -1, 28, 28, 1), 255.0).slice(Indices.range(0, 2000));
    var yTest = data.yTest().slice(Indices.range(0, 2000));
    var inputs = Input.shape(28, 28, 1);
    var stem = new Conv2D(16, 3, padding("same"), activation("relu")).apply(inputs);
    var block = new Conv2D(16, 3, padding("same"), activation("relu")).apply(stem);
    block = new Conv2D(16, 3, padding("same")).apply(block);
    var residual = new Add().apply(stem, block); // the skip: stem + block(stem)
    var pooled = new MaxPooling2D(poolSize(4)).apply(residual);
    var outputs = new Dense(10, activation("softmax")).apply(new Flatten().apply(pooled));
    try (var model = new Model(inputs, outputs)) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      model.fit(x, y, epochs(3), batchSize(64), verbose(2));
      assertAccuracy(0.80, model.evaluate(xTest, yTest, verbose(0)).get("accuracy"),
          "residual CNN, Fashion-MNIST subset, 3 epochs");
    }
  }

  @Test
  void twoInputsOnTwoFeatureGroupsOfBreastCancer() {
    var data = BreastCancer.loadData();
    // The 30 features are 10 measurements' means (0-9), standard errors and worst values (10-29).
    var means = data.xTrain().slice(Indices.all(), Indices.range(0, 10));
    var rest = data.xTrain().slice(Indices.all(), Indices.range(10, 30));
    var normMeans = new Normalization(name("norm_means"));
    normMeans.adapt(means);
    var normRest = new Normalization(name("norm_rest"));
    normRest.adapt(rest);
    var meanInput = Input.named("means", 10);
    var restInput = Input.named("rest", 20);
    var joined = new Add().apply(
        new Dense(16, activation("relu")).apply(normMeans.apply(meanInput)),
        new Dense(16, activation("relu")).apply(normRest.apply(restInput)));
    var outputs = new Dense(1, activation("sigmoid")).apply(joined);
    try (var model = new Model(List.of(meanInput, restInput), outputs)) {
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      model.fit(Map.of("means", means, "rest", rest), data.yTrain(), epochs(40), verbose(0));
      double accuracy = model.evaluate(List.of(
          data.xTest().slice(Indices.all(), Indices.range(0, 10)),
          data.xTest().slice(Indices.all(), Indices.range(10, 30))), data.yTest(), verbose(0))
          .get("accuracy");
      assertAccuracy(0.93, accuracy, "two-input model, breast cancer");
    }
  }

  @Test
  void twoOutputsWithLossWeightsOnDigits() {
    var data = Digits.loadData();
    int[] digit = StdArrays.array1dCopyOf(data.yTrain());
    float[] large = new float[digit.length]; // second task: is the digit 5 or more?
    for (int i = 0; i < digit.length; i++) {
      large[i] = digit[i] >= 5 ? 1 : 0;
    }
    int[] testDigit = StdArrays.array1dCopyOf(data.yTest());
    float[] testLarge = new float[testDigit.length];
    for (int i = 0; i < testDigit.length; i++) {
      testLarge[i] = testDigit[i] >= 5 ? 1 : 0;
    }
    var inputs = Input.shape(64);
    var hidden = new Dense(64, activation("relu")).apply(inputs);
    var digitOut = new Dense(10, activation("softmax"), name("digit")).apply(hidden);
    var largeOut = new Dense(1, activation("sigmoid"), name("large")).apply(hidden);
    try (var model = new Model(inputs, List.of(digitOut, largeOut))) {
      model.compile(optimizer("adam"),
          loss(List.of("sparse_categorical_crossentropy", "binary_crossentropy")),
          lossWeights(1.0, 0.5), metrics(List.of("accuracy"), List.of("accuracy")));
      var history = model.fit(digitsX(data.xTrain()), List.of(digit, large), epochs(30),
          verbose(0), validationSplit(0.1)).history();
      // Sorted, as Keras's callbacks (and so its History) get them.
      assertEquals(List.of("digit_accuracy", "digit_loss", "large_accuracy", "large_loss", "loss",
          "val_digit_accuracy", "val_digit_loss", "val_large_accuracy", "val_large_loss",
          "val_loss"), List.copyOf(history.keySet()));
      // The total is the weighted sum of the outputs' losses (no regularization here).
      int last = history.get("loss").size() - 1;
      assertEquals(history.get("val_digit_loss").get(last)
              + 0.5 * history.get("val_large_loss").get(last),
          history.get("val_loss").get(last), 1e-4);
      var evaluated = model.evaluate(digitsX(data.xTest()), List.of(testDigit, testLarge),
          verbose(0));
      assertAccuracy(0.93, evaluated.get("digit_accuracy"), "two-output model, digit head");
      assertAccuracy(0.93, evaluated.get("large_accuracy"), "two-output model, >= 5 head");
    }
  }

  /** Pairs of Digits images, half of the same digit (label 1), half of different digits. */
  private record Pairs(float[][] left, float[][] right, float[] same) {
    static Pairs of(float[][] x, int[] y, int count, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      List<List<Integer>> byDigit = new ArrayList<>();
      for (int d = 0; d < 10; d++) {
        byDigit.add(new ArrayList<>());
      }
      for (int i = 0; i < y.length; i++) {
        byDigit.get(y[i]).add(i);
      }
      float[][] left = new float[count][];
      float[][] right = new float[count][];
      float[] same = new float[count];
      for (int k = 0; k < count; k++) {
        int i = random.nextInt(y.length);
        int j;
        if (k % 2 == 0) {
          List<Integer> mates = byDigit.get(y[i]);
          j = mates.get(random.nextInt(mates.size()));
          same[k] = 1;
        } else {
          do {
            j = random.nextInt(y.length);
          } while (y[j] == y[i]);
        }
        left[k] = x[i];
        right[k] = x[j];
      }
      return new Pairs(left, right, same);
    }
  }

  @Test
  void siameseWithASharedEncoderOnDigitPairs() {
    var data = Digits.loadData();
    Pairs train = Pairs.of(digitsX(data.xTrain()), StdArrays.array1dCopyOf(data.yTrain()), 6000, 1);
    Pairs test = Pairs.of(digitsX(data.xTest()), StdArrays.array1dCopyOf(data.yTest()), 2000, 2);
    var encoder = new Dense(32, activation("relu"), name("encoder"));
    var left = Input.named("left", 64);
    var right = Input.named("right", 64);
    KerasTensor a = encoder.apply(left);
    KerasTensor b = encoder.apply(right); // the same layer: one set of weights for both
    var difference = new Subtract().apply(a, b);
    var squared = new Multiply().apply(difference, difference);
    var outputs = new Dense(1, activation("sigmoid")).apply(squared);
    try (var model = new Model(List.of(left, right), outputs)) {
      assertEquals(2, encoder.inboundNodes().size());
      assertEquals(4, model.trainableVariables().size()); // encoder's 2 and the head's 2
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      model.fit(List.of(train.left(), train.right()), train.same(), epochs(15), verbose(0));
      assertAccuracy(0.90, model.evaluate(Map.of("left", test.left(), "right", test.right()),
          test.same(), verbose(0)).get("accuracy"), "siamese model, Digits pairs");
    }
  }

  /** The base's weights, each as its values' text. */
  private static List<String> weights(Sequential base) {
    return base.getWeights().stream().map(w -> {
      float[] values = new float[(int) w.size()];
      w.copyTo(DataBuffers.of(values, false, false));
      return Arrays.toString(values);
    }).toList();
  }

  @Test
  void frozenNestedBaseThenFineTuned() {
    var data = Digits.loadData();
    float[][] x = digitsX(data.xTrain());
    float[][] xTest = digitsX(data.xTest());
    int[] y = StdArrays.array1dCopyOf(data.yTrain());
    // Pretrain the base on the digits 0-4 only, as a base trained on another task.
    int[] lowIndex = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] < 5).toArray();
    float[][] xLow = Arrays.stream(lowIndex).mapToObj(i -> x[i]).toArray(float[][]::new);
    int[] yLow = Arrays.stream(lowIndex).map(i -> y[i]).toArray();
    var base = new Sequential(new Dense(32, activation("relu"), inputShape(64)),
        new Dense(32, activation("relu")));
    try (var pretrain = new Sequential(base, new Dense(5, activation("softmax")))) {
      pretrain.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      pretrain.fit(xLow, yLow, epochs(20), verbose(0));
    }
    // All ten digits on top of the frozen base, called in inference mode as in Keras's guide.
    var inputs = Input.shape(64);
    var outputs = new Dense(10, activation("softmax")).apply(base.apply(inputs, false));
    try (var model = new Model(inputs, outputs)) {
      base.setTrainable(false);
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      List<String> before = weights(base);
      model.fit(x, y, epochs(20), verbose(0));
      assertEquals(before, weights(base), "the frozen base's weights moved");
      double frozen = model.evaluate(xTest, data.yTest(), verbose(0)).get("accuracy");
      // Features learnt on 0-4 only carry part of the way (about 0.83 here; chance is 0.1).
      assertAccuracy(0.75, frozen, "new head on a frozen base");

      base.setTrainable(true);
      model.compile(optimizer(new Adam(5e-4)), loss("sparse_categorical_crossentropy"),
          metrics("accuracy"));
      model.fit(x, y, epochs(20), verbose(0));
      assertNotEquals(before, weights(base),
          "fine-tuning did not move the base's weights");
      // Unfrozen, the base adapts to all ten digits.
      assertAccuracy(Math.max(0.9, frozen + 0.03),
          model.evaluate(xTest, data.yTest(), verbose(0)).get("accuracy"),
          "fine-tuned base and head");
    }
  }
}
