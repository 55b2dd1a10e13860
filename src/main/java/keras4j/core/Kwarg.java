package keras4j.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One keyword argument, a name and its value, as Python's {@code name=value}: what every factory
 * of {@code keras4j.Keras} returns. Its interfaces ({@link LayerArg}, {@link CompileArg}, ...) say
 * where it is accepted.
 *
 * @param name the Keras (snake_case) name of the argument
 * @param value its value
 */
public record Kwarg(String name, Object value)
    implements LayerArg, CompileArg, FitArg, EvaluateArg, PredictArg, LoopArg, InferenceArg,
        TunerArg, SeedArg, OptimizerArg, LayerOrOptimizerArg, OptimizerOrTunerArg, WeightArg,
        CallArg, ApplicationArg, LayerOrApplicationArg, ApplicationOrTunerArg {
  /**
   * A keyword argument; a null value is refused (leave the argument out for Keras's default).
   *
   * @param name the Keras (snake_case) name of the argument
   * @param value its value, not null
   */
  public Kwarg {
    if (value == null) {
      throw new IllegalArgumentException("The keyword argument '" + name + "' is null: leave it"
          + " out to get Keras's default, or pass a value");
    }
  }

  /**
   * Collects arguments by name, rejecting names {@code function} does not take.
   *
   * @param function the name of the method taking the arguments, for error messages, e.g. {@code
   *     "fit"}
   * @param accepted the Keras names the method takes
   * @param args the keyword arguments passed
   * @return the arguments' values keyed by Keras name, in the order given; the last of duplicates
   *     wins
   */
  public static Map<String, Object> parse(String function, Set<String> accepted, Object[] args) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object arg : args) {
      Kwarg kwarg = (Kwarg) arg;
      if (!accepted.contains(kwarg.name())) {
        throw new IllegalArgumentException(
            function + "() got an unexpected keyword argument '" + kwarg.name()
                + "'; it accepts " + new TreeSet<>(accepted));
      }
      out.put(kwarg.name(), kwarg.value());
    }
    return out;
  }
}
