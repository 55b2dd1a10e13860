package keras4j.examples;

import static keras4j.Keras.*;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import keras4j.callbacks.History;
import keras4j.callbacks.TensorBoard;
import keras4j.datasets.BreastCancer;
import keras4j.explain.Importances;
import keras4j.explain.KernelExplainer;
import keras4j.explain.PermutationImportance;
import keras4j.explain.ShapValues;
import keras4j.layers.Dense;
import keras4j.layers.Normalization;
import keras4j.models.Sequential;
import keras4j.utils.RandomSeed;
import keras4j.visualization.Plots;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Explains {@link BreastCancerBinary}'s classifier: which of the 30 features it relies on, by
 * permutation importance on the test set (accuracy) and by Kernel SHAP against 50 training
 * samples, printed and charted; the training is logged for TensorBoard. Writes {@code
 * target/explain/breast_cancer_*.png} and {@code target/explain/logs} ({@code tensorboard --logdir
 * target/explain/logs}).
 */
public final class ExplainBreastCancer {
  /** scikit-learn's {@code load_breast_cancer().feature_names}, in column order. */
  static final List<String> FEATURES = featureNames();

  private static List<String> featureNames() {
    String[] base = {"radius", "texture", "perimeter", "area", "smoothness", "compactness",
        "concavity", "concave points", "symmetry", "fractal dimension"};
    List<String> names = new java.util.ArrayList<>();
    Arrays.stream(base).forEach(b -> names.add("mean " + b));
    Arrays.stream(base).forEach(b -> names.add(b + " error"));
    Arrays.stream(base).forEach(b -> names.add("worst " + b));
    return List.copyOf(names);
  }

  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = BreastCancer.loadData();
    var normalizer = new Normalization(inputShape(30));
    normalizer.adapt(data.xTrain());
    Path out = Path.of("target", "explain");

    try (var model = new Sequential()) {
      model.add(normalizer);
      model.add(new Dense(10, activation("relu")));
      model.add(new Dense(1, activation("sigmoid")));
      model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
      History history = model.fit(data.xTrain(), data.yTrain(), batchSize(32), epochs(50),
          validationSplit(0.2), verbose(0),
          callbacks(new TensorBoard(out.resolve("logs").toString()).histogramFreq(10)));
      System.out.println("Test accuracy: "
          + model.evaluate(data.xTest(), data.yTest(), verbose(0)).get("accuracy"));
      Plots.trainingCurves(history, out.resolve("breast_cancer_training.png"));

      Importances importances = new PermutationImportance(model, "accuracy").repeats(10).seed(0)
          .featureNames(FEATURES).compute(data.xTest(), data.yTest());
      System.out.println("\nPermutation importance (drop in test accuracy), top 10:");
      importances.toString().lines().limit(10).forEach(line -> System.out.println("  " + line));
      Plots.importances(importances, 15, out.resolve("breast_cancer_permutation.png"));

      FloatNdArray background = data.xTrain().slice(org.tensorflow.ndarray.index.Indices.range(0, 50));
      FloatNdArray explained = data.xTest().slice(org.tensorflow.ndarray.index.Indices.range(0, 20));
      KernelExplainer explainer = new KernelExplainer(model, background).featureNames(FEATURES)
          .seed(0);
      ShapValues shap = explainer.shapValues(explained, 500);
      double[] meanAbs = shap.meanAbs(0);
      Integer[] order = new Integer[30];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(meanAbs[b], meanAbs[a]));
      System.out.printf("%nKernel SHAP on 20 test samples (expected value %.4f, additivity error"
          + " %.1e), top 10 by mean |SHAP|:%n", shap.expectedValue()[0], shap.maxAdditivityError());
      for (int i = 0; i < 10; i++) {
        System.out.printf("  %-24s %.4f%n", FEATURES.get(order[i]), meanAbs[order[i]]);
      }
      Plots.shapBars(shap, 0, 15, out.resolve("breast_cancer_shap.png"));
      System.out.println("\nPictures and TensorBoard logs in " + out);
    }
  }
}
