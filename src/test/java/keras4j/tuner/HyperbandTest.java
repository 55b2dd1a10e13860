package keras4j.tuner;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyperband's schedule equals KerasTuner's, its continued trials start from their parents'
 * best-epoch checkpoints, and it finds the known best learning rate.
 */
class HyperbandTest {
  @TempDir
  Path dir;

  /**
   * Each trial as "bracket round initial_epoch epochs", in trial order, from KerasTuner's
   * HyperbandOracle formulas worked by hand for maxEpochs 9, factor 3: 3 brackets (9, 3, 1 are
   * >= 1; 1/3 is not); the last round of bracket 0 has ceil(1 + log_3 9) = 3 trials, so round r
   * of bracket b has ceil(3 / (b + 1) * 3^(b - r)) trials trained to ceil(9 / 3^(b - r)) epochs:
   * bracket 2: 9 trials to epoch 1, 3 to 3, 1 to 9; bracket 1: ceil(4.5) = 5 to 3, ceil(1.5) = 2
   * to 9; bracket 0: 3 to 9. A continued trial starts at its round's previous epochs.
   */
  private static final List<String> SCHEDULE_9_3 = schedule(
      9, "2 0 0 1", 3, "2 1 1 3", 1, "2 2 3 9",
      5, "1 0 0 3", 2, "1 1 3 9",
      3, "0 0 0 9");

  /**
   * The same for maxEpochs 4, factor 2: 3 brackets (4, 2, 1); bracket 0's round has ceil(1 +
   * log_2 4) = 3 trials; bracket 2: 3 * 4 / 3 = 4 trials to epoch 1, 2 to 2, 1 to 4; bracket 1:
   * 1.5 * 2 = 3 to 2, ceil(1.5) = 2 to 4; bracket 0: 3 to 4.
   */
  private static final List<String> SCHEDULE_4_2 = schedule(
      4, "2 0 0 1", 2, "2 1 1 2", 1, "2 2 2 4",
      3, "1 0 0 2", 2, "1 1 2 4",
      3, "0 0 0 4");

  private static List<String> schedule(Object... countsAndRows) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < countsAndRows.length; i += 2) {
      out.addAll(Collections.nCopies((Integer) countsAndRows[i], (String) countsAndRows[i + 1]));
    }
    return out;
  }

  private static String row(Trial t) {
    Map<String, Object> v = t.hyperparameters();
    return v.get("tuner/bracket") + " " + v.get("tuner/round") + " " + v.get("tuner/initial_epoch")
        + " " + v.get("tuner/epochs");
  }

  private Hyperband search(int maxEpochs, int factor, LinearProblem.Recorder recorder,
      String project) {
    Hyperband tuner = new Hyperband(
        hp -> LinearProblem.linear(hp, LinearProblem.RATES, new ArrayList<>()),
        objective("loss"), maxEpochs(maxEpochs), factor(factor), seed(7),
        directory(dir.toString()), projectName(project));
    tuner.search(LinearProblem.X, LinearProblem.Y, epochs(1000), batchSize(8), verbose(0),
        callbacks(recorder));
    return tuner;
  }

  @Test
  void theScheduleIsKerasTunersAndContinuedTrialsStartFromTheirParentsBestEpoch() {
    LinearProblem.Recorder recorder = new LinearProblem.Recorder();
    Hyperband tuner = search(9, 3, recorder, "nine");
    List<Trial> trials = tuner.trials();
    assertEquals(SCHEDULE_9_3, trials.stream().map(HyperbandTest::row).toList());
    assertEquals(IntStream.range(0, 23).mapToObj(i -> String.format("%04d", i)).toList(),
        trials.stream().map(Trial::trialId).toList(), "KerasTuner's ids without max_trials");
    assertTrue(Files.exists(dir.resolve("nine/trial_0022/trial.json")));
    for (int i = 0; i < trials.size(); i++) {
      Map<String, Object> v = trials.get(i).hyperparameters();
      int from = ((Number) v.get("tuner/initial_epoch")).intValue();
      int to = ((Number) v.get("tuner/epochs")).intValue();
      assertEquals(IntStream.range(from, to).boxed().toList(), recorder.epochs.get(i),
          "the epochs trial " + i + " trained (epochs(1000) given to search is overridden)");
      Object parentId = v.get("tuner/trial_id");
      if (parentId != null) {
        int parent = Integer.parseInt((String) parentId);
        Trial p = trials.get(parent);
        int parentFrom = ((Number) p.hyperparameters().get("tuner/initial_epoch")).intValue();
        assertEquals(recorder.weights.get(parent).get(p.bestStep() - parentFrom + 1),
            recorder.weights.get(i).get(0),
            "trial " + i + " starts from the weights of trial " + parent + "'s best epoch");
        assertEquals(p.hyperparameters().get("learning_rate"), v.get("learning_rate"));
      }
    }
    // Each round goes on with the previous round's best trials, best first.
    assertEquals(best(trials.subList(0, 9), 3), parents(trials.subList(9, 12)));
    assertEquals(best(trials.subList(9, 12), 1), parents(trials.subList(12, 13)));
    assertEquals(best(trials.subList(13, 18), 2), parents(trials.subList(18, 20)));

    Trial best = tuner.getBestTrials(1).get(0);
    assertEquals(0.05, best.hyperparameters().get("learning_rate"), "the known best rate");
    assertEquals(9, ((Number) best.hyperparameters().get("tuner/epochs")).intValue());
  }

  private static List<String> best(List<Trial> round, int n) {
    return round.stream().sorted(Comparator.comparingDouble(Trial::score)).limit(n)
        .map(Trial::trialId).toList();
  }

  private static List<Object> parents(List<Trial> round) {
    return round.stream().map(t -> t.hyperparameters().get("tuner/trial_id")).toList();
  }

  @Test
  void anotherFactorGivesKerasTunersScheduleAndAResumeWithOtherArgumentsIsRefused() {
    LinearProblem.Recorder recorder = new LinearProblem.Recorder();
    Hyperband tuner = search(4, 2, recorder, "four");
    assertEquals(SCHEDULE_4_2, tuner.trials().stream().map(HyperbandTest::row).toList());
    assertEquals(15, recorder.epochs.size(), "a finished search trains nothing more");
    search(4, 2, recorder, "four");
    assertEquals(15, recorder.epochs.size(), "resumed after its end, it trains nothing");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> search(4, 3, recorder, "four"));
    // Factor 3 has 2 brackets: trial 0000 would have been in bracket 1, not 2.
    assertTrue(e.getMessage().startsWith("Trial 0000 in this project is not the trial this"
        + " Hyperband (maxEpochs 4, factor 3, hyperbandIterations 1) would have made"),
        e.getMessage());
    assertEquals("Hyperband() got an unexpected keyword argument 'max_trials'; it accepts"
        + " [directory, factor, hyperband_iterations, max_epochs, objective, overwrite,"
        + " project_name, seed]", assertThrows(IllegalArgumentException.class,
            () -> new Hyperband(hp -> null, maxTrials(3))).getMessage());
    assertEquals("factor needs to be an integer larger than 1, got 1",
        assertThrows(IllegalArgumentException.class, () -> factor(1)).getMessage());
  }
}
