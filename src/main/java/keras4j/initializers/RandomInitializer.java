package keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import keras4j.backend.Trace;
import keras4j.core.KerasTensor;
import keras4j.core.Kwarg;
import keras4j.core.SeedArg;
import keras4j.ops.RandomOps;
import keras4j.ops.SeedGenerator;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code RandomInitializer}: an initializer drawing from {@link RandomOps} with its
 * {@code seed}, an integer ({@code seed(42)}) or a {@link SeedGenerator} ({@code
 * seed(generator)}). As in Keras, an integer seed, or none (a seed drawn once from {@link
 * RandomSeed} when the initializer is made), gives the same values on every call; a generator
 * gives new ones. The draws equal Keras's TensorFlow backend's for the same integer seed.
 */
public abstract class RandomInitializer implements Initializer {
  private final Object givenSeed;
  private final Object seed;

  /**
   * Reads the optional {@code seed} argument.
   *
   * @param args {@code seed(n)} or {@code seed(generator)}, or nothing
   */
  protected RandomInitializer(SeedArg... args) {
    Object given = Kwarg.parse(getClass().getSimpleName(), Set.of("seed"), args).get("seed");
    this.givenSeed = given;
    // Keras's make_default_seed: an integer in [1, 1e9].
    this.seed = given != null ? given : 1 + Math.floorMod(RandomSeed.next(), 1_000_000_000L);
  }

  /**
   * A value computed at once, even while a layer builds inside a traced function.
   *
   * @param draw the draw, with {@link #normal}, {@link #uniform} or {@link #truncatedNormal}
   * @return the drawn value, float32
   */
  protected static FloatNdArray now(Supplier<KerasTensor> draw) {
    return Trace.outside(() -> draw.get().numpy());
  }

  /**
   * {@code keras.random.normal} with this initializer's seed.
   *
   * @param shape the dimensions
   * @param mean the mean
   * @param stddev the standard deviation
   * @return the values, float32
   */
  protected KerasTensor normal(Shape shape, double mean, double stddev) {
    return seed instanceof SeedGenerator g
        ? RandomOps.normal(shape.asArray(), mean, stddev, "float32", g)
        : RandomOps.normal(shape.asArray(), mean, stddev, "float32", (Long) seed);
  }

  /**
   * {@code keras.random.uniform} with this initializer's seed.
   *
   * @param shape the dimensions
   * @param minval the lower bound, included
   * @param maxval the upper bound, excluded
   * @return the values, float32
   */
  protected KerasTensor uniform(Shape shape, double minval, double maxval) {
    return seed instanceof SeedGenerator g
        ? RandomOps.uniform(shape.asArray(), minval, maxval, "float32", g)
        : RandomOps.uniform(shape.asArray(), minval, maxval, "float32", (Long) seed);
  }

  /**
   * {@code keras.random.truncated_normal} with this initializer's seed.
   *
   * @param shape the dimensions
   * @param mean the mean before truncation
   * @param stddev the standard deviation before truncation
   * @return the values, float32
   */
  protected KerasTensor truncatedNormal(Shape shape, double mean, double stddev) {
    return seed instanceof SeedGenerator g
        ? RandomOps.truncatedNormal(shape.asArray(), mean, stddev, "float32", g)
        : RandomOps.truncatedNormal(shape.asArray(), mean, stddev, "float32", (Long) seed);
  }

  /**
   * Keras's serialized form: {@code class_name} and a config that starts with {@code seed} (the
   * seed given, null for none) and goes on with {@code config}.
   *
   * @param className the Keras class name, e.g. {@code "RandomNormal"}
   * @param config the class's own config entries, in Keras's order
   * @return {@code {"class_name": ..., "config": {...}}}
   */
  protected Map<String, Object> serialized(String className, Map<String, Object> config) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("seed", givenSeed instanceof SeedGenerator g ? generatorConfig(g) : givenSeed);
    all.putAll(config);
    return Initializers.serialized(className, all);
  }

  private static Map<String, Object> generatorConfig(SeedGenerator generator) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", "keras.random");
    out.put("class_name", "SeedGenerator");
    out.put("config", generator.getConfig());
    out.put("registered_name", null);
    return out;
  }
}
