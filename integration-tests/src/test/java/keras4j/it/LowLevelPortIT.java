package keras4j.it;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import keras4j.core.Variable;
import keras4j.datasets.Digits;
import keras4j.examples.ComplexNeuralNetworkTF;
import keras4j.examples.SimpleNeuralNetworkNumpy;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/** The two ports of the from-scratch tutorial train on the digits; the low-level one as fit does. */
class LowLevelPortIT {
  private static final int EPOCHS = 300;

  @Test
  void lowLevelPortMatchesSequentialFitWithinTwoPoints() {
    RandomSeed.set(42);
    var data = Digits.loadData();
    FloatNdArray xTrain = ArrayOps.divide(data.xTrain(), 16.0);
    FloatNdArray xTest = ArrayOps.divide(data.xTest(), 16.0);
    FloatNdArray yTrain = ArrayOps.toCategorical(data.yTrain(), 10);
    int samples = (int) xTrain.shape().get(0);

    var port = new ComplexNeuralNetworkTF(64, new int[] {64, 32}, 10, 0.01);
    // The same network as layers, starting from the port's weights: the port lists [w0, w1, b0,
    // b1, w_out, b_out], Dense layers take kernel then bias.
    List<Variable> v = port.variables();
    List<FloatNdArray> initial = List.of(v.get(0).numpy(), v.get(2).numpy(), v.get(1).numpy(),
        v.get(3).numpy(), v.get(4).numpy(), v.get(5).numpy());

    float[] losses = port.train(xTrain, yTrain, EPOCHS);
    double portAccuracy = ComplexNeuralNetworkTF.accuracy(port.predict(xTest), data.yTest());

    try (var model = new Sequential(
        new Dense(64, activation("relu"), inputShape(64)),
        new Dense(32, activation("relu")),
        new Dense(10))) {
      model.setWeights(initial);
      model.compile(optimizer(new Adam(0.01)), loss("mse"));
      var history = model.fit(xTrain, yTrain, epochs(EPOCHS), batchSize(samples), shuffle(false),
          verbose(0));
      double fitAccuracy = ComplexNeuralNetworkTF.accuracy(model.predict(xTest), data.yTest());
      System.out.printf("low-level port: loss %.5f -> %.5f, test accuracy %.4f;"
              + " Sequential + fit: loss -> %.5f, test accuracy %.4f%n",
          losses[0], losses[EPOCHS - 1], portAccuracy,
          history.history().get("loss").get(EPOCHS - 1), fitAccuracy);
      assertTrue(losses[EPOCHS - 1] < losses[0] / 10, "the port's loss did not decrease");
      assertTrue(portAccuracy > 0.9, "the port reached only " + portAccuracy);
      assertEquals(fitAccuracy, portAccuracy, 0.02);
    }
  }

  @Test
  void numpyPortLearnsTheDigits() {
    var data = Digits.loadData();
    var network = new SimpleNeuralNetworkNumpy(64, 32, 10, 42);
    double[] losses = network.train(
        SimpleNeuralNetworkNumpy.doubles(ArrayOps.divide(data.xTrain(), 16.0)),
        SimpleNeuralNetworkNumpy.doubles(ArrayOps.toCategorical(data.yTrain(), 10)), 200, 3e-4);
    double accuracy = network.accuracy(SimpleNeuralNetworkNumpy.doubles(
        ArrayOps.divide(data.xTest(), 16.0)), StdArrays.array1dCopyOf(data.yTest()));
    assertTrue(losses[199] < losses[0] / 4, "loss " + losses[0] + " -> " + losses[199]);
    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
  }
}
