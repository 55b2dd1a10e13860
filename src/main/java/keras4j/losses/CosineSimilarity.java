package keras4j.losses;

import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code "cosine_similarity"}: minus the cosine of the angle between labels and
 * predictions along the last axis, each L2-normalised as Keras's {@code normalize} (the inverse
 * norm capped at 1e7, so a zero vector gives 0).
 */
public class CosineSimilarity extends Loss {
  /** The loss, reduced by Keras's default {@code sum_over_batch_size}. */
  public CosineSimilarity() {
    this("sum_over_batch_size");
  }

  /**
   * The loss, reduced as {@code reduction} says (see {@link Loss#REDUCTIONS}).
   *
   * @param reduction how per-sample losses are combined: {@code "sum_over_batch_size"} (Keras's
   *     default), {@code "sum"}, {@code "mean"}, {@code "mean_with_sample_weight"} or {@code
   *     "none"}
   */
  public CosineSimilarity(String reduction) {
    super("cosine_similarity", reduction);
  }

  /**
   * The loss a Keras config describes; only the last axis is supported.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return the loss a Keras config describes; only the last axis is supported
   */
  public static CosineSimilarity fromConfig(ConfigReader config) {
    if (config.intValue("axis", -1) != -1) {
      throw config.unsupported("cosine_similarity along axis " + config.intValue("axis"));
    }
    return new CosineSimilarity(reduction(config));
  }

  @Override
  public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
    return Ops.negative(Ops.sum(Ops.multiply(normalize(yTrue), normalize(yPred)), -1));
  }

  private static KerasTensor normalize(KerasTensor x) {
    KerasTensor squareSum = Ops.expandDims(Ops.sum(Ops.square(x), -1), -1);
    return Ops.multiply(x, Ops.minimum(Ops.power(squareSum, -0.5), 1 / EPSILON));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", -1);
    return config;
  }
}
