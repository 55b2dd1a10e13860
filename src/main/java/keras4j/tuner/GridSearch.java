package keras4j.tuner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import keras4j.core.TunerArg;
import keras4j.models.Model;

/**
 * Grid search, as KerasTuner's {@code GridSearch}: every combination of the values of the
 * active hyperparameters (an Int's range by its step, a Float's by its step, each Choice value,
 * both Booleans), the last parameter varying fastest, each once; without {@code maxTrials}, the
 * whole grid.
 */
public final class GridSearch extends Tuner {
  private List<Map<String, Object>> grid;

  /**
   * A grid search.
   *
   * @param hypermodel builds and compiles a model from a trial's hyperparameters
   * @param args {@code objective(..)}, {@code maxTrials(..)} (default: the grid's size), {@code
   *     directory(..)}, {@code projectName(..)}, {@code overwrite(..)}
   */
  public GridSearch(Function<HyperParameters, Model> hypermodel, TunerArg... args) {
    super(hypermodel, null, args);
  }

  @Override
  protected Map<String, Object> nextValues(int trialIndex, Set<String> tried) {
    if (grid == null) {
      grid = new ArrayList<>();
      combinations(new ArrayList<>(space.values()), 0, new LinkedHashMap<>());
    }
    for (Map<String, Object> values : grid) {
      if (!tried.contains(key(values))) {
        return values;
      }
    }
    return null;
  }

  /** The grid, conditional parameters only under the parent values that activate them. */
  List<Map<String, Object>> grid() {
    nextValues(0, Set.of());
    return List.copyOf(grid);
  }

  private void combinations(List<HyperParameter> all, int i, Map<String, Object> partial) {
    if (i == all.size()) {
      grid.add(new LinkedHashMap<>(partial));
      return;
    }
    HyperParameter hp = all.get(i);
    if (!hp.active(partial)) {
      combinations(all, i + 1, partial);
      return;
    }
    for (Object v : hp.grid()) {
      partial.put(hp.name, v);
      combinations(all, i + 1, partial);
      partial.remove(hp.name);
    }
  }
}
