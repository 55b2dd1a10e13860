package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;

import java.util.ArrayList;
import java.util.List;
import keras4j.datasets.FashionMnist;
import keras4j.layers.Activation;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.GlobalAveragePooling2D;
import keras4j.layers.Layer;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.RandomFlip;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.optimizers.schedules.CosineDecay;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A small CNN on Fashion-MNIST: random horizontal flips, convolutions with BatchNormalization,
 * a GlobalAveragePooling2D head with Dropout, Adam on a cosine-decaying rate.
 * Pass the number of epochs as the first argument (default 8).
 *
 * <pre>
 * model = keras.Sequential([
 *     keras.Input((28, 28, 1)),
 *     layers.RandomFlip("horizontal"),
 *     layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
 *     *conv_bn_relu(64), layers.MaxPooling2D(),
 *     *conv_bn_relu(128),
 *     layers.GlobalAveragePooling2D(),
 *     layers.Dense(128, activation="relu"), layers.Dropout(0.3),
 *     layers.Dense(10, activation="softmax")])
 * steps = epochs * ceil(60000 / 128)
 * model.compile(optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(2e-3, steps)),
 *               loss="sparse_categorical_crossentropy", metrics=["accuracy"], steps_per_execution=16)
 * model.fit(x_train, y_train, batch_size=128, epochs=epochs)
 * </pre>
 */
public final class FashionCnn {
  /** Examples per training step; {@link #build} sizes its schedule by it. */
  public static final int BATCH_SIZE = 128;

  /** The epochs {@link #main} trains for unless told otherwise, as FashionCnnIT does. */
  public static final int EPOCHS = 8;

  private FashionCnn() {}

  /**
   * Builds the network, compiled with Adam whose rate decays to 0 over {@code epochs} of
   * Fashion-MNIST's 60000 training images.
   *
   * @param epochs the epochs the model will be trained for
   * @return the compiled model
   */
  public static Sequential build(int epochs) {
    // Most of the work runs at 14x14 and 7x7: the first convolution (one input channel, cheap)
    // has no BatchNormalization, whose batch statistics would cost more than the convolution
    // itself at 28x28x32.
    List<Layer> layers = new ArrayList<>(List.of(
        new RandomFlip(mode("horizontal"), inputShape(28, 28, 1)),
        new Conv2D(32, 3, padding("same"), activation("relu")),
        new MaxPooling2D()));
    convBnRelu(layers, 64);
    layers.add(new MaxPooling2D());
    convBnRelu(layers, 128);
    layers.addAll(List.of(new GlobalAveragePooling2D(), new Dense(128, activation("relu")),
        new Dropout(0.3), new Dense(10, activation("softmax"))));
    var model = new Sequential(layers);
    long steps = (long) epochs * ((60000 + BATCH_SIZE - 1) / BATCH_SIZE);
    model.compile(optimizer(new Adam(learningRate(new CosineDecay(2e-3, steps)))),
        loss("sparse_categorical_crossentropy"), metrics("accuracy"), stepsPerExecution(16));
    return model;
  }

  /** A 3x3 convolution without bias (BatchNormalization's beta takes its place), BN, ReLU. */
  private static void convBnRelu(List<Layer> layers, int filters) {
    layers.addAll(List.of(new Conv2D(filters, 3, padding("same"), useBias(false)),
        new BatchNormalization(), new Activation("relu")));
  }

  /**
   * Fashion-MNIST's images as the network takes them.
   *
   * @param raw the images as loaded, (n, 28, 28) bytes
   * @return the images scaled to [0, 1], shaped (n, 28, 28, 1)
   */
  public static FloatNdArray images(ByteNdArray raw) {
    return divide(reshape(raw, -1, 28, 28, 1), 255.0);
  }

  /**
   * Trains and evaluates.
   *
   * @param args the number of epochs (optional)
   */
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : EPOCHS;
    var data = FashionMnist.loadData();
    var xTest = images(data.xTest());
    try (var model = build(epochs)) {
      long start = System.nanoTime();
      model.fit(images(data.xTrain()), data.yTrain(), epochs(epochs), batchSize(BATCH_SIZE),
          validationData(xTest, data.yTest()), verbose(2));
      System.out.printf("trained in %.0f s%n", (System.nanoTime() - start) / 1e9);
      System.out.println("Test accuracy: "
          + model.evaluate(xTest, data.yTest(), verbose(0)).get("accuracy"));
    }
  }
}
