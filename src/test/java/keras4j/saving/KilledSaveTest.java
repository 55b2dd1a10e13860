package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import keras4j.ChildJvm;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save killed with {@code kill -9} leaves its temporary files behind (nothing in the dying
 * process can remove them); the next save of the same file removes them, and the file it writes
 * loads. The previous file survives the kill.
 */
class KilledSaveTest {
  private static final int UNITS = 256;

  @TempDir Path dir;

  /** The child: saves a model to {@code args[0]} over and over, until killed. */
  public static void main(String[] args) {
    Path target = Path.of(args[0]);
    try (Model model = model()) {
      while (true) {
        model.save(target);
        model.saveWeights(Path.of(args[0].replace(".keras", ".weights.h5")));
      }
    }
  }

  private static Model model() {
    return new Sequential(new Dense(UNITS, inputShape(UNITS)), new Dense(UNITS));
  }

  @Test
  void theNextSaveRemovesTheTemporaryFilesOfAKilledOne() throws Exception {
    Path target = dir.resolve("ckpt.keras");
    List<Path> leftovers = List.of();
    // A kill may land between two saves; a few tries catch one mid-save.
    for (int attempt = 0; attempt < 5 && leftovers.isEmpty(); attempt++) {
      killDuringASave(target);
      leftovers = temporaries();
    }
    assertTrue(!leftovers.isEmpty(), "no kill landed during a save");
    try (Model previous = Model.load(target)) {
      assertEquals(2 * UNITS * (UNITS + 1), previous.countParams());
    }
    try (Model model = model()) {
      model.save(target);
      model.saveWeights(dir.resolve("ckpt.weights.h5"));
      assertEquals(List.of(), temporaries(), "left over from the killed save: " + leftovers);
      try (Model loaded = Model.load(target)) {
        assertArrayEquals(RoundTripTest.flat(model.getWeights().get(0)),
            RoundTripTest.flat(loaded.getWeights().get(0)));
      }
    }
  }

  /** Starts the child and kills it ({@code SIGKILL}) once it has saved and is saving again. */
  private void killDuringASave(Path target) throws IOException, InterruptedException {
    Process child = ChildJvm.start(KilledSaveTest.class, target.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(target) && !temporaries().isEmpty()) && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertTrue(child.isAlive(), "the saving child died on its own (exit " + exit(child) + ")");
    } finally {
      ChildJvm.kill(child);
    }
  }

  private static String exit(Process child) {
    return child.isAlive() ? "none" : String.valueOf(child.exitValue());
  }

  private List<Path> temporaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).sorted().toList();
    }
  }
}
