package keras4j.callbacks;

import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.useBias;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import org.tensorflow.ndarray.NdArrays;

/**
 * The callbacks tests' model: y = w * x without bias, w starting at 0, trained with SGD on "mse"
 * towards w = 2. On the full batch {@link #X} the loss is 7.5 * (w - 2)^2 (the mean of x^2 is
 * 7.5) and one SGD step maps w - 2 to (1 - 15 * lr) * (w - 2).
 */
final class TinyRegression {
  static final float[][] X = {{1}, {2}, {3}, {4}};
  static final float[][] Y = {{2}, {4}, {6}, {8}};

  private TinyRegression() {}

  /** The compiled model, w = 0. */
  static Sequential model(double learningRate) {
    Sequential model = new Sequential(new Dense(1, inputShape(1), useBias(false)));
    setKernel(model, 0f);
    model.compile(optimizer(new SGD(learningRate)), loss("mse"));
    return model;
  }

  static void setKernel(Model model, float w) {
    model.setWeights(List.of(NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(1, 1))
        .setFloat(w, 0, 0)));
  }

  static float kernel(Model model) {
    return model.getWeights().get(0).getFloat(0, 0);
  }

  /** What {@code body} prints to {@code System.out}. */
  static String capture(Runnable body) {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
