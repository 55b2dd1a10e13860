package keras4j.examples;

import static keras4j.Keras.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.callbacks.ModelCheckpoint;
import keras4j.datasets.Digits;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.metrics.FalseNegatives;
import keras4j.metrics.FalsePositives;
import keras4j.metrics.Precision;
import keras4j.metrics.Recall;
import keras4j.metrics.TrueNegatives;
import keras4j.metrics.TruePositives;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * keras.io's {@code examples/structured_data/imbalanced_classification.py} ("Imbalanced
 * classification: credit card fraud detection", fchollet), ported line for line: class weights
 * against a rare positive class. The original reads Kaggle's {@code creditcard.csv} (pass its path
 * as {@code csv=PATH}); without it, this port classifies the built-in UCI digits as "a zero" (10%
 * of the samples) or not, the same problem shape offline. Other arguments: {@code epochs=N}.
 */
public final class ImbalancedClassification {
  private ImbalancedClassification() {}

  /**
   * Runs the script.
   *
   * @param args {@code csv=PATH} and {@code epochs=N} (both optional)
   * @throws IOException if the CSV file cannot be read
   */
  public static void main(String[] args) throws IOException {
    run(args);
  }

  /** The script; returns the last epoch's logs. */
  static Map<String, Double> run(String... args) throws IOException {
    String csv = null;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("csv=")) {
        csv = arg.substring("csv=".length());
      } else {
        rest.add(arg);
      }
    }
    GalleryArgs options = GalleryArgs.parse(rest.toArray(String[]::new));

    // First, vectorize the CSV data
    List<float[]> allFeatures = new ArrayList<>();
    List<Integer> allTargets = new ArrayList<>();
    if (csv != null) {
      List<String> lines = Files.readAllLines(Path.of(csv));
      System.out.println("HEADER: " + lines.get(0).strip());
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.strip().split(",");
        float[] features = new float[fields.length - 1];
        for (int i = 0; i < features.length; i++) {
          features[i] = Float.parseFloat(fields[i].replace("\"", ""));
        }
        allFeatures.add(features);
        allTargets.add(Integer.parseInt(fields[fields.length - 1].replace("\"", "")));
      }
    } else {
      var digits = Digits.loadData();
      addZeroOrNot(digits.xTrain(), digits.yTrain(), allFeatures, allTargets);
      addZeroOrNot(digits.xTest(), digits.yTest(), allFeatures, allTargets);
    }
    float[][] features = allFeatures.toArray(float[][]::new);
    float[] targets = new float[allTargets.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = allTargets.get(i);
    }
    System.out.println("features.shape: (" + features.length + ", " + features[0].length + ")");
    System.out.println("targets.shape: (" + targets.length + ", 1)");

    // Prepare a validation set
    int numValSamples = (int) (features.length * 0.2);
    int numTrain = features.length - numValSamples;
    float[][] trainFeatures = Arrays.copyOfRange(features, 0, numTrain);
    float[] trainTargets = Arrays.copyOfRange(targets, 0, numTrain);
    float[][] valFeatures = Arrays.copyOfRange(features, numTrain, features.length);
    float[] valTargets = Arrays.copyOfRange(targets, numTrain, targets.length);
    System.out.println("Number of training samples: " + trainFeatures.length);
    System.out.println("Number of validation samples: " + valFeatures.length);

    // Analyze class imbalance in the targets
    int[] counts = new int[2];
    for (float t : trainTargets) {
      counts[(int) t]++;
    }
    System.out.printf("Number of positive samples in training data: %d (%.2f%% of total)%n",
        counts[1], 100.0 * counts[1] / trainTargets.length);
    double weightFor0 = 1.0 / counts[0];
    double weightFor1 = 1.0 / counts[1];

    // Normalize the data using training set statistics
    int columns = trainFeatures[0].length;
    for (int c = 0; c < columns; c++) {
      double mean = 0;
      for (float[] row : trainFeatures) {
        mean += row[c];
      }
      mean /= trainFeatures.length;
      double variance = 0;
      for (float[] row : trainFeatures) {
        variance += (row[c] - mean) * (row[c] - mean);
      }
      // numpy's std; a constant column (the digits' blank border pixels) is left at zero.
      double std = Math.sqrt(variance / trainFeatures.length);
      for (float[][] part : List.of(trainFeatures, valFeatures)) {
        for (float[] row : part) {
          row[c] = (float) (std == 0 ? row[c] - mean : (row[c] - mean) / std);
        }
      }
    }

    // Build a binary classification model
    try (Sequential model = new Sequential(
        new Dense(256, activation("relu"), inputShape(columns)),
        new Dense(256, activation("relu")),
        new Dropout(0.3),
        new Dense(256, activation("relu")),
        new Dropout(0.3),
        new Dense(1, activation("sigmoid")))) {
      model.summary();

      // Train the model with the classWeight argument
      model.compile(optimizer(new Adam(1e-2)), loss("binary_crossentropy"),
          metrics(new FalseNegatives("fn"), new FalsePositives("fp"), new TrueNegatives("tn"),
              new TruePositives("tp"), new Precision("precision"), new Recall("recall")));
      Path checkpoints = Files.createDirectories(Path.of("target", "imbalanced_classification"));
      var callbacks = callbacks(new ModelCheckpoint(
          checkpoints.resolve("fraud_model_at_epoch_{epoch}.keras").toString()));
      Map<Integer, Double> classWeight = Map.of(0, weightFor0, 1, weightFor1);
      History history = model.fit(trainFeatures, trainTargets, batchSize(2048),
          epochs(options.epochs(30)), verbose(2), callbacks,
          validationData(valFeatures, valTargets), classWeight(classWeight));
      Map<String, Double> last = new LinkedHashMap<>();
      history.history().forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
      System.out.printf("Out of %d validation samples: %.0f found positive, %.0f positives"
          + " missed, %.0f negatives flagged%n", valFeatures.length, last.get("val_tp"),
          last.get("val_fn"), last.get("val_fp"));
      return last;
    }
  }

  /** The digits' pixels, each labelled 1 if it is a zero (the rare class), else 0. */
  private static void addZeroOrNot(FloatNdArray x, IntNdArray y, List<float[]> features,
      List<Integer> targets) {
    float[][] rows = StdArrays.array2dCopyOf(x);
    int[] digits = StdArrays.array1dCopyOf(y);
    for (int i = 0; i < rows.length; i++) {
      features.add(rows[i]);
      targets.add(digits[i] == 0 ? 1 : 0);
    }
  }
}
