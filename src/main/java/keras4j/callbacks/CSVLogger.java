package keras4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.saving.AtomicFiles;
import keras4j.utils.PythonFloats;

/**
 * Writes each epoch's logs to a CSV file, as {@code keras.callbacks.CSVLogger}: {@code new
 * CSVLogger("training.log")}, then one row per epoch under the header {@code
 * epoch,accuracy,loss,val_accuracy,val_loss}.
 *
 * <p>The file is Keras's, byte for byte: the columns are {@code epoch} (0-based) then the first
 * epoch's log names sorted, followed by {@code val_} twins of them all when there are no {@code
 * val_} logs (those cells then read {@code NA}); numbers as Python prints them ({@code
 * 0.6066460609436035}, {@code 1e-05}); Excel's CSV dialect ({@code \r\n} line ends, fields quoted
 * only when they must be). With {@code append}, a run adds its rows to an existing file, without a
 * second header unless the file is empty.
 *
 * <p>Unlike Python's file, which grows line by line, every epoch rewrites the file atomically, so
 * a crash never leaves half a row: a reader sees the rows of the epochs done so far.
 */
public class CSVLogger extends Callback {
  private final Path filename;
  private final String separator;
  private final boolean append;
  private final StringBuilder content = new StringBuilder();
  private List<String> keys;

  /**
   * Writes a new {@code filename} (replacing any file there), comma-separated.
   *
   * @param filename the CSV file
   */
  public CSVLogger(Path filename) {
    this(filename, ",", false);
  }

  /**
   * Keras's {@code CSVLogger(filename, separator, append)}.
   *
   * @param filename the CSV file
   * @param separator the string between cells (Keras's default ",")
   * @param append whether to add rows to an existing file instead of replacing it
   * @throws IllegalArgumentException for an empty separator
   */
  public CSVLogger(Path filename, String separator, boolean append) {
    if (separator == null || separator.isEmpty()) {
      throw new IllegalArgumentException("CSVLogger needs a non-empty separator, e.g. \",\"");
    }
    this.filename = filename;
    this.separator = separator;
    this.append = append;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    content.setLength(0);
    keys = null;
    if (append && Files.exists(filename)) {
      try {
        content.append(new String(Files.readAllBytes(filename), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("CSVLogger cannot read " + filename + " to append to it: "
            + e.getMessage(), e);
      }
    } else {
      write(); // as Keras's open(filename, "w"): the file starts empty
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (keys == null) {
      keys = new ArrayList<>(new java.util.TreeMap<>(logs).keySet());
      if (keys.stream().noneMatch(k -> k.startsWith("val_")) && !keys.isEmpty()) {
        List<String> twins = keys.stream().map(k -> "val_" + k).toList();
        keys.addAll(twins);
      }
      // As Keras: a header unless rows are appended to a file that is not empty.
      if (content.isEmpty()) {
        List<String> header = new ArrayList<>(List.of("epoch"));
        header.addAll(keys);
        row(header);
      }
    }
    List<String> cells = new ArrayList<>(List.of(String.valueOf(epoch)));
    for (String key : keys) {
      Double value = logs.get(key);
      cells.add(value == null ? "NA" : PythonFloats.repr(value));
    }
    row(cells);
    write();
  }

  private void write() {
    byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(filename, temporary -> Files.write(temporary, bytes));
  }

  /** One line of Excel's dialect: cells quoted (quotes doubled) only when they must be. */
  private void row(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (cell.contains(separator) || cell.contains("\"") || cell.contains("\n")
          || cell.contains("\r")) {
        cell = "\"" + cell.replace("\"", "\"\"") + "\"";
      }
      content.append(i == 0 ? "" : separator).append(cell);
    }
    content.append("\r\n");
  }
}
