package keras4j.examples;

import static keras4j.Keras.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import keras4j.datasets.Digits;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.tuner.BayesianOptimization;
import keras4j.tuner.GridSearch;
import keras4j.tuner.HyperParameters;
import keras4j.tuner.Hyperband;
import keras4j.tuner.RandomSearch;
import keras4j.tuner.Trial;
import keras4j.tuner.Tuner;
import keras4j.utils.ArrayOps;
import keras4j.utils.RandomSeed;

/**
 * The tutorials' question "which learning rate, how wide?" answered on the built-in Digits data:
 * a grid search over learning rate and width, then over the same log-sampled space a random
 * search, Bayesian optimisation and Hyperband (which trains many models briefly and the best
 * longer), each scored by validation accuracy; prints each ranked table. The trials go to a temporary
 * directory ({@code -Dexec.args=DIR} to keep them and resume an interrupted run).
 */
public final class TuneDigits {
  public static void main(String[] args) throws Exception {
    RandomSeed.set(42);
    var data = Digits.loadData();
    var xTrain = ArrayOps.divide(data.xTrain(), 16.0);
    var xTest = ArrayOps.divide(data.xTest(), 16.0);
    String dir = args.length > 0 ? args[0] : Files.createTempDirectory("tune-digits").toString();

    Tuner grid = new GridSearch(hp -> mlp(hp.Choice("learning_rate", List.of(1e-3, 1e-2, 1e-1)),
        hp.Choice("units", List.of(16, 64))), objective("val_accuracy"), directory(dir),
        projectName("grid"));
    grid.search(xTrain, data.yTrain(), epochs(10), validationData(xTest, data.yTest()),
        verbose(0));
    print("Grid search", grid);

    Tuner random = new RandomSearch(TuneDigits::randomModel, objective("val_accuracy"),
        maxTrials(8), seed(1), directory(dir), projectName("random"));
    random.search(xTrain, data.yTrain(), epochs(10), validationData(xTest, data.yTest()),
        verbose(0));
    print("Random search", random);
    random.resultsSummary(1);

    Tuner bayes = new BayesianOptimization(TuneDigits::randomModel, objective("val_accuracy"),
        maxTrials(8), seed(1), directory(dir), projectName("bayesian"));
    bayes.search(xTrain, data.yTrain(), epochs(10), validationData(xTest, data.yTest()),
        verbose(0));
    print("Bayesian optimisation", bayes);

    Tuner hyperband = new Hyperband(TuneDigits::randomModel, objective("val_accuracy"),
        maxEpochs(10), seed(1), directory(dir), projectName("hyperband"));
    hyperband.search(xTrain, data.yTrain(), validationData(xTest, data.yTest()), verbose(0));
    print("Hyperband", hyperband);
  }

  private static Model randomModel(HyperParameters hp) {
    return mlp(hp.Float("learning_rate", 1e-4, 3e-1, "log"), hp.Int("units", 8, 128, 8));
  }

  private static Model mlp(double learningRate, int units) {
    Sequential model = new Sequential(new Dense(units, activation("relu"), inputShape(64)),
        new Dense(10, activation("softmax")));
    model.compile(optimizer(new Adam(learningRate)), loss("sparse_categorical_crossentropy"),
        metrics("accuracy"));
    return model;
  }

  private static void print(String title, Tuner tuner) {
    System.out.println(title + " (best validation accuracy, up to 10 epochs), the 10 best:");
    System.out.printf("%-6s %-14s %-6s %s%n", "trial", "learning_rate", "units", "val_accuracy");
    for (Trial t : tuner.getBestTrials(10)) {
      System.out.printf("%-6s %-14.3g %-6s %.4f%n", t.trialId(),
          ((Number) t.hyperparameters().get("learning_rate")).doubleValue(),
          t.hyperparameters().get("units"), t.score());
    }
    System.out.println();
  }
}
