package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;

import java.util.List;
import java.util.Map;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.initializers.Initializer;
import keras4j.initializers.Initializers;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Layer;
import keras4j.losses.SparseCategoricalCrossentropy;
import keras4j.metrics.SparseCategoricalAccuracy;
import keras4j.models.Sequential;
import keras4j.ops.Ops;
import keras4j.optimizers.RMSprop;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * keras.io's {@code examples/keras_recipes/antirectifier.py} ("Simple custom layer example:
 * Antirectifier", fchollet), ported line for line: a custom layer with its own weight, {@code
 * build}, {@code call} and {@code getConfig}, an alternative to ReLU that keeps the negative part
 * of its input as features of their own. Arguments: see {@link GalleryArgs}.
 */
public final class Antirectifier extends Layer {
  private final Initializer initializer;
  private Variable kernel;

  /**
   * The layer, its kernel initialised He-normal.
   *
   * @param args the common layer arguments ({@code name(..)}, ...)
   */
  public Antirectifier(LayerArg... args) {
    this("he_normal", args);
  }

  /**
   * The layer with its kernel's initializer.
   *
   * @param initializer an initializer alias, e.g. {@code "he_normal"}
   * @param args the common layer arguments ({@code name(..)}, ...)
   */
  public Antirectifier(String initializer, LayerArg... args) {
    super(args);
    this.initializer = Initializers.get(initializer);
  }

  @Override
  protected void build(Shape inputShape) {
    long outputDim = inputShape.get(inputShape.numDimensions() - 1);
    kernel = addWeight("kernel", Shape.of(outputDim * 2, outputDim), initializer, null);
  }

  @Override
  protected KerasTensor call(KerasTensor inputs, boolean training) {
    inputs = Ops.subtract(inputs, Ops.mean(inputs, -1, true));
    KerasTensor pos = Ops.relu(inputs);
    KerasTensor neg = Ops.relu(Ops.negative(inputs));
    KerasTensor concatenated = Ops.concatenate(List.of(pos, neg), -1);
    return Ops.matmul(concatenated, kernel);
  }

  @Override
  public Map<String, Object> getConfig() {
    // Implement getConfig to enable serialization. This is optional.
    Map<String, Object> config = super.getConfig();
    config.put("initializer", initializer.getConfig());
    return config;
  }

  /**
   * Test-drives the layer on MNIST.
   *
   * @param args {@code fashion}, {@code epochs=N}, {@code samples=N} (all optional)
   */
  public static void main(String[] args) {
    run(args);
  }

  /** The script's training; returns the test scores. */
  static Map<String, Double> run(String... args) {
    GalleryArgs options = GalleryArgs.parse(args);
    // Training parameters
    int batchSize = 128;
    int numClasses = 10;
    int epochs = options.epochs(20);

    // The data, split between train and test sets
    var data = options.mnist();
    FloatNdArray xTrain = divide(reshape(data.xTrain(), -1, 784), 255);
    FloatNdArray xTest = divide(reshape(data.xTest(), -1, 784), 255);
    System.out.println(xTrain.shape().get(0) + " train samples");
    System.out.println(xTest.shape().get(0) + " test samples");

    // Build the model
    try (Sequential model = new Sequential(
        new Dense(256, inputShape(784)),
        new Antirectifier(),
        new Dense(256),
        new Antirectifier(),
        new Dropout(0.5),
        new Dense(numClasses))) {
      // Compile the model
      model.compile(loss(new SparseCategoricalCrossentropy(true)), optimizer(new RMSprop()),
          metrics(new SparseCategoricalAccuracy("sparse_categorical_accuracy")));

      // Train the model
      model.fit(xTrain, data.yTrain(), batchSize(batchSize), epochs(epochs),
          validationSplit(0.15));

      // Test the model
      return model.evaluate(xTest, data.yTest());
    }
  }
}
