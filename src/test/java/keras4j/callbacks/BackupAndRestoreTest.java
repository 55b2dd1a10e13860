package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.ChildJvm;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * BackupAndRestore resumes a killed training: a child JVM trains with a backup and is killed
 * ({@code SIGKILL}) in the middle of epoch 4; the backup then holds 3 epochs and exactly the
 * weights 3 uninterrupted epochs give, and a new {@code fit} with the same callback runs epochs
 * 4 to 6 only, ending with exactly the weights (and so the Adam state) of 6 uninterrupted epochs.
 */
class BackupAndRestoreTest {
  private static final int EPOCHS = 6;
  private static final int KILLED_IN_EPOCH = 3; // 0-based: the fourth
  private static final float[][] X = new float[16][3];
  private static final float[][] Y = new float[16][1];

  static {
    for (int i = 0; i < X.length; i++) {
      for (int j = 0; j < 3; j++) {
        X[i][j] = (float) Math.sin(1.7 * i + j);
      }
      Y[i][0] = X[i][0] - 2 * X[i][1] + 0.5f * X[i][2];
    }
  }

  @TempDir Path dir;

  /** A small net with fixed initial weights, compiled with Adam. */
  static Sequential model() {
    Sequential model = new Sequential(new Dense(4, inputShape(3), activation("tanh")),
        new Dense(1));
    List<FloatNdArray> weights = new ArrayList<>();
    int k = 0;
    for (FloatNdArray w : model.getWeights()) {
      FloatNdArray init = NdArrays.ofFloats(w.shape());
      for (long i = 0; i < w.shape().size(); i++, k++) {
        init.setFloat((float) Math.cos(0.9 * k) * 0.5f, index(w.shape(), i));
      }
      weights.add(init);
    }
    model.setWeights(weights);
    model.compile(optimizer(new Adam(0.01)), loss("mse"));
    return model;
  }

  private static long[] index(Shape shape, long flat) {
    long[] at = new long[shape.numDimensions()];
    for (int d = at.length - 1; d >= 0; d--) {
      at[d] = flat % shape.get(d);
      flat /= shape.get(d);
    }
    return at;
  }

  private static History fit(Model model, int epochs, Callback... callbacks) {
    return model.fit(X, Y, epochs(epochs), batchSize(4), shuffle(false), verbose(0),
        callbacks(callbacks));
  }

  /** The child: trains with a backup in {@code args[0]}, stalls mid-epoch 4, waits to be killed. */
  public static void main(String[] args) {
    Path marker = Path.of(args[1]);
    try (Sequential model = model()) {
      fit(model, EPOCHS, new BackupAndRestore(Path.of(args[0])), new Callback() {
        private int epoch;

        @Override
        public void onEpochBegin(int e, Map<String, Double> logs) {
          epoch = e;
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
          if (epoch == KILLED_IN_EPOCH && batch == 1) {
            ChildJvm.stallUntilKilled(marker);
          }
        }
      });
    }
  }

  @Test
  void resumesAKilledTrainingFromItsLastEpoch() throws Exception {
    Path backup = dir.resolve("backup");
    killChildMidEpoch(backup);
    assertEquals("{\"epoch\": 3, \"batch\": 0}",
        Files.readString(backup.resolve("training_metadata.json")));

    try (Sequential reference = model(); Sequential restored = model();
        Sequential resumed = model()) {
      fit(reference, KILLED_IN_EPOCH);
      restored.loadWeights(backup.resolve("latest.weights.h5"));
      assertWeightsEqual(reference, restored);

      List<Integer> ran = new ArrayList<>();
      History history = fit(resumed, EPOCHS, new BackupAndRestore(backup), new Callback() {
        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
          ran.add(epoch);
        }
      });
      assertEquals(List.of(3, 4, 5), ran);
      assertEquals(List.of(3, 4, 5), history.epochs());
      reference.fit(X, Y, epochs(EPOCHS), initialEpoch(KILLED_IN_EPOCH), batchSize(4),
          shuffle(false), verbose(0));
      assertWeightsEqual(reference, resumed);
      assertEquals(reference.optimizer().iterations(), resumed.optimizer().iterations());
    }
    assertFalse(Files.exists(backup), "a finished training deletes its backup");
  }

  /** Backups every 2 batches; with doubleCheckpoint an unreadable latest falls back to the one before. */
  @Test
  void doubleCheckpointFallsBackToThePreviousBackup() throws Exception {
    Path backup = dir.resolve("b");
    try (Sequential model = model()) {
      fit(model, 2, new BackupAndRestore(backup, 2, true, false));
    }
    assertTrue(Files.exists(backup.resolve("latest.weights.h5.bkp")));
    assertEquals("{\"epoch\": 1, \"batch\": 1}",
        Files.readString(backup.resolve("training_metadata.json.bkp")));
    Files.writeString(backup.resolve("latest.weights.h5"), "not an HDF5 file");
    try (Sequential model = model()) {
      List<Integer> ran = new ArrayList<>();
      fit(model, 3, new BackupAndRestore(backup, 2, true, true), new Callback() {
        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
          ran.add(epoch);
        }
      });
      assertEquals(List.of(1, 2), ran, "the previous backup was made during epoch 2");
    }
    assertFalse(Files.exists(backup));
  }

  private static void assertWeightsEqual(Model expected, Model actual) {
    List<FloatNdArray> want = expected.getWeights();
    List<FloatNdArray> got = actual.getWeights();
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertArrayEquals(flat(want.get(i)), flat(got.get(i)), 1e-6f, "weight " + i);
    }
  }

  private static float[] flat(FloatNdArray a) {
    float[] out = new float[(int) a.shape().size()];
    a.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  private void killChildMidEpoch(Path backup) throws Exception {
    Path marker = dir.resolve("stalled");
    ChildJvm.killOnceStalled(BackupAndRestoreTest.class, marker, backup.toString(),
        marker.toString());
  }

}
