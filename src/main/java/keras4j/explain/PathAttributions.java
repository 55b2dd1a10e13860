package keras4j.explain;

/**
 * Integrated gradients' attributions, with the check they come with: by completeness, a sample's
 * attributions add up to {@code f(x) - f(baseline)}, and {@link #completenessError()} says how far
 * the numerical integral is from that ({@code |sum(attr) - (f(x) - f(baseline))|}).
 */
public final class PathAttributions extends Attributions {
  private final float[] baselineScores;
  private final float[] completenessError;

  PathAttributions(Flat values, int[] targets, float[] scores, float[] baselineScores) {
    super(values, targets, scores);
    this.baselineScores = baselineScores;
    this.completenessError = new float[scores.length];
    for (int i = 0; i < scores.length; i++) {
      double sum = 0;
      for (float a : sample(i)) {
        sum += a;
      }
      completenessError[i] = (float) Math.abs(sum - ((double) scores[i] - baselineScores[i]));
    }
  }

  /**
   * The model's output at the explained unit for each sample's baseline, f(baseline).
   *
   * @return a copy, one value per sample
   */
  public float[] baselineScores() {
    return baselineScores.clone();
  }

  /**
   * {@code |sum(attributions) - (f(x) - f(baseline))|} for each sample: the integration error
   * (more steps make it smaller).
   *
   * @return a copy, one value per sample
   */
  public float[] completenessError() {
    return completenessError.clone();
  }

  /**
   * The largest completeness error relative to {@code |f(x) - f(baseline)|} over the batch (a
   * sample whose output does not change along the path counts its absolute error).
   *
   * @return the worst relative error, e.g. 0.01 for 1 %
   */
  public double maxRelativeCompletenessError() {
    float[] scores = scores();
    double worst = 0;
    for (int i = 0; i < scores.length; i++) {
      double delta = Math.abs((double) scores[i] - baselineScores[i]);
      worst = Math.max(worst, completenessError[i] / (delta > 0 ? delta : 1));
    }
    return worst;
  }
}
