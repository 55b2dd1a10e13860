package keras4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A markdown table printed as the benchmark goes, plus the statistics its cells hold. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void row(Object... cells) {
    rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
  }

  void print(String title) {
    System.out.println();
    System.out.println("### " + title);
    System.out.println();
    for (int r = 0; r < rows.size(); r++) {
      System.out.println("| " + String.join(" | ", rows.get(r)) + " |");
      if (r == 0) {
        System.out.println("|" + "---|".repeat(rows.get(0).length));
      }
    }
    System.out.flush();
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  /** The nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
