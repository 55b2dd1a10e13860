package keras4j.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;

/**
 * Permutation feature importance (Breiman, 2001; scikit-learn's {@code permutation_importance}):
 * how much the score drops when one feature's column is shuffled, breaking its link to the
 * labels, repeated with different shuffles. Model-agnostic: it only predicts. A feature the model
 * ignores scores 0; importances are in the scorer's units, larger meaning more important whether
 * the scorer is a metric (higher is better) or a loss.
 *
 * <pre>{@code
 * Importances imp = new PermutationImportance(model, "accuracy").repeats(10).seed(0)
 *     .compute(xTest, yTest);
 * System.out.println(imp);
 * }</pre>
 *
 * <p>Each sample's features are the values after the batch axis, flattened (the columns of
 * tabular data). Thread-safe once configured if the scorer is.
 */
public final class PermutationImportance {
  private final Predictor predictor;
  private final Scorer scorer;
  private final boolean ownsScorer;
  private int repeats = 5;
  private Long seed;
  private List<String> names;

  /**
   * Importances for {@code model} by the metric or loss called {@code scoring} ({@link
   * Scorer#of(String)}).
   *
   * @param model a keras4j model of one input and one output
   * @param scoring a metric alias ("accuracy", "auc", ...) or a loss alias ("mse", ...)
   * @throws IllegalArgumentException if {@code scoring} is neither
   */
  public PermutationImportance(Model model, String scoring) {
    this(Predictor.of(model), Scorer.of(scoring), true);
  }

  /**
   * Importances for any predictor by any scorer (which the caller closes).
   *
   * @param predictor outputs for a batch of inputs
   * @param scorer the score of predictions against labels
   */
  public PermutationImportance(Predictor predictor, Scorer scorer) {
    this(predictor, scorer, false);
  }

  private PermutationImportance(Predictor predictor, Scorer scorer, boolean ownsScorer) {
    this.predictor = predictor;
    this.scorer = scorer;
    this.ownsScorer = ownsScorer;
  }

  /**
   * How many shuffles per feature ({@code n_repeats}).
   *
   * @param repeats 1 or more; 5 by default, as scikit-learn
   * @return this
   * @throws IllegalArgumentException if {@code repeats} is below 1
   */
  public PermutationImportance repeats(int repeats) {
    if (repeats < 1) {
      throw new IllegalArgumentException("repeats must be 1 or more, got " + repeats);
    }
    this.repeats = repeats;
    return this;
  }

  /**
   * Seeds the shuffles; without a seed they come from {@code keras4j.utils.RandomSeed}.
   *
   * @param seed the seed
   * @return this
   */
  public PermutationImportance seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Names the features in the result (and its charts).
   *
   * @param names one name per feature, in column order
   * @return this
   */
  public PermutationImportance featureNames(List<String> names) {
    this.names = List.copyOf(names);
    return this;
  }

  /**
   * The importance of each feature of {@code x} for predicting {@code y}.
   *
   * @param x the inputs, samples first (Java arrays or an NdArray)
   * @param y the labels, as the scorer takes them
   * @return the importances
   * @throws IllegalArgumentException if {@code x} and {@code y} have different numbers of samples
   *     or the names do not match the features
   */
  public Importances compute(Object x, Object y) {
    try {
      Flat xs = Flat.of(x, "x");
      Flat ys = Flat.labels(y);
      if (xs.rows() != ys.rows()) {
        throw new IllegalArgumentException(
            "x has " + xs.rows() + " samples but y has " + ys.rows());
      }
      int n = xs.rows();
      int features = xs.rowSize();
      List<String> featureNames = names != null ? names : defaultNames(features);
      if (featureNames.size() != features) {
        throw new IllegalArgumentException(featureNames.size() + " feature names for "
            + features + " features");
      }
      double sign = scorer.greaterIsBetter() ? 1 : -1;
      double baseline = score(xs, ys);
      SplittableRandom random = new SplittableRandom(seed != null ? seed : RandomSeed.next());
      double[][] raw = new double[features][repeats];
      Flat shuffled = new Flat(xs.shape(), xs.data().clone());
      int[] order = new int[n];
      for (int f = 0; f < features; f++) {
        for (int r = 0; r < repeats; r++) {
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
          }
          for (int i = 0; i < n; i++) {
            shuffled.data()[i * features + f] = xs.data()[order[i] * features + f];
          }
          raw[f][r] = sign * (baseline - score(shuffled, ys));
        }
        for (int i = 0; i < n; i++) {
          shuffled.data()[i * features + f] = xs.data()[i * features + f];
        }
      }
      return new Importances(featureNames, raw, baseline);
    } finally {
      if (ownsScorer) {
        scorer.close();
      }
    }
  }

  private double score(Flat x, Flat y) {
    return scorer.score(y.toNdArray(), predictor.predict(x.toNdArray()));
  }

  static List<String> defaultNames(int features) {
    List<String> out = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      out.add("feature_" + f);
    }
    return out;
  }
}
