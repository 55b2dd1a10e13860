package keras4j.explain;

import java.util.List;

/**
 * What {@link KernelExplainer} found: for each sample, feature and model output the SHAP value,
 * the expected value of each output over the background data, and how well each sample's values
 * add up to its output ({@code f(x) = expectedValue + Σ shap}, exact by construction up to
 * rounding).
 */
public final class ShapValues {
  private final List<String> names;
  private final double[][][] values;
  private final double[] expectedValue;
  private final double[][] outputs;

  ShapValues(List<String> names, double[][][] values, double[] expectedValue, double[][] outputs) {
    this.names = List.copyOf(names);
    this.values = values;
    this.expectedValue = expectedValue;
    this.outputs = outputs;
  }

  /**
   * The features' names, in column order.
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The SHAP values of one output ({@code shap_values[..., output]}).
   *
   * @param output the model's output unit, from 0
   * @return a copy, {@code [samples][features]}
   */
  public double[][] values(int output) {
    double[][] out = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new double[names.size()];
      for (int f = 0; f < names.size(); f++) {
        out[i][f] = values[i][f][output];
      }
    }
    return out;
  }

  /**
   * The mean of each output over the background data ({@code explainer.expected_value}).
   *
   * @return a copy, one value per output
   */
  public double[] expectedValue() {
    return expectedValue.clone();
  }

  /**
   * The model's outputs for the explained samples.
   *
   * @return a copy, {@code [samples][outputs]}
   */
  public double[][] outputs() {
    double[][] out = new double[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      out[i] = outputs[i].clone();
    }
    return out;
  }

  /**
   * The largest {@code |expectedValue + Σ shap - f(x)|} over the samples and outputs: the
   * additivity check.
   *
   * @return the worst error
   */
  public double maxAdditivityError() {
    double worst = 0;
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < expectedValue.length; k++) {
        double sum = expectedValue[k];
        for (double[] feature : values[i]) {
          sum += feature[k];
        }
        worst = Math.max(worst, Math.abs(sum - outputs[i][k]));
      }
    }
    return worst;
  }

  /**
   * The mean absolute SHAP value of each feature for one output: the global importance SHAP's
   * bar plot shows.
   *
   * @param output the model's output unit, from 0
   * @return one value per feature, in column order
   */
  public double[] meanAbs(int output) {
    double[] out = new double[names.size()];
    for (double[][] sample : values) {
      for (int f = 0; f < out.length; f++) {
        out[f] += Math.abs(sample[f][output]) / values.length;
      }
    }
    return out;
  }
}
