package keras4j.examples;

import static keras4j.tf.TF.*;

import java.util.ArrayList;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.datasets.Digits;
import keras4j.optimizers.Adam;
import keras4j.tf.GradientTape;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The tutorial's {@code ComplexNeuralNetwork}, TensorFlow low-level ops and a {@code GradientTape}
 * custom loop, ported line for line with {@code keras4j.tf.TF}; trained full-batch on the bundled
 * handwritten digits with the tutorial's MSE loss on one-hot targets.
 *
 * <p>The one structural change: the training step is a traced function ({@code TF.function}, as
 * {@code @tf.function} in Python), built once and run every epoch, because keras4j runs low-level
 * ops in graph mode. {@code tf.train.AdamOptimizer} (TensorFlow 1) becomes keras4j's {@code Adam}.
 */
public final class ComplexNeuralNetworkTF {
  private static final float STDDEV = 0.1f;
  private final int[] hiddenSizes;
  private final double learningRate;
  private final List<Variable> weights = new ArrayList<>();
  private final List<Variable> biases = new ArrayList<>();
  private final Variable outputWeights;
  private final Variable outputBiases;

  /** A network of relu layers of {@code hiddenSizes} units and a linear output layer. */
  public ComplexNeuralNetworkTF(
      int inputSize, int[] hiddenSizes, int outputSize, double learningRate) {
    this.hiddenSizes = hiddenSizes;
    this.learningRate = learningRate;
    // Fix: the original loops i over range(len(hidden_sizes)) and reads hidden_sizes[i + 1], past
    // the end, and never sizes the first layer by input_size. Its intent, which forward() relies
    // on: layer i maps sizes[i] to sizes[i + 1], where sizes = [input_size] + hidden_sizes.
    long[] sizes = new long[hiddenSizes.length + 1];
    sizes[0] = inputSize;
    for (int i = 0; i < hiddenSizes.length; i++) {
      sizes[i + 1] = hiddenSizes[i];
    }
    // Standard deviation 0.1 where the original draws from N(0, 1): unit-variance weights on 64
    // pixel inputs blow the first outputs up to ~100 and leave most ReLUs dead (10% accuracy).
    for (int i = 0; i < hiddenSizes.length; i++) {
      weights.add(variable(random.normal(new long[] {sizes[i], sizes[i + 1]}, 0f, STDDEV)));
      biases.add(variable(random.normal(new long[] {sizes[i + 1]}, 0f, STDDEV)));
    }
    outputWeights = variable(
        random.normal(new long[] {hiddenSizes[hiddenSizes.length - 1], outputSize}, 0f, STDDEV));
    outputBiases = variable(random.normal(new long[] {outputSize}, 0f, STDDEV));
  }

  /** The trainable variables, in the tutorial's order: weights, biases, output weights and biases. */
  public List<Variable> variables() {
    List<Variable> all = new ArrayList<>(weights);
    all.addAll(biases);
    all.add(outputWeights);
    all.add(outputBiases);
    return all;
  }

  /** The forward pass: relu hidden layers, then a linear output. */
  public KerasTensor forward(KerasTensor inputs) {
    KerasTensor hidden = nn.relu(add(matmul(inputs, weights.get(0)), biases.get(0)));
    for (int i = 0; i < hiddenSizes.length - 1; i++) {
      hidden = nn.relu(add(matmul(hidden, weights.get(i + 1)), biases.get(i + 1)));
    }
    return add(matmul(hidden, outputWeights), outputBiases);
  }

  /** Trains on all of {@code inputs} each epoch, printing the loss; returns the losses. */
  public float[] train(Object inputs, Object targets, int epochs) {
    Adam optimizer = new Adam(learningRate);
    List<Variable> variables = variables();
    float[] losses = new float[epochs];
    try (var trainStep = function((x, y) -> {
      GradientTape tape = new GradientTape();
      KerasTensor loss;
      try (tape) {
        KerasTensor predictions = forward(x);
        loss = reduceMean(square(subtract(predictions, y)));
      }
      List<KerasTensor> gradients = tape.gradient(loss, variables);
      optimizer.applyGradients(gradients, variables);
      return loss;
    })) {
      for (int epoch = 0; epoch < epochs; epoch++) {
        KerasTensor loss = trainStep.call(inputs, targets);
        losses[epoch] = loss.numpy().getFloat();
        System.out.printf("Epoch %d/%d, Loss: %s%n", epoch + 1, epochs, losses[epoch]);
      }
    }
    return losses;
  }

  /** The network's outputs for {@code inputs}. */
  public FloatNdArray predict(Object inputs) {
    try (var forwardPass = function(this::forward)) {
      return forwardPass.call(inputs).numpy();
    }
  }

  /** The fraction of rows of {@code outputs} whose largest value is at the label's index. */
  public static double accuracy(FloatNdArray outputs, IntNdArray labels) {
    long n = labels.shape().get(0);
    long classes = outputs.shape().get(1);
    int correct = 0;
    for (long i = 0; i < n; i++) {
      long best = 0;
      for (long c = 1; c < classes; c++) {
        if (outputs.getFloat(i, c) > outputs.getFloat(i, best)) {
          best = c;
        }
      }
      correct += best == labels.getInt(i) ? 1 : 0;
    }
    return (double) correct / n;
  }

  /** Trains on the digits and prints the test accuracy. */
  public static void main(String[] args) {
    RandomSeed.set(42);
    var data = Digits.loadData();
    FloatNdArray xTrain = ArrayOps.divide(data.xTrain(), 16.0);
    FloatNdArray xTest = ArrayOps.divide(data.xTest(), 16.0);
    FloatNdArray yTrain = ArrayOps.toCategorical(data.yTrain(), 10);

    var network = new ComplexNeuralNetworkTF(64, new int[] {64, 32}, 10, 0.01);
    network.train(xTrain, yTrain, 300);
    System.out.printf("Test accuracy: %.4f%n", accuracy(network.predict(xTest), data.yTest()));
  }
}
