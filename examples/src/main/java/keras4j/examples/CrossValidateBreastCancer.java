package keras4j.examples;

import static keras4j.Keras.*;

import java.util.ArrayList;
import java.util.List;
import keras4j.data.Fold;
import keras4j.data.StratifiedKFold;
import keras4j.datasets.BreastCancer;
import keras4j.layers.Dense;
import keras4j.layers.Normalization;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * 5-fold cross-validation of the breast-cancer model ({@code BreastCancerBinary}'s network) on
 * all its samples: each fold trains a new model on four fifths (stratified: the same share of
 * malignant cases in every fold) and scores the fifth; prints each fold's accuracy and the mean
 * ± standard deviation, the tutorials' measure of how well the model generalises.
 */
public final class CrossValidateBreastCancer {
  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = BreastCancer.loadData();
    // Cross-validation folds all the samples: the loader's train and test parts together.
    float[][] x = Stream.concat(Arrays.stream(StdArrays.array2dCopyOf(data.xTrain())),
        Arrays.stream(StdArrays.array2dCopyOf(data.xTest()))).toArray(float[][]::new);
    int[] y = IntStream.concat(Arrays.stream(StdArrays.array1dCopyOf(data.yTrain())),
        Arrays.stream(StdArrays.array1dCopyOf(data.yTest()))).toArray();

    List<Double> accuracies = new ArrayList<>();
    List<Fold> folds = new StratifiedKFold(5, true, 42).split(y);
    for (int k = 0; k < folds.size(); k++) {
      Fold fold = folds.get(k);
      FloatNdArray xTrain = Fold.take(x, fold.train());
      var normalizer = new Normalization(inputShape(30));
      normalizer.adapt(xTrain);
      try (var model = new Sequential(normalizer, new Dense(10, activation("relu")),
          new Dense(1, activation("sigmoid")))) {
        model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
        model.fit(xTrain, Fold.take(y, fold.train()), epochs(50), batchSize(32), verbose(0));
        double accuracy = model.evaluate(Fold.take(x, fold.test()), Fold.take(y, fold.test()),
            verbose(0)).get("accuracy");
        accuracies.add(accuracy);
        System.out.printf("fold %d: %d test samples, accuracy %.4f%n", k + 1, fold.test().length,
            accuracy);
      }
    }
    double mean = accuracies.stream().mapToDouble(a -> a).average().orElseThrow();
    double variance = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
        / accuracies.size();
    System.out.printf("5-fold accuracy: %.4f ± %.4f%n", mean, Math.sqrt(variance));
  }
}
