package keras4j.layers;

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
 * Keras's {@code Embedding}: each integer of the input (a token id in {@code [0, inputDim)})
 * replaced by its row of the {@code (inputDim, outputDim)} matrix {@code embeddings}: {@code
 * (batch, steps)} to {@code (batch, steps, outputDim)}. The rows start uniform in (-0.05, 0.05),
 * as Keras's {@code "uniform"}. Inputs that are not int32 or int64 are cast to int32 first, as
 * Keras does (a float32 {@code Input} holding whole numbers works). With {@code maskZero(true)},
 * id 0 is padding: the output carries a mask, false where the input is 0, for the layers after
 * (an LSTM skips those steps). {@code input_length} (Keras 2) is accepted and ignored, as Keras 3
 * does.
 */
public class Embedding extends Layer {
  private final int inputDim;
  private final int outputDim;
  private final boolean maskZero;
  private final Initializer initializer;
  private final Regularizer regularizer;
  private final Constraint constraint;
  private Variable embeddings;

  /**
   * An embedding of {@code inputDim} ids into vectors of {@code outputDim} values.
   *
   * @param inputDim the number of ids (the largest id plus one)
   * @param outputDim the size of each vector
   * @param args keyword arguments from {@code keras4j.Keras}: {@code maskZero(true)}, {@code
   *     embeddingsInitializer(...)}, {@code embeddingsRegularizer(...)}, {@code
   *     embeddingsConstraint(...)}, {@code name("...")}
   */
  public Embedding(int inputDim, int outputDim, LayerArg... args) {
    super(args, "mask_zero", "embeddings_initializer", "embeddings_regularizer",
        "embeddings_constraint", "input_length");
    if (inputDim <= 0 || outputDim <= 0) {
      throw new IllegalArgumentException("Both `input_dim` and `output_dim` should be positive,"
          + " Received input_dim=" + inputDim + " and output_dim=" + outputDim);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.maskZero = arg("mask_zero", false);
    Object init = arg("embeddings_initializer", "uniform");
    this.initializer = init instanceof Initializer given ? given : Initializers.get((String) init);
    this.regularizer = arg("embeddings_regularizer", null);
    this.constraint = arg("embeddings_constraint", null);
  }

  /**
   * Keras's {@code from_config}.
   *
   * @param config the saved config (the {@code config} entry of Keras's serialized form, from
   *     {@code get_config()}), as read from a {@code .keras} or {@code .h5} file
   * @return a new, unbuilt layer configured as saved
   */
  public static Embedding fromConfig(ConfigReader config) {
    LayerArg[] args = ConfigArgs.of(config).bool("mask_zero")
        .initializer("embeddings_initializer").regularizer("embeddings_regularizer")
        .constraint("embeddings_constraint").get();
    return new Embedding(config.intValue("input_dim"), config.intValue("output_dim"), args);
  }

  @Override
  protected void build(Shape inputShape) {
    embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), initializer, regularizer,
        constraint);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    String dtype = inputs.dtype();
    KerasTensor ids = dtype.equals("int32") || dtype.equals("int64") ? inputs
        : Ops.cast(inputs, "int32");
    return Ops.take(embeddings, ids, 0);
  }

  @Override
  protected boolean supportsMasking() {
    return maskZero;
  }

  @Override
  protected KerasTensor computeMask(KerasTensor inputs, KerasTensor previousMask) {
    return maskZero ? Ops.notEqual(inputs, 0) : null;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 1) {
      throw new IllegalArgumentException("Embedding layer '" + name() + "' takes ids shaped"
          + " (batch, ...), got " + Shapes.toKeras(inputShape));
    }
    return inputShape.append(outputDim);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("input_dim", inputDim);
    config.put("output_dim", outputDim);
    config.put("embeddings_initializer",
        KernelSettings.nested("keras.initializers", initializer.getConfig()));
    config.put("embeddings_regularizer", regularizer == null ? null
        : KernelSettings.nested("keras.regularizers", regularizer.getConfig()));
    config.put("activity_regularizer", null);
    config.put("embeddings_constraint", KernelSettings.constraintConfig(constraint));
    config.put("mask_zero", maskZero);
    return config;
  }
}
