package keras4j.bench;

import static keras4j.Keras.*;

import java.util.ArrayList;
import java.util.List;
import keras4j.datasets.Digits;
import keras4j.explain.IntegratedGradients;
import keras4j.explain.PathAttributions;
import keras4j.explain.Target;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.utils.ArrayOps;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.index.Indices;

/**
 * The explain section: integrated gradients of 100 digits test images at 64 steps (6400
 * gradients) on {@code DigitsMlp}'s network (64-64-10) trained 5 epochs; the median of {@code
 * rounds} runs after one warm-up run (which traces the gradient function).
 */
final class ExplainBench {
  private ExplainBench() {}

  static void run(int rounds) {
    var data = Digits.loadData();
    FloatNdArray images = ArrayOps.divide(data.xTest(), 16.0).slice(Indices.range(0, 100));
    try (var model = new Sequential(new Dense(64, activation("relu"), inputShape(64)),
            new Dense(10, activation("softmax")));
        var ig = new IntegratedGradients(model).steps(64)) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      model.fit(ArrayOps.divide(data.xTrain(), 16.0), data.yTrain(), epochs(5), verbose(0));
      PathAttributions warm = ig.explain(images, Target.predicted());
      List<Double> millis = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        ig.explain(images, Target.predicted());
        millis.add((System.nanoTime() - start) / 1e6);
      }
      double median = Table.median(millis);
      System.out.println();
      System.out.println("### Explain: integrated gradients");
      System.out.println();
      System.out.println("| what | median time | gradients/s | worst completeness error |");
      System.out.println("|---|---|---|---|");
      System.out.println(Table.format("| IG, 100 digits images x 64 steps (64-64-10 MLP) |"
          + " %.0f ms | %.0f | %.2f %% |", median, 6400 / (median / 1000),
          100 * warm.maxRelativeCompletenessError()));
    }
  }
}
