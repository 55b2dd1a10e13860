package keras4j.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Permutation importances, as scikit-learn's {@code permutation_importance} returns them: for each
 * feature the drop in score when its column is shuffled, per repeat, with their mean and standard
 * deviation, and the score on the data as given.
 */
public final class Importances {
  private final List<String> names;
  private final double[][] raw;
  private final double baselineScore;

  Importances(List<String> names, double[][] raw, double baselineScore) {
    this.names = List.copyOf(names);
    this.raw = raw;
    this.baselineScore = baselineScore;
  }

  /**
   * The features' names, in column order ({@code feature_0}, ... unless given).
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The score on the unshuffled data.
   *
   * @return the score
   */
  public double baselineScore() {
    return baselineScore;
  }

  /**
   * The mean importance of each feature over the repeats ({@code importances_mean}).
   *
   * @return one value per feature, in column order
   */
  public double[] mean() {
    return IntStream.range(0, raw.length).mapToDouble(this::mean).toArray();
  }

  /**
   * The standard deviation of each feature's importance over the repeats ({@code
   * importances_std}, numpy's population deviation).
   *
   * @return one value per feature, in column order
   */
  public double[] std() {
    double[] out = new double[raw.length];
    for (int f = 0; f < raw.length; f++) {
      double m = mean(f);
      double sum = 0;
      for (double v : raw[f]) {
        sum += (v - m) * (v - m);
      }
      out[f] = Math.sqrt(sum / raw[f].length);
    }
    return out;
  }

  /**
   * Each feature's importance in each repeat ({@code importances}).
   *
   * @return a copy, {@code [features][repeats]}
   */
  public double[][] raw() {
    double[][] out = new double[raw.length][];
    for (int f = 0; f < raw.length; f++) {
      out[f] = raw[f].clone();
    }
    return out;
  }

  /**
   * The features' column indices, most important first.
   *
   * @return the ranking
   */
  public int[] ranking() {
    return IntStream.range(0, raw.length).boxed()
        .sorted(Comparator.comparingDouble((Integer f) -> -mean(f))).mapToInt(i -> i).toArray();
  }

  private double mean(int feature) {
    double sum = 0;
    for (double v : raw[feature]) {
      sum += v;
    }
    return sum / raw[feature].length;
  }

  /**
   * The features, most important first, as "name  mean ± std" lines.
   *
   * @return the table
   */
  @Override
  public String toString() {
    double[] std = std();
    int width = names.stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (int f : ranking()) {
      lines.add(String.format("%-" + width + "s  %.4f ± %.4f", names.get(f), mean(f), std[f]));
    }
    return String.join("\n", lines);
  }
}
