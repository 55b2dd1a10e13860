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

  /** A random value. */
  abstract Object sample(SplittableRandom random);

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
    Object sample(SplittableRandom random) {
      int steps = (max - min) / step;
      if (sampling.equals("linear")) {
        return min + step * random.nextInt(steps + 1);
      }
      double v = logSample(random, min, max + 1e-9, sampling);
      return Math.min(max, min + step * (int) Math.floor((v - min) / step));
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
    Object sample(SplittableRandom random) {
      double v = sampling.equals("linear") ? min + (max - min) * random.nextDouble()
          : logSample(random, min, max, sampling);
      return step == null ? v : Math.min(max, min + step * Math.floor((v - min) / step));
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
    Object sample(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
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
    Object sample(SplittableRandom random) {
      return random.nextBoolean();
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

  /** KerasTuner's log and reverse-log sampling of [min, max]. */
  private static double logSample(SplittableRandom random, double min, double max,
      String sampling) {
    double u = random.nextDouble();
    double ratio = Math.log(max / min);
    return sampling.equals("log") ? min * Math.exp(u * ratio)
        : max + min - min * Math.exp((1 - u) * ratio);
  }
}
