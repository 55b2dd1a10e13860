package keras4j.tuner;

/**
 * Gaussian-process regression as scikit-learn's {@code GaussianProcessRegressor} is configured by
 * KerasTuner's Bayesian optimisation: a Matérn kernel with ν = 5/2 and one length scale, the
 * targets standardised ({@code normalize_y=True}), {@code alpha} added to the kernel's diagonal,
 * and the length scale chosen by maximum marginal likelihood within scikit-learn's bounds [1e-5,
 * 1e5]. scikit-learn climbs the likelihood by L-BFGS-B from 21 starts; here the one-dimensional
 * likelihood is scanned on a log grid and refined by golden-section search, which finds the same
 * maximum.
 */
final class GaussianProcess {
  private static final double MIN_LOG_SCALE = Math.log(1e-5);
  private static final double MAX_LOG_SCALE = Math.log(1e5);
  private static final int SCAN_POINTS = 401;
  private static final double SQRT5 = Math.sqrt(5);

  private final double[][] x;
  private final double yMean;
  private final double yStd;
  private final double lengthScale;
  /** The lower Cholesky factor of K + alpha I. */
  private final double[][] cholesky;
  /** (K + alpha I)^-1 times the standardised targets. */
  private final double[] weights;
  private final double logMarginalLikelihood;

  private GaussianProcess(double[][] x, double yMean, double yStd, double lengthScale,
      Fit fit) {
    this.x = x;
    this.yMean = yMean;
    this.yStd = yStd;
    this.lengthScale = lengthScale;
    this.cholesky = fit.cholesky;
    this.weights = fit.weights;
    this.logMarginalLikelihood = fit.logLikelihood;
  }

  /**
   * Fits the process to observations.
   *
   * @param x the points, one row each, all of one length
   * @param y the value observed at each point
   * @param alpha the noise variance added to the kernel's diagonal (KerasTuner's 1e-4)
   * @return the fitted process
   */
  static GaussianProcess fit(double[][] x, double[] y, double alpha) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double variance = 0;
    for (double v : y) {
      variance += (v - mean) * (v - mean);
    }
    // numpy's population std; a constant target is left unscaled, as scikit-learn does.
    double std = Math.sqrt(variance / y.length);
    if (std == 0) {
      std = 1;
    }
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = (y[i] - mean) / std;
    }
    double bestLog = MIN_LOG_SCALE;
    double best = Double.NEGATIVE_INFINITY;
    double cell = (MAX_LOG_SCALE - MIN_LOG_SCALE) / (SCAN_POINTS - 1);
    for (int i = 0; i < SCAN_POINTS; i++) {
      double log = MIN_LOG_SCALE + i * cell;
      double value = likelihood(x, z, alpha, log);
      if (value > best) {
        best = value;
        bestLog = log;
      }
    }
    double lo = Math.max(MIN_LOG_SCALE, bestLog - cell);
    double hi = Math.min(MAX_LOG_SCALE, bestLog + cell);
    double ratio = (Math.sqrt(5) - 1) / 2;
    double a = hi - ratio * (hi - lo);
    double b = lo + ratio * (hi - lo);
    double fa = likelihood(x, z, alpha, a);
    double fb = likelihood(x, z, alpha, b);
    while (hi - lo > 1e-10) {
      if (fa > fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - ratio * (hi - lo);
        fa = likelihood(x, z, alpha, a);
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + ratio * (hi - lo);
        fb = likelihood(x, z, alpha, b);
      }
    }
    double log = (lo + hi) / 2;
    if (likelihood(x, z, alpha, log) < best) {
      log = bestLog;
    }
    double scale = Math.exp(log);
    return new GaussianProcess(x, mean, std, scale, Fit.of(x, z, alpha, scale));
  }

  /** The fitted length scale. */
  double lengthScale() {
    return lengthScale;
  }

  /** The log marginal likelihood of the standardised targets at the fitted length scale. */
  double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /**
   * The posterior mean and standard deviation at a point.
   *
   * @param point a point of the observations' length
   * @return {mean, std}, in the units of the observed values
   */
  double[] predict(double[] point) {
    int n = x.length;
    double[] k = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] = matern(distance(x[i], point), lengthScale);
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += k[i] * weights[i];
    }
    double[] v = forwardSubstitute(cholesky, k);
    double variance = 1;
    for (double e : v) {
      variance -= e * e;
    }
    return new double[] {yMean + yStd * mean, yStd * Math.sqrt(Math.max(variance, 0))};
  }

  private static double likelihood(double[][] x, double[] z, double alpha, double logScale) {
    Fit fit = Fit.of(x, z, alpha, Math.exp(logScale));
    return fit == null ? Double.NEGATIVE_INFINITY : fit.logLikelihood;
  }

  /** The Cholesky factor, the weights and the log likelihood at one length scale. */
  private record Fit(double[][] cholesky, double[] weights, double logLikelihood) {
    /** The fit, or null if the kernel matrix is not positive definite at this scale. */
    static Fit of(double[][] x, double[] z, double alpha, double scale) {
      int n = x.length;
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double sum = matern(distance(x[i], x[j]), scale) + (i == j ? alpha : 0);
          for (int m = 0; m < j; m++) {
            sum -= l[i][m] * l[j][m];
          }
          if (i == j) {
            if (!(sum > 0)) {
              return null;
            }
            l[i][i] = Math.sqrt(sum);
          } else {
            l[i][j] = sum / l[j][j];
          }
        }
      }
      double[] u = forwardSubstitute(l, z);
      double[] w = new double[n];
      for (int i = n - 1; i >= 0; i--) {
        double sum = u[i];
        for (int m = i + 1; m < n; m++) {
          sum -= l[m][i] * w[m];
        }
        w[i] = sum / l[i][i];
      }
      double value = -0.5 * n * Math.log(2 * Math.PI);
      for (int i = 0; i < n; i++) {
        value -= 0.5 * z[i] * w[i] + Math.log(l[i][i]);
      }
      return new Fit(l, w, value);
    }
  }

  /** Solves L v = b for lower-triangular L. */
  private static double[] forwardSubstitute(double[][] l, double[] b) {
    double[] v = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double sum = b[i];
      for (int m = 0; m < i; m++) {
        sum -= l[i][m] * v[m];
      }
      v[i] = sum / l[i][i];
    }
    return v;
  }

  private static double matern(double distance, double scale) {
    double r = SQRT5 * distance / scale;
    return (1 + r + r * r / 3) * Math.exp(-r);
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(sum);
  }
}
