package keras4j.tuner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import keras4j.core.TunerArg;
import keras4j.models.Model;

/**
 * Bayesian optimisation with a Gaussian process, as KerasTuner's {@code BayesianOptimization}:
 * the first {@code numInitialPoints} trials (default 3 × the number of hyperparameters, at least
 * 3) draw their values at random; each later trial fits a {@link GaussianProcess} to the finished
 * trials' scores over their values mapped to [0, 1] (each parameter's cumulative probability) and
 * takes the point that minimises the upper confidence bound {@code mean - beta * std} of the
 * objective to minimise (a maximised objective is negated), searched from 50 random starts. {@code
 * maxTrials} defaults to 10, {@code alpha} to 1e-4, {@code beta} to 2.6.
 *
 * <p>Two differences from KerasTuner, both for a Java user's benefit: the local search from each
 * start is a bounded compass search rather than scipy's L-BFGS-B (the acquisition is cheap and
 * low-dimensional, and it needs no gradient); and a point whose values were tried before is
 * replaced by a random draw, where KerasTuner would train the same values again.
 */
public final class BayesianOptimization extends Tuner {
  private static final Set<String> ACCEPTED =
      accepted(true, "num_initial_points", "alpha", "beta");
  private static final int STARTS = 50;
  private static final double SMALLEST_STEP = 1e-6;
  /** The largest cumulative probability mapped to a value: 1 itself would fall past the range. */
  private static final double LARGEST_PROB = Math.nextDown(1.0);

  private final Integer numInitialPoints;
  private final double alpha;
  private final double beta;

  /**
   * A Bayesian optimisation search.
   *
   * @param hypermodel builds and compiles a model from a trial's hyperparameters
   * @param args {@code objective(..)}, {@code maxTrials(..)} (default 10), {@code
   *     numInitialPoints(..)}, {@code alpha(..)} (default 1e-4), {@code beta(..)} (default 2.6),
   *     {@code seed(..)}, {@code directory(..)}, {@code projectName(..)}, {@code overwrite(..)}
   */
  public BayesianOptimization(Function<HyperParameters, Model> hypermodel, TunerArg... args) {
    super(hypermodel, 10, ACCEPTED, args);
    this.numInitialPoints = (Integer) arg("num_initial_points", null);
    this.alpha = ((Number) arg("alpha", 1e-4)).doubleValue();
    this.beta = ((Number) arg("beta", 2.6)).doubleValue();
  }

  @Override
  protected Map<String, Object> nextValues(int trialIndex, Set<String> tried) {
    List<HyperParameter> dimensions = List.copyOf(space.values());
    List<double[]> points = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (Trial trial : trials()) {
      if (Trial.COMPLETED.equals(trial.status()) && trial.score() != null) {
        points.add(vector(dimensions, trial.hyperparameters()));
        double score = finite(trial.score());
        scores.add("max".equals(objective().direction()) ? -score : score);
      }
    }
    int initial = numInitialPoints != null ? numInitialPoints
        : Math.max(3 * dimensions.size(), 3);
    if (points.size() < initial || dimensions.isEmpty()) {
      return randomValues(trialIndex, tried);
    }
    GaussianProcess process = GaussianProcess.fit(points.toArray(double[][]::new),
        scores.stream().mapToDouble(Double::doubleValue).toArray(), alpha);
    SplittableRandom random = random(trialIndex);
    double[] best = null;
    double bestBound = Double.POSITIVE_INFINITY;
    for (int start = 0; start < STARTS; start++) {
      double[] point = new double[dimensions.size()];
      for (int d = 0; d < point.length; d++) {
        point[d] = random.nextDouble();
      }
      double bound = compassSearch(process, point);
      if (bound < bestBound) {
        bestBound = bound;
        best = point;
      }
    }
    Map<String, Object> values = values(dimensions, best);
    return tried.contains(key(values)) ? randomValues(trialIndex, tried) : values;
  }

  /** Moves {@code point} (in place) to a local minimum of the bound in [0, 1]^d; its bound. */
  private double compassSearch(GaussianProcess process, double[] point) {
    double value = upperConfidenceBound(process, point);
    for (double step = 0.25; step > SMALLEST_STEP; ) {
      boolean moved = false;
      for (int d = 0; d < point.length; d++) {
        for (double direction : new double[] {step, -step}) {
          double old = point[d];
          point[d] = Math.min(1, Math.max(0, old + direction));
          double candidate = upperConfidenceBound(process, point);
          if (candidate < value) {
            value = candidate;
            moved = true;
          } else {
            point[d] = old;
          }
        }
      }
      if (!moved) {
        step /= 2;
      }
    }
    return value;
  }

  private double upperConfidenceBound(GaussianProcess process, double[] point) {
    double[] meanStd = process.predict(point);
    return meanStd[0] - beta * meanStd[1];
  }

  /** A trial's values as cumulative probabilities; inactive or new parameters at the default. */
  private static double[] vector(List<HyperParameter> dimensions, Map<String, Object> values) {
    double[] out = new double[dimensions.size()];
    for (int d = 0; d < out.length; d++) {
      HyperParameter hp = dimensions.get(d);
      Object value = values.containsKey(hp.name) && hp.active(values) ? values.get(hp.name)
          : hp.defaultValue();
      out[d] = hp.toProb(value);
    }
    return out;
  }

  /** KerasTuner's {@code _vector_to_values}: the active parameters' values at a point. */
  private static Map<String, Object> values(List<HyperParameter> dimensions, double[] point) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int d = 0; d < point.length; d++) {
      HyperParameter hp = dimensions.get(d);
      if (hp.active(values)) {
        values.put(hp.name, hp.fromProb(Math.min(point[d], LARGEST_PROB)));
      }
    }
    return values;
  }

  /** numpy's {@code nan_to_num(posinf=0, neginf=0)}, as KerasTuner cleans scores. */
  private static double finite(double score) {
    return Double.isFinite(score) ? score : 0;
  }
}
