package keras4j.tuner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One dimension of a search space, as KerasTuner's {@code Int}, {@code Float}, {@code Choice},
 * {@code Boolean} and {@code Fixed}: its default, how it is sampled, its grid, and the
 * conditions (parent values) under which it is active.
 */
abstract sealed class HyperParameter {
  final String name;
  final List<Condition> conditions;

  HyperParameter(String name, List<Condition> conditions) {
    this.name = name;
    this.conditions = List.copyOf(conditions);
  }

  /** The value of a trial that does not set this one. */
  abstract Object defaultValue();

  /** A random value: as KerasTuner's {@code random_sample}, a uniform prob mapped to a value. */
  final Object sample(SplittableRandom random) {
    return fromProb(random.nextDouble());
  }

  /**
   * The value at cumulative probability {@code prob} in [0, 1), KerasTuner's {@code
   * prob_to_value}: how random draws and Bayesian optimisation's continuous points become values.
   */
  abstract Object fromProb(double prob);

  /** The cumulative probability of {@code value}, KerasTuner's {@code value_to_prob}. */
  abstract double toProb(Object value);

  /** Every value, for a grid search. */
  abstract List<Object> grid();

  /** {@code value} (perhaps read back from JSON) as this parameter's type. */
  abstract Object cast(Object value);

  /** Whether this parameter is active under the parents' {@code values}. */
  boolean active(Map<String, Object> values) {
    for (Condition c : conditions) {
      if (!c.holds(values.get(c.parent()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Active when parent {@code parent} has one of {@code values}.
   *
   * @param parent the parent's name
   * @param values the parent values that activate the child
   */
  record Condition(String parent, List<?> values) {
    boolean holds(Object value) {
      return value != null && values.stream().anyMatch(v -> same(v, value));
    }
  }

  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  /** {@code hp.Int}: integers from min to max by step, linear or log sampled. */
  static final class Int extends HyperParameter {
    final int min;
    final int max;
    final int step;
    final String sampling;

    Int(String name, int min, int max, int step, String sampling, List<Condition> conditions) {
      super(name, conditions);
      if (min > max || step < 1) {
        throw new IllegalArgumentException("Int '" + name + "' needs minValue <= maxValue and"
            + " step >= 1, got " + min + ", " + max + ", step " + step);
      }
      checkSampling(name, sampling, min);
      this.min = min;
      this.max = max;
      this.step = step;
      this.sampling = sampling;
    }

    @Override
    Object defaultValue() {
      return min;
    }

    @Override
    Object fromProb(double prob) {
      if (sampling.equals("linear")) {
        return min + step * probToIndex(prob, (max - min) / step + 1);
      }
      // KerasTuner's unstepped Int: max + 1 so that max may be drawn; then onto the step's grid.
      int v = (int) numerical(prob, min, max + 1, sampling);
      return Math.min(max, min + step * Math.floorDiv(v - min, step));
    }

    @Override
    double toProb(Object value) {
      int v = (Integer) cast(value);
      if (sampling.equals("linear")) {
        return indexToProb((v - min) / step, (max - min) / step + 1);
      }
      // + 0.5 centres the value in its bucket, as KerasTuner.
      return numericalToProb(v + 0.5, min, max + 1, sampling);
    }

    @Override
    List<Object> grid() {
      List<Object> out = new ArrayList<>();
      for (int v = min; v <= max; v += step) {
        out.add(v);
      }
      return out;
    }

    @Override
    Object cast(Object value) {
      return ((Number) value).intValue();
    }
  }

  /** {@code hp.Float}: reals from min to max, linear, log or reverse-log sampled. */
  static final class Real extends HyperParameter {
    final double min;
    final double max;
    final Double step;
    final String sampling;

    Real(String name, double min, double max, Double step, String sampling,
        List<Condition> conditions) {
      super(name, conditions);
      if (!(min <= max) || step != null && !(step > 0)) {
        throw new IllegalArgumentException("Float '" + name + "' needs minValue <= maxValue and"
            + " a positive step, got " + min + ", " + max + ", step " + step);
      }
      checkSampling(name, sampling, min);
      this.min = min;
      this.max = max;
      this.step = step;
      this.sampling = sampling;
    }

    @Override
    Object defaultValue() {
      return min;
    }

    @Override
    Object fromProb(double prob) {
      if (step == null) {
        return numerical(prob, min, max, sampling);
      }
      return grid().get(probToIndex(prob, grid().size()));
    }

    @Override
    double toProb(Object value) {
      double v = (Double) cast(value);
      if (step == null) {
        return numericalToProb(v, min, max, sampling);
      }
      int index = (int) Math.round((v - min) / step);
      return indexToProb(Math.max(0, Math.min(index, grid().size() - 1)), grid().size());
    }

    @Override
    List<Object> grid() {
      if (step == null) {
        throw new IllegalArgumentException("GridSearch needs a step for Float '" + name
            + "': hp.Float(\"" + name + "\", min, max, step), or use hp.Choice");
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; min + i * step <= max + 1e-12 * Math.abs(max); i++) {
        out.add(sampling.equals("log") ? min * Math.pow(step, i) : min + i * step);
      }
      return out;
    }

    @Override
    Object cast(Object value) {
      return ((Number) value).doubleValue();
    }
  }

  /** {@code hp.Choice}: one of the given values. */
  static final class Choice extends HyperParameter {
    final List<?> values;

    Choice(String name, List<?> values, List<Condition> conditions) {
      super(name, conditions);
      if (values.isEmpty()) {
        throw new IllegalArgumentException("Choice '" + name + "' needs at least one value");
      }
      this.values = List.copyOf(values);
    }

    @Override
    Object defaultValue() {
      return values.get(0);
    }

    @Override
    Object fromProb(double prob) {
      return values.get(probToIndex(prob, values.size()));
    }

    @Override
    double toProb(Object value) {
      Object v = cast(value);
      return indexToProb(values.indexOf(v), values.size());
    }

    @Override
    List<Object> grid() {
      return new ArrayList<>(values);
    }

    @Override
    Object cast(Object value) {
      for (Object v : values) {
        if (same(v, value)) {
          return v;
        }
      }
      throw new IllegalArgumentException("Choice '" + name + "' has no value " + value
          + "; its values are " + values);
    }
  }

  /** {@code hp.Boolean}: false or true. */
  static final class Flag extends HyperParameter {
    Flag(String name, List<Condition> conditions) {
      super(name, conditions);
    }

    @Override
    Object defaultValue() {
      return false;
    }

    @Override
    Object fromProb(double prob) {
      return prob >= 0.5;
    }

    @Override
    double toProb(Object value) {
      // Centred in its half, as KerasTuner.
      return (Boolean) value ? 0.75 : 0.25;
    }

    @Override
    List<Object> grid() {
      return List.of(false, true);
    }

    @Override
    Object cast(Object value) {
      return (Boolean) value;
    }
  }

  private static void checkSampling(String name, String sampling, double min) {
    if (!List.of("linear", "log", "reverse_log").contains(sampling)) {
      throw new IllegalArgumentException("sampling of '" + name + "' must be \"linear\", \"log\""
          + " or \"reverse_log\", got " + sampling);
    }
    if (!sampling.equals("linear") && !(min > 0)) {
      throw new IllegalArgumentException("'" + name + "' is sampled \"" + sampling + "\", so its"
          + " minValue must be > 0, got " + min);
    }
  }

  /** KerasTuner's {@code _sample_numerical_value}: prob in [0, 1) to a value of [min, max]. */
  private static double numerical(double prob, double min, double max, String sampling) {
    return switch (sampling) {
      case "linear" -> prob * (max - min) + min;
      case "log" -> min * Math.pow(max / min, prob);
      default -> max + min - min * Math.pow(max / min, 1 - prob);
    };
  }

  /** KerasTuner's {@code _numerical_to_prob}, the inverse of {@link #numerical}. */
  private static double numericalToProb(double value, double min, double max, String sampling) {
    if (max == min) {
      return 0.5;
    }
    return switch (sampling) {
      case "linear" -> (value - min) / (max - min);
      case "log" -> Math.log(value / min) / Math.log(max / min);
      default -> 1 - Math.log((max + min - value) / min) / Math.log(max / min);
    };
  }

  /** KerasTuner's {@code prob_to_index}: the bucket of {@code prob} among {@code n}. */
  private static int probToIndex(double prob, int n) {
    return Math.min(n - 1, (int) Math.floor(prob / (1.0 / n)));
  }

  /** KerasTuner's {@code index_to_prob}: the centre of bucket {@code index} among {@code n}. */
  private static double indexToProb(int index, int n) {
    return (index + 0.5) / n;
  }
}
