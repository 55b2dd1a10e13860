package keras4j.examples;

import java.util.Random;
import keras4j.datasets.Digits;
import keras4j.utils.ArrayOps;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * The tutorial's from-scratch {@code SimpleNeuralNetwork} in plain Java arrays, as the original
 * is in NumPy: a relu hidden layer, a linear output, and {@code train} propagating the error back
 * by hand. Trained full-batch on the bundled handwritten digits (one-hot targets); prints the
 * loss (mean squared error) per epoch and the test accuracy.
 *
 * <p>Each method mirrors a NumPy expression, given in the comments; the few array helpers at the
 * bottom stand in for {@code np.dot}, {@code .T} and {@code np.sum(axis=0)}.
 */
public final class SimpleNeuralNetworkNumpy {
  private final double[][] weights1;
  private final double[] bias1;
  private final double[][] weights2;
  private final double[] bias2;
  private double[][] hidden;

  /**
   * A network with weights drawn from N(0, 0.1^2) by {@code seed} and zero biases. (With
   * {@code np.random.randn}'s unit variance, 64 pixel inputs leave most ReLUs dead.)
   */
  public SimpleNeuralNetworkNumpy(int inputSize, int hiddenSize, int outputSize, long seed) {
    Random random = new Random(seed);
    weights1 = randn(random, inputSize, hiddenSize);  // np.random.randn(input_size, hidden_size) * 0.1
    bias1 = new double[hiddenSize];                   // np.zeros((1, hidden_size))
    weights2 = randn(random, hiddenSize, outputSize);
    bias2 = new double[outputSize];
  }

  /** {@code hidden = relu(inputs @ weights1 + bias1); return hidden @ weights2 + bias2}. */
  public double[][] forward(double[][] inputs) {
    hidden = dot(inputs, weights1);
    for (double[] row : hidden) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j] + bias1[j]);            // np.maximum(0, ... + self.bias1)
      }
    }
    double[][] outputs = dot(hidden, weights2);
    for (double[] row : outputs) {
      for (int j = 0; j < row.length; j++) {
        row[j] += bias2[j];
      }
    }
    return outputs;
  }

  /** Gradient descent on the squared error, by hand; prints and returns the loss per epoch. */
  public double[] train(double[][] inputs, double[][] targets, int epochs, double learningRate) {
    double[] losses = new double[epochs];
    for (int epoch = 0; epoch < epochs; epoch++) {
      double[][] outputs = forward(inputs);
      double[][] error = new double[outputs.length][];       // error = targets - outputs
      double squares = 0;
      for (int i = 0; i < outputs.length; i++) {
        error[i] = new double[outputs[i].length];
        for (int j = 0; j < outputs[i].length; j++) {
          error[i][j] = targets[i][j] - outputs[i][j];
          squares += error[i][j] * error[i][j];
        }
      }
      double[][] dWeights2 = dot(transpose(hidden), error);  // hidden.T @ error
      double[] dBias2 = sumRows(error);                       // np.sum(error, axis=0)
      double[][] dHidden = dot(error, transpose(weights2));   // error @ weights2.T * (hidden > 0)
      for (int i = 0; i < dHidden.length; i++) {
        for (int j = 0; j < dHidden[i].length; j++) {
          dHidden[i][j] = hidden[i][j] > 0 ? dHidden[i][j] : 0;
        }
      }
      double[][] dWeights1 = dot(transpose(inputs), dHidden); // inputs.T @ d_hidden
      double[] dBias1 = sumRows(dHidden);
      addScaled(weights2, dWeights2, learningRate);           // weights2 += lr * d_weights2
      addScaled(bias2, dBias2, learningRate);
      addScaled(weights1, dWeights1, learningRate);
      addScaled(bias1, dBias1, learningRate);
      losses[epoch] = squares / (outputs.length * outputs[0].length);
      System.out.printf("Epoch %d/%d, Loss: %.6f%n", epoch + 1, epochs, losses[epoch]);
    }
    return losses;
  }

  /** The fraction of samples whose largest output is at the label's index. */
  public double accuracy(double[][] inputs, int[] labels) {
    double[][] outputs = forward(inputs);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int c = 1; c < outputs[i].length; c++) {
        best = outputs[i][c] > outputs[i][best] ? c : best;
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }

  private static double[][] randn(Random random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int j = 0; j < cols; j++) {
        row[j] = 0.1 * random.nextGaussian();
      }
    }
    return out;
  }

  private static double[][] dot(double[][] a, double[][] b) {
    double[][] out = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double aik = a[i][k];
        for (int j = 0; j < b[0].length; j++) {
          out[i][j] += aik * b[k][j];
        }
      }
    }
    return out;
  }

  private static double[][] transpose(double[][] a) {
    double[][] out = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[j][i] = a[i][j];
      }
    }
    return out;
  }

  private static double[] sumRows(double[][] a) {
    double[] out = new double[a[0].length];
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        out[j] += row[j];
      }
    }
    return out;
  }

  private static void addScaled(double[][] target, double[][] delta, double scale) {
    for (int i = 0; i < target.length; i++) {
      addScaled(target[i], delta[i], scale);
    }
  }

  private static void addScaled(double[] target, double[] delta, double scale) {
    for (int j = 0; j < target.length; j++) {
      target[j] += scale * delta[j];
    }
  }

  /** A float32 matrix as {@code double[][]}, NumPy's default precision. */
  public static double[][] doubles(FloatNdArray matrix) {
    float[][] floats = StdArrays.array2dCopyOf(matrix);
    double[][] out = new double[floats.length][];
    for (int i = 0; i < floats.length; i++) {
      out[i] = new double[floats[i].length];
      for (int j = 0; j < floats[i].length; j++) {
        out[i][j] = floats[i][j];
      }
    }
    return out;
  }

  /** Trains on the digits and prints the test accuracy. */
  public static void main(String[] args) {
    var data = Digits.loadData();
    double[][] xTrain = doubles(ArrayOps.divide(data.xTrain(), 16.0));
    double[][] xTest = doubles(ArrayOps.divide(data.xTest(), 16.0));
    double[][] yTrain = doubles(ArrayOps.toCategorical(data.yTrain(), 10));

    var network = new SimpleNeuralNetworkNumpy(64, 32, 10, 42);
    network.train(xTrain, yTrain, 200, 3e-4);
    System.out.printf("Test accuracy: %.4f%n",
        network.accuracy(xTest, StdArrays.array1dCopyOf(data.yTest())));
  }
}
