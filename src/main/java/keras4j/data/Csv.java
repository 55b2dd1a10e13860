package keras4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Dataset#fromCsv} reads a CSV file, after {@code
 * tf.data.experimental.make_csv_dataset}: the column names (from a header line or given), the
 * label column, the feature columns, the delimiter, and the type of each column: numbers by
 * default, or categories (strings read as their index in a given list). Immutable: each setter
 * returns a new format.
 *
 * <pre>{@code
 * Csv format = Csv.withHeader().label("species").categories("species", "setosa", "virginica");
 * Dataset rows = Dataset.fromCsv(Path.of("iris.csv"), format).batch(32);
 * }</pre>
 */
public final class Csv {
  private final List<String> names;
  private final String label;
  private final List<String> select;
  private final char delimiter;
  private final Map<String, List<String>> categories;
  private final Float missing;

  private Csv(List<String> names, String label, List<String> select, char delimiter,
      Map<String, List<String>> categories, Float missing) {
    this.names = names;
    this.label = label;
    this.select = select;
    this.delimiter = delimiter;
    this.categories = categories;
    this.missing = missing;
  }

  /**
   * A file whose first line names the columns.
   *
   * @return the format
   */
  public static Csv withHeader() {
    return new Csv(null, null, null, ',', Map.of(), null);
  }

  /**
   * A file without a header line, whose columns have the given names.
   *
   * @param names the column names, in the file's order
   * @return the format
   */
  public static Csv columns(String... names) {
    return new Csv(List.of(names), null, null, ',', Map.of(), null);
  }

  /**
   * The column holding the label (the sample's {@code y}); without one, the samples have no
   * labels (for {@code predict}).
   *
   * @param column the label column's name
   * @return the new format
   */
  public Csv label(String column) {
    return new Csv(names, Objects.requireNonNull(column, "column"), select, delimiter, categories,
        missing);
  }

  /**
   * The feature columns, in this order (default: every column but the label).
   *
   * @param columns the names of the columns that make {@code x}
   * @return the new format
   */
  public Csv select(String... columns) {
    return new Csv(names, label, List.of(columns), delimiter, categories, missing);
  }

  /**
   * The field delimiter (default {@code ','}).
   *
   * @param delimiter the character between fields
   * @return the new format
   */
  public Csv delimiter(char delimiter) {
    return new Csv(names, label, select, delimiter, categories, missing);
  }

  /**
   * Reads {@code column} as categories: each value becomes its index in {@code values} (a class
   * index, for a label column).
   *
   * @param column the column's name
   * @param values its values, in index order
   * @return the new format
   */
  public Csv categories(String column, String... values) {
    Map<String, List<String>> all = new LinkedHashMap<>(categories);
    all.put(column, List.of(values));
    return new Csv(names, label, select, delimiter, Map.copyOf(all), missing);
  }

  /**
   * The value of an empty numeric field (default: an empty field is an error).
   *
   * @param value the value standing for a missing number
   * @return the new format
   */
  public Csv missingValue(float value) {
    return new Csv(names, label, select, delimiter, categories, value);
  }

  boolean hasHeader() {
    return names == null;
  }

  /** The columns a row of a file with these {@code header} names is read as. */
  Columns columnsOf(List<String> header, String file) {
    List<String> all = names != null ? names : header;
    int labelAt = label == null ? -1 : indexOf(all, label, file);
    List<String> features = select != null ? select : new ArrayList<>(all);
    if (select == null && label != null) {
      features.remove(label);
    }
    int[] featureAt = features.stream().mapToInt(name -> indexOf(all, name, file)).toArray();
    for (String column : categories.keySet()) {
      indexOf(all, column, file);
    }
    return new Columns(all, featureAt, labelAt);
  }

  private static int indexOf(List<String> all, String name, String file) {
    int at = all.indexOf(name);
    if (at < 0) {
      throw new IllegalArgumentException(file + " has no column '" + name + "'; its columns are "
          + all);
    }
    return at;
  }

  /** Parses one line into fields, with RFC 4180 quotes ({@code "a, b"}, {@code ""}). */
  List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == delimiter) {
        out.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString().trim());
    return out;
  }

  /** The value of {@code field} in {@code column}; {@code where} names the line for errors. */
  float value(String column, String field, String where) {
    List<String> values = categories.get(column);
    if (values != null) {
      int index = values.indexOf(field);
      if (index < 0) {
        throw new IllegalArgumentException(where + ": column '" + column + "' has '" + field
            + "', which is not one of its categories " + values);
      }
      return index;
    }
    if (field.isEmpty()) {
      if (missing == null) {
        throw new IllegalArgumentException(where + ": column '" + column + "' is empty; give"
            + " Csv.missingValue(v) to read empty fields as v");
      }
      return missing;
    }
    try {
      return Float.parseFloat(field);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": column '" + column + "' has '" + field
          + "', which is not a number; declare it with Csv.categories(\"" + column
          + "\", ...) if it holds categories", e);
    }
  }

  /**
   * The positions of a file's columns.
   *
   * @param names every column's name
   * @param features the positions of the feature columns
   * @param label the position of the label column, or -1
   */
  record Columns(List<String> names, int[] features, int label) {
    @Override
    public String toString() {
      return names + " features " + Arrays.toString(features) + " label " + label;
    }
  }
}
