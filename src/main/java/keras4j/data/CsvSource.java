package keras4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link Dataset#fromCsv}: one sample per line, the file opened per pass. */
final class CsvSource extends Dataset {
  private final Path file;
  private final Csv format;

  CsvSource(Path file, Csv format) {
    this.file = file;
    this.format = format;
  }

  @Override
  public DatasetIterator iterator() {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the CSV file " + file + ": " + e, e);
    }
    return new DatasetIterator() {
      private Csv.Columns columns;
      private int line;

      @Override
      protected Batch pull() {
        try {
          if (columns == null) {
            List<String> header = null;
            if (format.hasHeader()) {
              String first = reader.readLine();
              line++;
              if (first == null) {
                throw new IllegalArgumentException("The CSV file " + file + " is empty: it has"
                    + " no header line");
              }
              header = format.fields(first);
            }
            columns = format.columnsOf(header, file.toString());
          }
          String text;
          do {
            text = reader.readLine();
            line++;
          } while (text != null && text.isBlank());
          return text == null ? null : sample(format.fields(text), file + " line " + line);
        } catch (IOException e) {
          throw new UncheckedIOException("Reading " + file + " failed at line " + line, e);
        }
      }

      private Batch sample(List<String> fields, String where) {
        if (fields.size() != columns.names().size()) {
          throw new IllegalArgumentException(where + " has " + fields.size() + " fields, but"
              + " the file has " + columns.names().size() + " columns " + columns.names());
        }
        int[] at = columns.features();
        float[] x = new float[at.length];
        for (int i = 0; i < at.length; i++) {
          x[i] = format.value(columns.names().get(at[i]), fields.get(at[i]), where);
        }
        if (columns.label() < 0) {
          return Batch.sample(x);
        }
        int l = columns.label();
        return Batch.sample(x, format.value(columns.names().get(l), fields.get(l), where));
      }

      @Override
      protected void release() {
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("Closing " + file + " failed", e);
        }
      }
    };
  }
}
