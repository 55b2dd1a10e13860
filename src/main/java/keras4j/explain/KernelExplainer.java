package keras4j.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;

/**
 * Kernel SHAP (Lundberg and Lee, 2017), as the {@code shap} package's {@code KernelExplainer}: the
 * SHAP values of a sample are the weighted least-squares fit, under the Shapley kernel, of the
 * model's expected output when only a coalition of features keeps the sample's values and the
 * others take the background data's, constrained to add up to {@code f(x) - E[f]}.
 *
 * <p>Coalitions are enumerated by size, smallest (and largest) first, while the budget of {@code
 * nsamples} allows all of a size, and the rest are drawn with the kernel's weights, as shap does;
 * with {@code 2^M - 2} samples or more every coalition is used and the values are exact Shapley
 * values (of the background-interventional game). Features whose sample value equals every
 * background value get 0 and are left out of the fit, as in shap. Each coalition costs one
 * prediction per background row: summarise large background sets (a few dozen rows).
 *
 * <pre>{@code
 * KernelExplainer explainer = new KernelExplainer(model, background).featureNames(names);
 * ShapValues shap = explainer.shapValues(xTest, 500);
 * }</pre>
 *
 * <p>Model-agnostic: it only predicts. Thread-safe once configured if the predictor is.
 */
public final class KernelExplainer {
  private final Predictor predictor;
  private final Flat background;
  private final double[] expectedValue;
  private Long seed;
  private List<String> names;

  /**
   * An explainer of {@code model} against {@code background}.
   *
   * @param model a keras4j model of one input and one output
   * @param background the data features are drawn from when left out (samples first)
   */
  public KernelExplainer(Model model, Object background) {
    this(Predictor.of(model), background);
  }

  /**
   * An explainer of any predictor against {@code background}.
   *
   * @param predictor outputs for a batch of inputs
   * @param background the data features are drawn from when left out (samples first)
   * @throws IllegalArgumentException if {@code background} has no samples
   */
  public KernelExplainer(Predictor predictor, Object background) {
    this.predictor = predictor;
    this.background = Flat.of(background, "background");
    if (this.background.rows() == 0) {
      throw new IllegalArgumentException("The background data has no samples");
    }
    this.expectedValue = columnMeans(predict(this.background), this.background.rows(),
        this.background.rows());
  }

  /**
   * Seeds the sampled coalitions; without a seed they come from {@code keras4j.utils.RandomSeed}.
   *
   * @param seed the seed
   * @return this
   */
  public KernelExplainer seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Names the features in the result (and its charts).
   *
   * @param names one name per feature, in column order
   * @return this
   */
  public KernelExplainer featureNames(List<String> names) {
    this.names = List.copyOf(names);
    return this;
  }

  /**
   * The mean of each model output over the background ({@code expected_value}).
   *
   * @return a copy, one value per output
   */
  public double[] expectedValue() {
    return expectedValue.clone();
  }

  /**
   * SHAP values with shap's default budget, {@code 2 M + 2048} coalitions for M features.
   *
   * @param x the samples to explain (samples first, features as the background's)
   * @return the SHAP values of every output
   */
  public ShapValues shapValues(Object x) {
    return shapValues(x, -1);
  }

  /**
   * SHAP values from at most {@code nsamples} coalitions per sample.
   *
   * @param x the samples to explain (samples first, features as the background's)
   * @param nsamples the budget of coalitions (capped at {@code 2^M - 2}); at least 2
   * @return the SHAP values of every output
   * @throws IllegalArgumentException if {@code x}'s samples are not shaped as the background's,
   *     the names do not match the features, or {@code nsamples} is below 2
   */
  public ShapValues shapValues(Object x, int nsamples) {
    Flat xs = Flat.of(x, "x");
    if (!xs.sampleShape().equals(background.sampleShape())) {
      throw new IllegalArgumentException("x has samples of shape " + xs.sampleShape()
          + " but the background " + background.sampleShape());
    }
    int features = xs.rowSize();
    List<String> featureNames =
        names != null ? names : PermutationImportance.defaultNames(features);
    if (featureNames.size() != features) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + features + " features");
    }
    if (nsamples != -1 && nsamples < 2) {
      throw new IllegalArgumentException("nsamples must be at least 2, got " + nsamples);
    }
    SplittableRandom random = new SplittableRandom(seed != null ? seed : RandomSeed.next());
    int units = expectedValue.length;
    double[][][] values = new double[xs.rows()][features][units];
    double[][] outputs = new double[xs.rows()][];
    for (int i = 0; i < xs.rows(); i++) {
      Flat sample = xs.rows(i, i + 1);
      outputs[i] = columnMeans(predict(sample), 1, 1);
      explainOne(sample, outputs[i], nsamples, random, values[i]);
    }
    return new ShapValues(featureNames, values, expectedValue.clone(), outputs);
  }

  private void explainOne(Flat x, double[] fx, int nsamples, SplittableRandom random,
      double[][] phi) {
    List<Integer> varying = new ArrayList<>();
    for (int f = 0; f < x.rowSize(); f++) {
      for (int b = 0; b < background.rows(); b++) {
        if (background.get(b, f) != x.get(0, f)) {
          varying.add(f);
          break;
        }
      }
    }
    int m = varying.size();
    int units = fx.length;
    if (m == 0) {
      return;
    }
    if (m == 1) {
      for (int k = 0; k < units; k++) {
        phi[varying.get(0)][k] = fx[k] - expectedValue[k];
      }
      return;
    }
    Coalitions coalitions = new Coalitions(m, nsamples == -1 ? 2 * m + 2048 : nsamples, random);
    // The expected output of each coalition: its features from x, the others from each
    // background row, averaged over the rows.
    int bg = background.rows();
    int size = x.rowSize();
    List<boolean[]> masks = coalitions.masks;
    Flat synthetic = Flat.zeros(background.withRows((long) masks.size() * bg));
    for (int c = 0; c < masks.size(); c++) {
      System.arraycopy(background.data(), 0, synthetic.data(), c * bg * size, bg * size);
      for (int j = 0; j < m; j++) {
        if (masks.get(c)[j]) {
          int f = varying.get(j);
          for (int b = 0; b < bg; b++) {
            synthetic.data()[(c * bg + b) * size + f] = x.data()[f];
          }
        }
      }
    }
    double[] ey = columnMeans(predict(synthetic), masks.size() * bg, bg);
    for (int k = 0; k < units; k++) {
      double total = fx[k] - expectedValue[k];
      double[] w = solve(masks, coalitions.weights, ey, k, units, total);
      double rest = total;
      for (int j = 0; j < m - 1; j++) {
        phi[varying.get(j)][k] = w[j];
        rest -= w[j];
      }
      phi[varying.get(m - 1)][k] = rest;
    }
  }

  /**
   * The constrained weighted least squares of shap's {@code solve}: the last feature's value is
   * {@code total} minus the others', which leaves an unconstrained fit of {@code m - 1} values.
   */
  private double[] solve(List<boolean[]> masks, List<Double> weights, double[] ey, int k,
      int units, double total) {
    int m = masks.get(0).length;
    int p = m - 1;
    double[][] a = new double[p][p + 1];
    for (int c = 0; c < masks.size(); c++) {
      boolean[] z = masks.get(c);
      double last = z[m - 1] ? 1 : 0;
      double y = ey[c * units + k] - expectedValue[k] - last * total;
      double[] row = new double[p];
      for (int j = 0; j < p; j++) {
        row[j] = (z[j] ? 1 : 0) - last;
      }
      double wt = weights.get(c);
      for (int r = 0; r < p; r++) {
        for (int s = 0; s < p; s++) {
          a[r][s] += wt * row[r] * row[s];
        }
        a[r][p] += wt * row[r] * y;
      }
    }
    return gaussianElimination(a);
  }

  /** Solves the augmented system {@code a} (partial pivoting), rejecting a singular one. */
  private static double[] gaussianElimination(double[][] a) {
    int p = a.length;
    for (int col = 0; col < p; col++) {
      int pivot = col;
      for (int r = col + 1; r < p; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-12) {
        throw new IllegalStateException("Kernel SHAP's least-squares system is singular: the"
            + " sampled coalitions do not separate the features; give a larger nsamples");
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < p; r++) {
        if (r != col) {
          double factor = a[r][col] / a[col][col];
          for (int c = col; c <= p; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[] out = new double[p];
    for (int r = 0; r < p; r++) {
      out[r] = a[r][p] / a[r][r];
    }
    return out;
  }

  private Flat predict(Flat x) {
    return Flat.of(predictor.predict(x.toNdArray()));
  }

  /** The means over each group of {@code group} consecutive rows of the first {@code rows}. */
  private static double[] columnMeans(Flat y, int rows, int group) {
    int units = y.rowSize();
    double[] out = new double[rows / group * units];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < units; k++) {
        out[r / group * units + k] += y.get(r, k) / group;
      }
    }
    return out;
  }

  /** The coalitions of {@code m} features and their kernel weights, chosen as shap does. */
  private static final class Coalitions {
    final List<boolean[]> masks = new ArrayList<>();
    final List<Double> weights = new ArrayList<>();

    Coalitions(int m, int budget, SplittableRandom random) {
      int samples = (int) Math.min(budget, m >= 31 ? 1L << 30 : (1L << m) - 2);
      int sizes = m / 2;
      int pairedSizes = (m - 1) / 2;
      // The Shapley kernel's total weight of each coalition size s (with its complement m - s).
      double[] weightOfSize = new double[sizes];
      double sum = 0;
      for (int s = 1; s <= sizes; s++) {
        weightOfSize[s - 1] = (m - 1.0) / (s * (double) (m - s)) * (s <= pairedSizes ? 2 : 1);
        sum += weightOfSize[s - 1];
      }
      for (int s = 0; s < sizes; s++) {
        weightOfSize[s] /= sum;
      }
      int fullSizes = 0;
      double left = samples;
      double[] remaining = weightOfSize.clone();
      for (int s = 1; s <= sizes; s++) {
        double subsets = binomial(m, s) * (s <= pairedSizes ? 2 : 1);
        if (left * remaining[s - 1] / subsets < 1 - 1e-8) {
          break;
        }
        fullSizes++;
        left -= subsets;
        if (remaining[s - 1] < 1) {
          double scale = 1 - remaining[s - 1];
          for (int t = 0; t < sizes; t++) {
            remaining[t] /= scale;
          }
        }
        double w = weightOfSize[s - 1] / binomial(m, s) / (s <= pairedSizes ? 2 : 1);
        boolean paired = s <= pairedSizes;
        forEachSubset(m, s, mask -> {
          add(mask, w);
          if (paired) {
            add(complement(mask), w);
          }
        });
      }
      int fixed = masks.size();
      int samplesLeft = samples - fixed;
      if (fullSizes == sizes || samplesLeft <= 0) {
        return;
      }
      double[] draw = new double[sizes - fullSizes];
      double drawSum = 0;
      for (int s = fullSizes; s < sizes; s++) {
        draw[s - fullSizes] = weightOfSize[s] / (s + 1 <= pairedSizes ? 2 : 1);
        drawSum += draw[s - fullSizes];
      }
      Map<String, Integer> used = new HashMap<>();
      for (int attempt = 0; samplesLeft > 0 && attempt < 4 * (samples - fixed); attempt++) {
        int s = fullSizes + 1 + pick(draw, drawSum, random);
        boolean[] mask = randomSubset(m, s, random);
        String key = Arrays.toString(mask);
        Integer seen = used.get(key);
        if (seen == null) {
          used.put(key, masks.size());
          add(mask, 1);
          samplesLeft--;
        } else {
          weights.set(seen, weights.get(seen) + 1);
        }
        if (samplesLeft > 0 && s <= pairedSizes) {
          if (seen == null) {
            add(complement(mask), 1);
            samplesLeft--;
          } else {
            weights.set(seen + 1, weights.get(seen + 1) + 1);
          }
        }
      }
      // The drawn coalitions share the weight the enumerated sizes left.
      double weightLeft = 0;
      for (int s = fullSizes; s < sizes; s++) {
        weightLeft += weightOfSize[s];
      }
      double drawn = 0;
      for (int c = fixed; c < weights.size(); c++) {
        drawn += weights.get(c);
      }
      for (int c = fixed; c < weights.size(); c++) {
        weights.set(c, weights.get(c) * weightLeft / drawn);
      }
    }

    private void add(boolean[] mask, double weight) {
      masks.add(mask);
      weights.add(weight);
    }

    private static boolean[] complement(boolean[] mask) {
      boolean[] out = new boolean[mask.length];
      for (int j = 0; j < mask.length; j++) {
        out[j] = !mask[j];
      }
      return out;
    }

    private static int pick(double[] weights, double sum, SplittableRandom random) {
      double u = random.nextDouble() * sum;
      for (int i = 0; i < weights.length - 1; i++) {
        u -= weights[i];
        if (u < 0) {
          return i;
        }
      }
      return weights.length - 1;
    }

    private static boolean[] randomSubset(int m, int s, SplittableRandom random) {
      int[] order = new int[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      boolean[] mask = new boolean[m];
      for (int i = 0; i < s; i++) {
        int j = i + random.nextInt(m - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
        mask[order[i]] = true;
      }
      return mask;
    }

    private static void forEachSubset(int m, int s, Consumer<boolean[]> action) {
      int[] idx = new int[s];
      for (int i = 0; i < s; i++) {
        idx[i] = i;
      }
      while (true) {
        boolean[] mask = new boolean[m];
        for (int i : idx) {
          mask[i] = true;
        }
        action.accept(mask);
        int i = s - 1;
        while (i >= 0 && idx[i] == m - s + i) {
          i--;
        }
        if (i < 0) {
          return;
        }
        idx[i]++;
        for (int j = i + 1; j < s; j++) {
          idx[j] = idx[j - 1] + 1;
        }
      }
    }

    private static double binomial(int n, int k) {
      double out = 1;
      for (int i = 1; i <= k; i++) {
        out = out * (n - k + i) / i;
      }
      return out;
    }
  }
}
