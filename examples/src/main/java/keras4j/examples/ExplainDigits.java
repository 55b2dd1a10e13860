package keras4j.examples;

import static keras4j.Keras.*;

import java.nio.file.Path;
import keras4j.datasets.Digits;
import keras4j.explain.IntegratedGradients;
import keras4j.explain.PathAttributions;
import keras4j.explain.Target;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;
import keras4j.visualization.Plots;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.index.Indices;

/**
 * Integrated gradients on a digits image: trains {@link DigitsMlp}'s network, explains its
 * prediction for the first test image (64 steps from a black image), prints the completeness
 * check and writes {@code target/explain/digits_ig_heatmap.png} (attributions, red for evidence
 * for the class, blue against) and {@code digits_ig_overlay.png} (their magnitude over the image).
 */
public final class ExplainDigits {
  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = Digits.loadData();
    var xTrain = ArrayOps.divide(data.xTrain(), 16.0);
    var xTest = ArrayOps.divide(data.xTest(), 16.0);
    Path out = Path.of("target", "explain");

    try (var model = new Sequential(
            new Dense(64, activation("relu"), inputShape(64)),
            new Dense(10, activation("softmax")));
        var ig = new IntegratedGradients(model).steps(64)) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      model.fit(xTrain, data.yTrain(), epochs(30), batchSize(32), verbose(0));
      FloatNdArray image = xTest.slice(Indices.range(0, 1));
      PathAttributions a = ig.explain(image, Target.predicted());
      System.out.printf("Predicted %d (label %d) with p = %.4f; from the black image p = %.4f%n",
          a.targets()[0], data.yTest().getInt(0), a.scores()[0], a.baselineScores()[0]);
      System.out.printf("Completeness: sum of attributions - (f(x) - f(baseline)) = %.2e%n",
          a.completenessError()[0]);
      // The digits are 8x8 images stored as 64 features: draw them as images.
      var images = ArrayOps.reshape(image, 1, 8, 8);
      var pixels = a.reshape(8, 8);
      Plots.heatmap(pixels, 0, out.resolve("digits_ig_heatmap.png"));
      Plots.overlay(images, pixels, 0, out.resolve("digits_ig_overlay.png"));
      System.out.println("Pictures in " + out);
    }
  }
}
