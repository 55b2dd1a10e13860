package keras4j.losses;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Keras's loss aliases ({@code keras.losses.get}). */
public final class Losses {
  private static final Map<String, Supplier<Loss>> ALIASES =
      Map.ofEntries(
          Map.entry("mse", MeanSquaredError::new),
          Map.entry("mean_squared_error", MeanSquaredError::new),
          Map.entry("mae", MeanAbsoluteError::new),
          Map.entry("mean_absolute_error", MeanAbsoluteError::new),
          Map.entry("binary_crossentropy", BinaryCrossentropy::new),
          Map.entry("categorical_crossentropy", CategoricalCrossentropy::new),
          Map.entry("sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new),
          Map.entry("huber", Huber::new),
          Map.entry("hinge", Hinge::new),
          Map.entry("kld", KLDivergence::new),
          Map.entry("kl_divergence", KLDivergence::new),
          Map.entry("kullback_leibler_divergence", KLDivergence::new),
          Map.entry("bce", BinaryCrossentropy::new),
          Map.entry("mape", MeanAbsolutePercentageError::new),
          Map.entry("mean_absolute_percentage_error", MeanAbsolutePercentageError::new),
          Map.entry("msle", MeanSquaredLogarithmicError::new),
          Map.entry("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new),
          Map.entry("squared_hinge", SquaredHinge::new),
          Map.entry("categorical_hinge", CategoricalHinge::new),
          Map.entry("log_cosh", LogCosh::new),
          Map.entry("logcosh", LogCosh::new),
          Map.entry("poisson", Poisson::new),
          Map.entry("cosine_similarity", CosineSimilarity::new),
          Map.entry("binary_focal_crossentropy", BinaryFocalCrossentropy::new),
          Map.entry("categorical_focal_crossentropy", CategoricalFocalCrossentropy::new),
          Map.entry("dice", Dice::new),
          Map.entry("tversky", Tversky::new));

  private Losses() {}

  /**
   * The loss called {@code alias}.
   *
   * @param alias a Keras alias or class name, e.g. {@code "mse"}, {@code
   *     "categorical_crossentropy"}
   * @return a new loss with Keras's default settings
   */
  public static Loss get(String alias) {
    Supplier<Loss> loss = ALIASES.get(alias);
    if (loss == null) {
      throw new IllegalArgumentException(
          "Unknown loss '" + alias + "'. Valid aliases: " + aliases());
    }
    return loss.get();
  }

  /**
   * Every alias, sorted.
   *
   * @return every alias, sorted
   */
  public static List<String> aliases() {
    return ALIASES.keySet().stream().sorted().toList();
  }
}
