package keras4j.models;

import static keras4j.Keras.activation;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.metrics;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.useBias;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each mistake a user can make gives a Java exception that names the problem and the fix. */
class BadInputTest {
  private static final float[][] X = new float[8][4];
  private static final float[][] Y = new float[8][3];
  private static final int[] CLASS_IDS = {0, 1, 2, 0, 1, 2, 0, 1};

  private static Sequential model(String activation) {
    return new Sequential(new Dense(3, inputShape(4), activation(activation)));
  }

  private static <T extends Throwable> String message(Class<T> type, Executable call) {
    return assertThrows(type, call).getMessage();
  }

  private static void assertMentions(String message, String... words) {
    for (String word : words) {
      assertTrue(message.contains(word), "'" + word + "' missing from: " + message);
    }
  }

  @Test
  void wrongFeatureCount() {
    try (Sequential model = model("linear")) {
      model.compile(optimizer("sgd"), loss("mse"));
      float[][] fiveFeatures = new float[8][5];
      assertMentions(message(IllegalArgumentException.class,
          () -> model.fit(fiveFeatures, Y, verbose(0))), "(None, 4)", "(5,)");
      assertMentions(message(IllegalArgumentException.class,
          () -> model.predict(fiveFeatures, verbose(0))), "(None, 4)", "(5,)");
    }
  }

  @Test
  void samplesAndLabelsDifferInLength() {
    try (Sequential model = model("linear")) {
      model.compile(optimizer("sgd"), loss("mse"));
      assertMentions(message(IllegalArgumentException.class,
          () -> model.fit(X, new float[7][3], verbose(0))), "8 samples", "7");
    }
  }

  @Test
  void integerLabelsWithCategoricalCrossentropy() {
    try (Sequential model = model("softmax")) {
      model.compile(optimizer("adam"), loss("categorical_crossentropy"));
      assertMentions(message(IllegalArgumentException.class,
          () -> model.fit(X, CLASS_IDS, verbose(0))),
          "one-hot", "toCategorical", "sparse_categorical_crossentropy");
    }
  }

  @Test
  void oneHotLabelsWithSparseCategoricalCrossentropy() {
    try (Sequential model = model("softmax")) {
      model.compile(optimizer("adam"), loss("sparse_categorical_crossentropy"));
      assertMentions(message(IllegalArgumentException.class,
          () -> model.fit(X, Y, verbose(0))),
          "class id", "(None, 3)", "loss(\"categorical_crossentropy\")");
    }
  }

  @Test
  void unknownAliasesListTheValidOnes() {
    try (Sequential model = model("linear")) {
      assertMentions(message(IllegalArgumentException.class,
          () -> model.compile(optimizer("adamw2"), loss("mse"))),
          "Unknown optimizer 'adamw2'", "adam", "nadam", "sgd");
      assertMentions(message(IllegalArgumentException.class,
          () -> model.compile(optimizer("sgd"), loss("mean_squared"))),
          "Unknown loss 'mean_squared'", "mse", "categorical_crossentropy");
      assertMentions(message(IllegalArgumentException.class,
          () -> model.compile(optimizer("sgd"), loss("mse"), metrics("accuracyy"))),
          "Unknown metric 'accuracyy'", "accuracy", "mae");
    }
    assertMentions(message(IllegalArgumentException.class, () -> model("relu6x")),
        "Unknown activation 'relu6x'", "relu", "softmax");
  }

  @Test
  void fitBeforeCompile() {
    try (Sequential model = model("linear")) {
      assertMentions(message(IllegalStateException.class, () -> model.fit(X, Y, verbose(0))),
          "compile()", "before fit()");
      assertMentions(message(IllegalStateException.class, () -> model.evaluate(X, Y)),
          "compile()", "before evaluate()");
    }
  }

  @Test
  void keywordTheLayerDoesNotTake() {
    assertMentions(message(IllegalArgumentException.class, () -> new Dropout(0.5, useBias(false))),
        "Dropout()", "unexpected keyword argument 'use_bias'",
        "it accepts [dtype, input_shape, name, noise_shape, seed, trainable]");
  }
}
