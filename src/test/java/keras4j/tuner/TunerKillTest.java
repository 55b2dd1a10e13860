package keras4j.tuner;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.ChildJvm;
import keras4j.callbacks.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search whose JVM is killed ({@code kill -9}) while its fourth trial trains resumes in a new
 * tuner without training the three finished trials again, and ends with the trials of a search
 * that was never interrupted.
 */
class TunerKillTest {
  private static final int TRIALS = 6;
  private static final int FINISHED_BEFORE_THE_KILL = 3;

  @TempDir
  Path dir;

  private static RandomSearch search(Path directory, String project,
      List<Map<String, Object>> built) {
    return new RandomSearch(hp -> LinearProblem.linear(hp, List.of(1e-6, 0.001, 0.05), built),
        objective("loss"), maxTrials(TRIALS), seed(5), directory(directory.toString()),
        projectName(project));
  }

  private static void run(RandomSearch tuner, Callback... callbacks) {
    tuner.search(LinearProblem.X, LinearProblem.Y, epochs(1), batchSize(8), verbose(0),
        callbacks(callbacks));
  }

  /** The child: searches in {@code args[0]}, stalls in the fourth trial's fit, waits to be killed. */
  public static void main(String[] args) {
    Path marker = Path.of(args[1]);
    run(search(Path.of(args[0]), "resumed", new ArrayList<>()), new Callback() {
      private int fits;

      @Override
      public void onTrainBegin(Map<String, Double> logs) {
        if (++fits == FINISHED_BEFORE_THE_KILL + 1) {
          ChildJvm.stallUntilKilled(marker);
        }
      }
    });
  }

  @Test
  void aKilledSearchResumesWithoutRepeatingFinishedTrials() throws Exception {
    RandomSearch reference = search(dir, "reference", new ArrayList<>());
    run(reference);

    Path marker = dir.resolve("stalled");
    ChildJvm.killOnceStalled(TunerKillTest.class, marker, dir.toString(), marker.toString());
    assertTrue(Files.readString(dir.resolve("resumed/trial_" + FINISHED_BEFORE_THE_KILL
        + "/trial.json")).matches("(?s).*\"status\": ?\"RUNNING\".*"),
        "the killed trial is on disk as running");

    List<Map<String, Object>> built = new ArrayList<>();
    RandomSearch resumed = search(dir, "resumed", built);
    int[] fits = {0};
    run(resumed, new Callback() {
      @Override
      public void onTrainBegin(Map<String, Double> logs) {
        fits[0]++;
      }
    });
    assertEquals(TRIALS - FINISHED_BEFORE_THE_KILL, fits[0],
        "only the killed trial and the two after it train");
    assertEquals(reference.trials().stream().map(Trial::hyperparameters).toList(),
        resumed.trials().stream().map(Trial::hyperparameters).toList(),
        "the trials of the uninterrupted search");
    assertEquals(reference.trials().stream().map(Trial::score).toList(),
        resumed.trials().stream().map(Trial::score).toList(), "and their scores");
  }
}
