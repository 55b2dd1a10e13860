package keras4j.examples;

import static keras4j.Keras.*;

import keras4j.core.KerasTensor;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.utils.RandomArrays;
import org.tensorflow.ndarray.StdArrays;

/**
 * Tutorial script 3: a subclassed model, SGD, sparse labels, predict.
 *
 * <pre>
 * class MLP(tf.keras.Model):
 *     def __init__(self, input_shape, hidden_units, output_units):
 *         super(MLP, self).__init__()
 *         self.hidden_layer = tf.keras.layers.Dense(hidden_units, activation='relu')
 *         self.output_layer = tf.keras.layers.Dense(output_units, activation='softmax')
 *     def call(self, inputs):
 *         x = self.hidden_layer(inputs)
 *         x = self.output_layer(x)
 *         return x
 * input_data = np.random.rand(100, 10); labels = np.random.randint(0, 10, (100, 1))
 * mlp = MLP(input_shape=(10,), hidden_units=10, output_units=10)
 * mlp.compile(optimizer='sgd', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
 * mlp.fit(input_data, labels, epochs=10)
 * predictions = mlp.predict(input_data)
 * </pre>
 */
public final class SubclassedMlp {
  /** The subclassed model: layers made in the constructor, the forward pass in {@code call}. */
  static class MLP extends Model {
    private final Dense hiddenLayer;
    private final Dense outputLayer;

    MLP(long[] inputShape, int hiddenUnits, int outputUnits) {
      super();
      this.hiddenLayer = new Dense(hiddenUnits, activation("relu"));
      this.outputLayer = new Dense(outputUnits, activation("softmax"));
    }

    @Override
    public KerasTensor call(KerasTensor inputs) {
      var x = hiddenLayer.apply(inputs);
      x = outputLayer.apply(x);
      return x;
    }
  }

  public static void main(String[] args) {
    var random = new RandomArrays(0);
    var inputData = random.rand(100, 10);
    var labels = random.randint(0, 10, 100, 1);
    try (var mlp = new MLP(new long[] {10}, 10, 10)) {
      mlp.compile(optimizer("sgd"), loss("sparse_categorical_crossentropy"), metrics("accuracy"));
      mlp.fit(inputData, labels, epochs(10));
      var predictions = mlp.predict(inputData);
      float[][] rows = StdArrays.array2dCopyOf(predictions);
      System.out.println("Predictions: " + rows.length + " rows of " + rows[0].length
          + " class probabilities; first row sums to " + sum(rows[0]));
    }
  }

  private static float sum(float[] row) {
    float total = 0;
    for (float v : row) {
      total += v;
    }
    return total;
  }
}
