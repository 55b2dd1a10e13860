package keras4j.tuner;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.models.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hyperparameters, random and grid search, trial records and resuming. */
class TunerTest {
  @TempDir
  Path dir;

  private static final float[][] X = LinearProblem.X;
  private static final float[] Y = LinearProblem.Y;

  /** The linear problem over three learning rates and 1 to 3 units: a grid of 9. */
  private static Model linear(HyperParameters hp, List<Map<String, Object>> built) {
    return LinearProblem.linear(hp, List.of(1e-6, 0.001, 0.05), built);
  }

  @Test
  void hyperparametersReturnDefaultsThenTheTrialsValues() {
    HyperParameters defaults = new HyperParameters();
    assertEquals(32, defaults.Int("units", 32, 512, 32));
    assertEquals(1e-4, defaults.Float("lr", 1e-4, 1e-2, "log"));
    assertEquals("relu", defaults.Choice("act", List.of("relu", "tanh")));
    assertEquals(false, defaults.Boolean("dropout"));
    HyperParameters trial = new HyperParameters(new java.util.LinkedHashMap<>(),
        Map.of("units", 96L, "act", "tanh", "dropout", true));
    assertEquals(96, trial.Int("units", 32, 512, 32));
    assertEquals("tanh", trial.Choice("act", List.of("relu", "tanh")));
    List<String> ran = new ArrayList<>();
    trial.conditionalScope("dropout", List.of(true), () -> ran.add("rate " + trial.Float("rate",
        0.1, 0.5)));
    trial.conditionalScope("act", List.of("relu"), () -> ran.add("never"));
    assertEquals(List.of("rate 0.1"), ran);
    assertEquals(Map.of("units", 96, "act", "tanh", "dropout", true, "rate", 0.1),
        trial.values());
    assertEquals("'lr' is sampled \"log\", so its minValue must be > 0, got 0.0",
        assertThrows(IllegalArgumentException.class,
            () -> defaults.Float("lr", 0, 1, "log")).getMessage());
  }

  @Test
  void logSamplingSpreadsOverTheDecades() {
    HyperParameter.Real lr = new HyperParameter.Real("lr", 1e-4, 1e-1, null, "log", List.of());
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    int[] decades = new int[3];
    for (int i = 0; i < 3000; i++) {
      double v = (Double) lr.sample(random);
      assertTrue(v >= 1e-4 && v <= 1e-1);
      decades[(int) Math.floor(Math.log10(v) + 4)]++;
    }
    for (int d : decades) {
      assertTrue(Math.abs(d - 1000) < 100, "a third in each decade: " + java.util.Arrays
          .toString(decades));
    }
  }

  @Test
  void gridSearchVisitsExactlyTheGridLastParameterFastest() {
    List<Map<String, Object>> built = new ArrayList<>();
    GridSearch tuner = new GridSearch(hp -> linear(hp, built), objective("loss"),
        directory(dir.toString()), projectName("grid"));
    tuner.search(X, Y, epochs(2), batchSize(8), verbose(0));
    List<Map<String, Object>> trials = tuner.trials().stream().map(Trial::hyperparameters)
        .toList();
    List<Map<String, Object>> expected = new ArrayList<>();
    for (double lr : new double[] {1e-6, 0.001, 0.05}) {
      for (int units = 1; units <= 3; units++) {
        expected.add(Map.of("learning_rate", lr, "units", units));
      }
    }
    assertEquals(expected, trials);
    assertEquals(0.05, tuner.getBestHyperparameters(1).get(0).get("learning_rate"));
  }

  @Test
  void randomSearchFindsTheKnownBestSettingAndRecordsItsTrials() throws Exception {
    List<Map<String, Object>> built = new ArrayList<>();
    RandomSearch tuner = new RandomSearch(hp -> linear(hp, built), objective("loss"),
        maxTrials(9), seed(3), directory(dir.toString()), projectName("random"));
    tuner.search(X, Y, epochs(5), batchSize(8), verbose(0));
    assertEquals(9, tuner.trials().size());
    assertEquals(9, tuner.trials().stream().map(t -> Tuner.key(t.hyperparameters()))
        .distinct().count(), "no set of values twice");
    Trial best = tuner.getBestTrials(1).get(0);
    assertEquals(0.05, best.hyperparameters().get("learning_rate"));
    // lr 1e-6 hardly learns: its loss stays near mean(y^2) = 18.75 for these 8 samples.
    double zero = tuner.trials().stream().filter(t -> t.hyperparameters().get("learning_rate")
        .equals(1e-6)).findFirst().orElseThrow().score();
    assertEquals(18.75, zero, 1e-2);
    assertTrue(Files.exists(dir.resolve("random/trial_0/trial.json")));
    assertTrue(Files.readString(dir.resolve("random/trial_0/trial.json"))
        .matches("(?s).*\"status\": ?\"COMPLETED\".*"));
    String summary = tuner.resultsSummaryText(2);
    assertTrue(summary.startsWith("Results summary\nResults in " + dir.resolve("random")
        + "\nShowing 2 best trials\nObjective(name=\"loss\", direction=\"min\")\n\nTrial "),
        summary);
    assertTrue(summary.contains("Hyperparameters:\nlearning_rate: 0.05\nunits: "), summary);
    try (Model model = tuner.getBestModels(1).get(0)) {
      assertTrue(model.evaluate(X, Y, verbose(0)).get("loss") < zero);
    }
  }

  @Test
  void anInterruptedSearchResumesWithoutRepeatingFinishedTrials() {
    // The uninterrupted search, for comparison.
    List<Map<String, Object>> whole = new ArrayList<>();
    RandomSearch reference = new RandomSearch(hp -> linear(hp, whole), objective("loss"),
        maxTrials(6), seed(5), directory(dir.toString()), projectName("reference"));
    reference.search(X, Y, epochs(1), batchSize(8), verbose(0));

    // The same search, which dies while building its fourth trial's model (trial 03).
    List<Map<String, Object>> first = new ArrayList<>();
    int[] trialBuilds = {0};
    Function<HyperParameters, Model> dying = hp -> {
      Model m = linear(hp, first);
      if (first.size() > discoveryBuilds(whole, reference) && ++trialBuilds[0] == 4) {
        m.close();
        throw new IllegalStateException("killed");
      }
      return m;
    };
    RandomSearch killed = new RandomSearch(dying, objective("loss"), maxTrials(6), seed(5),
        directory(dir.toString()), projectName("resumed"));
    assertThrows(IllegalStateException.class,
        () -> killed.search(X, Y, epochs(1), batchSize(8), verbose(0)));
    assertEquals(3, killed.trials().size());

    List<Map<String, Object>> second = new ArrayList<>();
    RandomSearch resumed = new RandomSearch(hp -> linear(hp, second), objective("loss"),
        maxTrials(6), seed(5), directory(dir.toString()), projectName("resumed"));
    assertEquals(3, resumed.trials().size(), "the finished trials are read back");
    resumed.search(X, Y, epochs(1), batchSize(8), verbose(0));
    List<Map<String, Object>> trained = second.subList(discoveryBuilds(whole, reference),
        second.size());
    assertEquals(3, trained.size(), "only trials 03 to 05 train again");
    assertEquals(reference.trials().stream().map(Trial::hyperparameters).toList(),
        resumed.trials().stream().map(Trial::hyperparameters).toList(),
        "the same trials as the uninterrupted search");
  }

  /** The builds that discovered the space before the reference's trials. */
  private static int discoveryBuilds(List<Map<String, Object>> built, Tuner reference) {
    return built.size() - reference.trials().size();
  }

  @Test
  void anObjectiveMissingFromTheLogsIsNamed() {
    RandomSearch tuner = new RandomSearch(hp -> linear(hp, new ArrayList<>()),
        objective("val_loss"), maxTrials(1), directory(dir.toString()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> tuner.search(X, Y, epochs(1), verbose(0)));
    assertTrue(e.getMessage().startsWith("The objective 'val_loss' is not among the training"
        + " logs [loss]"), e.getMessage());
    assertEquals("Could not infer optimization direction (\"min\" or \"max\") for unknown metric"
        + " \"val_f1\". Please specify the objective as new Objective(\"val_f1\", direction)",
        assertThrows(IllegalArgumentException.class, () -> objective("val_f1")).getMessage());
  }
}
