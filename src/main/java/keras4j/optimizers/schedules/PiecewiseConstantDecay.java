package keras4j.optimizers.schedules;

import static keras4j.optimizers.schedules.Schedules.scalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;
import keras4j.saving.ConfigReader;

/**
 * Keras's {@code PiecewiseConstantDecay}: {@code values[0]} up to and including step {@code
 * boundaries[0]}, {@code values[1]} up to {@code boundaries[1]}, ..., and the last value after
 * the last boundary.
 */
public class PiecewiseConstantDecay implements LearningRateSchedule {
  private final List<Double> boundaries;
  private final List<Double> values;
  private final String name;

  /**
   * The schedule of {@code values} between {@code boundaries}.
   *
   * @param boundaries the steps where the rate changes, increasing
   * @param values the rates, one more than the boundaries
   * @throws IllegalArgumentException if there is not one more value than boundaries
   */
  public PiecewiseConstantDecay(List<? extends Number> boundaries, List<? extends Number> values) {
    this(boundaries, values, "PiecewiseConstant");
  }

  /**
   * The schedule of {@code values} between {@code boundaries}, named.
   *
   * @param boundaries the steps where the rate changes, increasing
   * @param values the rates, one more than the boundaries
   * @param name the name saved in the config
   * @throws IllegalArgumentException if there is not one more value than boundaries
   */
  public PiecewiseConstantDecay(
      List<? extends Number> boundaries, List<? extends Number> values, String name) {
    if (boundaries.size() != values.size() - 1 || boundaries.isEmpty()) {
      throw new IllegalArgumentException("The length of boundaries should be 1 less than the"
          + " length of values, and at least 1. Received: boundaries=" + boundaries
          + " of length " + boundaries.size() + ", and values=" + values + " of length "
          + values.size());
    }
    this.boundaries = boundaries.stream().map(Number::doubleValue).toList();
    this.values = values.stream().map(Number::doubleValue).toList();
    this.name = name;
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the schedule's config
   * @return the schedule
   */
  public static PiecewiseConstantDecay fromConfig(ConfigReader config) {
    return new PiecewiseConstantDecay(numbers(config, "boundaries"), numbers(config, "values"),
        config.string("name", "PiecewiseConstant"));
  }

  private static List<Number> numbers(ConfigReader config, String key) {
    List<Number> out = new ArrayList<>();
    for (Object item : config.list(key)) {
      if (!(item instanceof Number n)) {
        throw config.invalid(key, "a list of numbers");
      }
      out.add(n);
    }
    return out;
  }

  @Override
  public KerasTensor call(KerasTensor step) {
    KerasTensor one = scalar(1);
    // Keras's sum of the value of each range times whether the step is in it.
    KerasTensor atMostFirst = Ops.subtract(one, after(step, 0));
    KerasTensor rate = Ops.multiply(atMostFirst, values.get(0));
    KerasTensor afterLast = after(step, boundaries.size() - 1);
    rate = Ops.add(rate, Ops.multiply(afterLast, values.get(values.size() - 1)));
    for (int i = 0; i + 1 < boundaries.size(); i++) {
      KerasTensor inRange =
          Ops.multiply(after(step, i), Ops.subtract(one, after(step, i + 1)));
      rate = Ops.add(rate, Ops.multiply(inRange, values.get(i + 1)));
    }
    return rate;
  }

  /** 1.0 when {@code step} is past boundary {@code i}, else 0.0 (Keras casts the comparison). */
  private KerasTensor after(KerasTensor step, int i) {
    return Ops.cast(Ops.greater(step, scalar(boundaries.get(i))), "float32");
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("boundaries", boundaries.stream().map(Schedules::steps).toList());
    config.put("values", values);
    config.put("name", name);
    return config;
  }
}
