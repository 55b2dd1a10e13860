package keras4j.examples;

import static keras4j.Keras.*;

import keras4j.datasets.AustenPassages;
import keras4j.datasets.Dataset;
import keras4j.layers.Bidirectional;
import keras4j.layers.Dense;
import keras4j.layers.Embedding;
import keras4j.layers.Input;
import keras4j.layers.LSTM;
import keras4j.layers.TextVectorization;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * Text classification from raw strings, keras.io's {@code nlp/text_classification_from_scratch.py}
 * with a bidirectional LSTM in place of its convolutions and the built-in Austen passages in
 * place of IMDB: which of four Jane Austen novels does a paragraph come from? The model takes the
 * strings themselves: a {@code TextVectorization} adapted on the training texts turns them into
 * token indices, then an Embedding, a Bidirectional LSTM and a softmax over the four novels.
 * Prints the test accuracy next to the majority-class baseline (always guessing the largest
 * class, <i>Emma</i>: 0.335). Arguments: the number of epochs (default 3), then the random seed
 * (default 1337), e.g. {@code -Dexample=TextClassifier -Dexec.args="3 42"}.
 *
 * <pre>
 * max_features = 10000
 * sequence_length = 50
 * vectorize_layer = keras.layers.TextVectorization(
 *     max_tokens=max_features, output_mode="int", output_sequence_length=sequence_length)
 * vectorize_layer.adapt(x_train)
 * inputs = keras.Input(shape=(1,), dtype="string")
 * x = vectorize_layer(inputs)
 * x = layers.Embedding(max_features, 32)(x)
 * x = layers.Bidirectional(layers.LSTM(32))(x)
 * predictions = layers.Dense(4, activation="softmax")(x)
 * model = keras.Model(inputs, predictions)
 * model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
 * model.fit(x_train, y_train, batch_size=32, epochs=3)
 * model.evaluate(x_test, y_test)
 * </pre>
 */
public final class TextClassifier {
  /** The vocabulary: the most frequent training tokens, with the padding and OOV indices. */
  public static final int MAX_FEATURES = 10_000;

  /** Tokens per passage: longer ones are cut, shorter ones padded with 0. */
  public static final int SEQUENCE_LENGTH = 50;

  /** Examples per training step. */
  public static final int BATCH_SIZE = 32;

  /** The epochs {@link #main} trains for unless told otherwise, as TextClassifierIT does. */
  public static final int EPOCHS = 3;

  /** The seed of {@link #main} unless told otherwise, as TextClassifierIT sets it. */
  public static final long SEED = 1337;

  private TextClassifier() {}

  /**
   * Builds the classifier, its TextVectorization adapted on {@code trainTexts}, compiled with
   * Adam and sparse categorical cross-entropy.
   *
   * @param trainTexts the training passages, whose tokens make the vocabulary
   * @return the compiled model, taking a string column and giving the four novels' probabilities
   */
  public static Model build(NdArray<String> trainTexts) {
    var vectorizeLayer = new TextVectorization(maxTokens(MAX_FEATURES), outputMode("int"),
        outputSequenceLength(SEQUENCE_LENGTH));
    vectorizeLayer.adapt(trainTexts);
    var inputs = Input.ofType("string", 1);
    var x = vectorizeLayer.apply(inputs);
    x = new Embedding(MAX_FEATURES, 32).apply(x);
    x = new Bidirectional(new LSTM(32)).apply(x);
    var predictions = new Dense(AustenPassages.labelNames().size(), activation("softmax"))
        .apply(x);
    var model = new Model(inputs, predictions);
    model.compile(loss("sparse_categorical_crossentropy"), optimizer("adam"),
        metrics("accuracy"));
    return model;
  }

  /**
   * The accuracy of always guessing the most frequent label.
   *
   * @param labels the labels, 0..3
   * @return the share of the largest class
   */
  public static double majorityBaseline(IntNdArray labels) {
    int[] counts = new int[AustenPassages.labelNames().size()];
    labels.scalars().forEach(label -> counts[label.getInt()]++);
    int largest = 0;
    for (int count : counts) {
      largest = Math.max(largest, count);
    }
    return (double) largest / labels.size();
  }

  /**
   * Trains, evaluates, and classifies two sentences the model has not seen.
   *
   * @param args the number of epochs, then the seed (both optional)
   */
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : EPOCHS;
    RandomSeed.set(args.length > 1 ? Long.parseLong(args[1]) : SEED);
    Dataset<NdArray<String>, IntNdArray> data = AustenPassages.loadData();
    try (var model = build(data.xTrain())) {
      long start = System.nanoTime();
      model.fit(data.xTrain(), data.yTrain(), epochs(epochs), batchSize(BATCH_SIZE),
          verbose(2));
      System.out.printf("trained in %.0f s%n", (System.nanoTime() - start) / 1e9);
      double accuracy = model.evaluate(data.xTest(), data.yTest(), verbose(0)).get("accuracy");
      System.out.printf("Test accuracy: %.4f (majority-class baseline %.4f)%n", accuracy,
          majorityBaseline(data.yTest()));
      String[] unseen = {
          "Elinor and Marianne walked to Barton Park with Mrs. Jennings.",
          "Captain Wentworth wrote the letter while Anne spoke with Captain Harville."};
      float[][] probabilities = StdArrays.array2dCopyOf(model.predict(unseen, verbose(0)));
      for (int i = 0; i < unseen.length; i++) {
        int best = 0;
        for (int label = 1; label < probabilities[i].length; label++) {
          best = probabilities[i][label] > probabilities[i][best] ? label : best;
        }
        System.out.printf("%s -> %s (%.2f)%n", unseen[i], AustenPassages.labelNames().get(best),
            probabilities[i][best]);
      }
    }
  }
}
