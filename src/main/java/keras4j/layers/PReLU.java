package keras4j.layers;

import java.util.Arrays;
import java.util.Map;
import keras4j.constraints.Constraint;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Shapes;
import keras4j.core.Variable;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.ops.Ops;
import keras4j.regularizers.Regularizer;
import keras4j.saving.ConfigReader;
import org.tensorflow.ndarray.Shape;

/**
 * The leaky rectifier with learned slopes, Keras's {@code PReLU}: {@code relu(x) - alpha *
 * relu(-x)}, one slope per input value (the weight {@code alpha}, shaped as a sample, zeros at
 * first) or shared along {@code sharedAxes(...)} (e.g. {@code sharedAxes(1, 2)} for one slope per
 * channel of images).
 */
public class PReLU extends Layer {
  private final Initializer alphaInitializer;
  private final Regularizer alphaRegularizer;
  private final Constraint alphaConstraint;
  private final int[] sharedAxes;
  private Variable alpha;

  /**
   * Reads {@code alphaInitializer} (default zeros), {@code alphaRegularizer}, {@code
   * alphaConstraint} and {@code sharedAxes} (default none each).
   *
   * @param args keyword arguments from {@code keras4j.Keras} such as {@code name("...")}, {@code
   *     inputShape(...)}, {@code trainable(false)}
   */
  public PReLU(LayerArg... args) {
    super(args, "alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes");
    Object init = arg("alpha_initializer", "zeros");
    this.alphaInitializer = init instanceof Initializer given ? given
        : Initializers.get((String) init);
    this.alphaRegularizer = arg("alpha_regularizer", null);
    this.alphaConstraint = arg("alpha_constraint", null);
    this.sharedAxes = arg("shared_axes", new int[0]).clone();
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static PReLU fromConfig(ConfigReader config) {
    ConfigArgs args = ConfigArgs.of(config).initializer("alpha_initializer")
        .regularizer("alpha_regularizer").constraint("alpha_constraint");
    if (config.has("shared_axes")) {
      args.add("shared_axes", config.ints("shared_axes"));
    }
    return new PReLU(args.get());
  }

  @Override
  protected void build(Shape inputShape) {
    long[] shape = Shapes.sample(inputShape).asArray();
    for (int axis : sharedAxes) {
      if (axis < 1 || axis > shape.length) {
        throw new IllegalArgumentException("PReLU layer '" + name() + "': shared axis " + axis
            + " is not an axis of its inputs " + Shapes.toKeras(inputShape) + " (1 is the first"
            + " after the batch)");
      }
      shape[axis - 1] = 1;
    }
    if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException("PReLU layer '" + name() + "' needs every unshared axis"
          + " known, got inputs of shape " + Shapes.toKeras(inputShape));
    }
    alpha = addWeight("alpha", Shape.of(shape), alphaInitializer, alphaRegularizer,
        alphaConstraint);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    return Ops.subtract(Ops.relu(inputs), Ops.multiply(alpha, Ops.relu(Ops.negative(inputs))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha_initializer",
        KernelSettings.nested("keras.initializers", alphaInitializer.getConfig()));
    config.put("alpha_regularizer", KernelSettings.nestedOrNull(alphaRegularizer));
    config.put("alpha_constraint", KernelSettings.constraintConfig(alphaConstraint));
    config.put("shared_axes", sharedAxes.length == 0 ? null
        : Arrays.stream(sharedAxes).boxed().toList());
    return config;
  }
}
