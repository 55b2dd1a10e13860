package keras4j.tuner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
  private static final int MAX_COLLISIONS = 100;

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
    SplittableRandom random = new SplittableRandom(seed() + 0x9E3779B97F4A7C15L * trialIndex);
    // As KerasTuner: give up after 100 draws that were all tried before (the space is spent).
    for (int attempt = 0; attempt < MAX_COLLISIONS; attempt++) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (HyperParameter hp : space.values()) {
        if (hp.active(values)) {
          values.put(hp.name, hp.sample(random));
        }
      }
      if (!tried.contains(key(values))) {
        return values;
      }
    }
    return null;
  }
}
