package keras4j.tuner;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import keras4j.core.TunerArg;
import keras4j.models.Model;

/**
 * Random search, as KerasTuner's {@code RandomSearch}: each trial draws every active
 * hyperparameter at random (its sampling: linear, log, ...), never repeating a set of values
 * tried; {@code maxTrials} defaults to 10. Trial {@code k}'s draws depend only on the seed and
 * {@code k}, so a resumed search goes on as the uninterrupted one would have.
 */
public final class RandomSearch extends Tuner {
  /**
   * A random search.
   *
   * @param hypermodel builds and compiles a model from a trial's hyperparameters
   * @param args {@code objective(..)}, {@code maxTrials(..)} (default 10), {@code seed(..)},
   *     {@code directory(..)}, {@code projectName(..)}, {@code overwrite(..)}
   */
  public RandomSearch(Function<HyperParameters, Model> hypermodel, TunerArg... args) {
    super(hypermodel, 10, args);
  }

  @Override
  protected Map<String, Object> nextValues(int trialIndex, Set<String> tried) {
    return randomValues(trialIndex, tried);
  }
}
