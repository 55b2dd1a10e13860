package keras4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keras4j.saving.AtomicFiles;
import keras4j.saving.ConfigReader;
import keras4j.saving.Json;

/**
 * Backs training up so that an interrupted {@code fit} (a crash, a killed job, a preempted
 * machine) resumes where it left off, as {@code keras.callbacks.BackupAndRestore}: {@code
 * model.fit(x, y, epochs(100), callbacks(new BackupAndRestore(Path.of("backup"))))}, run again
 * after the interruption, starts from the first epoch not finished, with the weights and
 * optimizer state of the last backup.
 *
 * <p>As Keras, the backup is {@code latest.weights.h5} (weights and optimizer state) and {@code
 * training_metadata.json} ({@code {"epoch": epochs done, "batch": last batch seen}}) in {@code
 * backupDir}, written at the end of every epoch, or every {@code saveFreq} batches. When {@code
 * fit} starts it loads any backup there and starts at its epoch (so a backup made mid-epoch
 * resumes at the start of that epoch, from the weights of that batch). With {@code
 * doubleCheckpoint} the previous backup is kept as {@code *.bkp} and used if the latest cannot be
 * read. When training ends normally, {@code deleteCheckpoint} (the default) removes the backup:
 * the next {@code fit} starts afresh.
 *
 * <p>Every file is written atomically: a kill at any moment leaves the previous backup or the new
 * one, never half of one. Where Keras deletes {@code backupDir} with everything in it, keras4j
 * deletes the files it wrote, then the directory if it is left empty.
 */
public class BackupAndRestore extends Callback {
  private static final String WEIGHTS = "latest.weights.h5";
  private static final String METADATA = "training_metadata.json";
  private static final String PREVIOUS = ".bkp";

  private final Path backupDir;
  private final int saveFreq;
  private final boolean doubleCheckpoint;
  private final boolean deleteCheckpoint;
  private int batchesSinceSave;
  private int lastBatchSeen;
  private int currentEpoch;

  /**
   * Backs up into {@code backupDir} at the end of every epoch, deleting the backup when training
   * ends.
   *
   * @param backupDir the directory of the backup, created if missing; use it for no other file
   */
  public BackupAndRestore(Path backupDir) {
    this(backupDir, "epoch", false, true);
  }

  /**
   * Keras's {@code BackupAndRestore(backup_dir, save_freq, double_checkpoint,
   * delete_checkpoint)}.
   *
   * @param backupDir the directory of the backup, created if missing; use it for no other file
   * @param saveFreq {@code "epoch"} to back up at each epoch's end, or a number of batches (as
   *     a string, e.g. {@code "100"}) to back up that often
   * @param doubleCheckpoint whether to keep the previous backup too, as a fallback
   * @param deleteCheckpoint whether to delete the backup when training ends normally
   * @throws IllegalArgumentException for a null directory or another {@code saveFreq}
   */
  public BackupAndRestore(Path backupDir, String saveFreq, boolean doubleCheckpoint,
      boolean deleteCheckpoint) {
    this(backupDir, doubleCheckpoint, deleteCheckpoint, frequency(saveFreq));
  }

  /**
   * Backs up every {@code saveFreq} batches (and not at epoch ends).
   *
   * @param backupDir the directory of the backup, created if missing; use it for no other file
   * @param saveFreq the number of batches between backups, at least 1
   * @param doubleCheckpoint whether to keep the previous backup too, as a fallback
   * @param deleteCheckpoint whether to delete the backup when training ends normally
   * @throws IllegalArgumentException for a null directory or a frequency below 1
   */
  public BackupAndRestore(Path backupDir, int saveFreq, boolean doubleCheckpoint,
      boolean deleteCheckpoint) {
    this(backupDir, doubleCheckpoint, deleteCheckpoint, frequency(String.valueOf(saveFreq)));
  }

  /** {@code saveFreq} 0 backs up at epoch ends. */
  private BackupAndRestore(Path backupDir, boolean doubleCheckpoint, boolean deleteCheckpoint,
      int saveFreq) {
    if (backupDir == null || backupDir.toString().isEmpty()) {
      throw new IllegalArgumentException("Empty `backup_dir` argument passed");
    }
    this.backupDir = backupDir;
    this.saveFreq = saveFreq;
    this.doubleCheckpoint = doubleCheckpoint;
    this.deleteCheckpoint = deleteCheckpoint;
  }

  /** "epoch" as 0 (no batch backups), a number of batches as itself. */
  private static int frequency(String saveFreq) {
    if ("epoch".equals(saveFreq)) {
      return 0;
    }
    try {
      int batches = Integer.parseInt(saveFreq == null ? "" : saveFreq);
      if (batches > 0) {
        return batches;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid value for argument `save_freq`. Received:"
        + " save_freq=" + saveFreq + ". Expected either 'epoch' or a positive integer value.");
  }

  private Path file(String name) {
    return backupDir.resolve(name);
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    batchesSinceSave = 0;
    lastBatchSeen = 0;
    currentEpoch = 0;
    try {
      restore();
    } catch (RuntimeException e) {
      if (!Files.exists(file(WEIGHTS + PREVIOUS))) {
        throw e;
      }
      // The latest backup is unreadable: fall back to the one before it, as Keras.
      copy(file(WEIGHTS + PREVIOUS), file(WEIGHTS));
      if (Files.exists(file(METADATA + PREVIOUS))) {
        copy(file(METADATA + PREVIOUS), file(METADATA));
      } else {
        delete(file(METADATA));
      }
      restore();
    }
  }

  private void restore() {
    if (Files.exists(file(WEIGHTS))) {
      model().loadWeights(file(WEIGHTS));
    }
    if (Files.exists(file(METADATA))) {
      ConfigReader metadata;
      try {
        metadata = ConfigReader.of(Json.parseObject(Files.readString(file(METADATA)),
            file(METADATA).toString()), "");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the backup " + file(METADATA), e);
      }
      currentEpoch = metadata.intValue("epoch");
      model().setInitialEpoch(currentEpoch);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    currentEpoch = epoch + 1;
    lastBatchSeen = 0;
    if (saveFreq == 0) {
      save();
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (saveFreq == 0) {
      return;
    }
    // Keras's count: a batch index not above the last one seen starts a new epoch.
    batchesSinceSave += batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen;
    lastBatchSeen = batch;
    if (batchesSinceSave >= saveFreq) {
      batchesSinceSave = 0;
      save();
    }
  }

  private void save() {
    if (doubleCheckpoint) {
      copy(file(WEIGHTS), file(WEIGHTS + PREVIOUS));
      copy(file(METADATA), file(METADATA + PREVIOUS));
    }
    model().saveWeights(file(WEIGHTS));
    Map<String, Object> progress = new java.util.LinkedHashMap<>();
    progress.put("epoch", currentEpoch);
    progress.put("batch", lastBatchSeen);
    byte[] metadata = Json.write(progress).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file(METADATA), temporary -> Files.write(temporary, metadata));
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (!deleteCheckpoint) {
      return;
    }
    for (String name : new String[] {WEIGHTS, METADATA, WEIGHTS + PREVIOUS, METADATA + PREVIOUS}) {
      delete(file(name));
    }
    try (var left = Files.list(backupDir)) {
      if (left.findAny().isEmpty()) {
        Files.delete(backupDir);
      }
    } catch (IOException e) {
      // The backup files are gone; a directory that cannot be listed or removed is harmless.
    }
  }

  /** Copies {@code from} over {@code to} atomically, if {@code from} exists. */
  private static void copy(Path from, Path to) {
    if (Files.exists(from)) {
      AtomicFiles.write(to, temporary -> Files.copy(from, temporary,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING));
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the backup file " + file, e);
    }
  }
}
