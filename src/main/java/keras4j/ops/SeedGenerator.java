package keras4j.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;

/**
 * Keras's {@code keras.random.SeedGenerator}: the state of a stream of random draws, so that
 * each call of a {@link RandomOps} op seeded with it draws new values (an integer seed draws the
 * same values on every call). The state is a non-trainable variable {@code [seed, counter]}; each
 * {@link #next()} returns it and adds 1 to the counter, at once outside a traced function and on
 * every execution inside one, as Keras's.
 *
 * <p>keras4j's variables are float32, so the seed must be an integer up to 2^24 (16777216) and
 * the counter counts exactly up to 2^24 draws.
 */
public final class SeedGenerator {
  /** The largest integer a float32 holds exactly. */
  private static final long MAX_SEED = 1L << 24;

  private final Long initialSeed;
  private final Variable state;

  /**
   * A generator starting from {@code seed}, as {@code SeedGenerator(seed)}.
   *
   * @param seed the seed, in [0, 2^24]
   * @throws IllegalArgumentException if {@code seed} is outside [0, 2^24]
   */
  public SeedGenerator(long seed) {
    this(seed, seed);
  }

  /**
   * A generator with a seed from {@link RandomSeed} (so {@code RandomSeed.set(n)} makes it
   * reproducible), as {@code SeedGenerator()}.
   */
  public SeedGenerator() {
    this(null, 1 + Math.floorMod(RandomSeed.next(), MAX_SEED - 1));
  }

  private SeedGenerator(Long initialSeed, long seed) {
    if (seed < 0 || seed > MAX_SEED) {
      throw new IllegalArgumentException("SeedGenerator: seed must be in [0, 2^24 = " + MAX_SEED
          + "] (keras4j holds the state in a float32 variable), got " + seed);
    }
    this.initialSeed = initialSeed;
    this.state = new Variable("seed_generator_state",
        NdArrays.vectorOf((float) seed, 0f), false);
  }

  /**
   * The state variable {@code [seed, counter]}, Keras's {@code seed_generator_state}.
   *
   * @return the state variable
   */
  public Variable state() {
    return state;
  }

  /**
   * Keras's {@code next()}: the current state {@code [seed, counter]}, then the counter moves on
   * by one. Inside a traced function both happen on every execution, so each run draws anew.
   *
   * @return the state before the update, a float32 vector of 2 (eager outside a traced function)
   */
  public KerasTensor next() {
    if (Trace.currentOrNull() == null) {
      FloatNdArray current = state.numpy();
      state.assign(NdArrays.vectorOf(current.getFloat(0), current.getFloat(1) + 1));
      return KerasTensor.constant(current);
    }
    // A copy (Keras's "* 1"): an op reading the variable, which the update then waits for, so
    // the seed is the value before the update however the graph is scheduled.
    KerasTensor copy = Ops.multiply(state.value(), 1);
    state.assign(Ops.add(copy, new float[] {0, 1}));
    return copy;
  }

  /**
   * Keras's {@code get_config()}: {@code {"seed": seed}}, null for a generator seeded by default.
   *
   * @return the config
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("seed", initialSeed);
    return config;
  }
}
