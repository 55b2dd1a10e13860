package keras4j.metrics;

import java.util.function.BinaryOperator;
import keras4j.core.KerasTensor;

/**
 * The mean over samples of a per-sample function of labels and predictions, Keras's {@code
 * MeanMetricWrapper}: the accuracies, {@code mse}, {@code mae}.
 */
public class MeanMetricWrapper extends Mean {
  private final BinaryOperator<KerasTensor> perSample;
  private final String direction;

  /**
   * A metric logged as {@code name}, averaging {@code perSample(yTrue, yPred)} (one value per
   * sample); {@code direction} "up" or "down" as Keras's {@code _direction}.
   *
   * @param name the name in logs and {@code History}, e.g. {@code "accuracy"} ({@code val_} is
   *     prepended for validation)
   * @param perSample the metric's value for each sample, from labels and predictions
   * @param direction {@code "up"} when higher is better, {@code "down"} when lower is, or null when
   *     neither
   */
  public MeanMetricWrapper(String name, BinaryOperator<KerasTensor> perSample, String direction) {
    super(name);
    this.perSample = perSample;
    this.direction = direction;
  }

  @Override
  public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
    updateState(perSample.apply(yTrue, yPred), sampleWeight);
  }

  @Override
  public String direction() {
    return direction;
  }
}
