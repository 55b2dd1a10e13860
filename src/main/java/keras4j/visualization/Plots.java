package keras4j.visualization;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.History;
import keras4j.explain.Attributions;
import keras4j.explain.Importances;
import keras4j.explain.ShapValues;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Pictures of training and explanations, written as PNG files by JFreeChart (headless, no window):
 * what Keras users draw with matplotlib from {@code history.history}, SHAP's and scikit-learn's
 * importance bar charts, and attribution heatmaps over their images.
 *
 * <pre>{@code
 * Plots.trainingCurves(model.fit(x, y, epochs(20), validationSplit(0.2)), Path.of("curves.png"));
 * }</pre>
 */
public final class Plots {
  private static final int WIDTH = 800;

  private Plots() {}

  /**
   * Training curves: one panel per metric (loss first) against the epoch, the training value and
   * its {@code val_} twin as two lines with a legend.
   *
   * @param history what {@code fit} returned
   * @param png the file to write (its directory is created)
   * @throws IllegalArgumentException if the history is empty
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void trainingCurves(History history, Path png) {
    Map<String, List<Double>> logs = history.history();
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("The History holds no epoch: plot it after fit");
    }
    List<Integer> epochs = history.epochs();
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("epoch"));
    plot.setGap(12);
    for (String metric : logs.keySet()) {
      if (metric.startsWith("val_")) {
        continue;
      }
      XYSeriesCollection data = new XYSeriesCollection();
      data.addSeries(series(metric, epochs, logs.get(metric)));
      if (logs.containsKey("val_" + metric)) {
        data.addSeries(series("val_" + metric, epochs, logs.get("val_" + metric)));
      }
      NumberAxis axis = new NumberAxis(metric);
      axis.setAutoRangeIncludesZero(false);
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
      renderer.setSeriesPaint(0, new Color(31, 119, 180));
      renderer.setSeriesPaint(1, new Color(255, 127, 14));
      renderer.setDefaultStroke(new BasicStroke(2f));
      plot.add(new XYPlot(data, null, axis, renderer));
    }
    int panels = plot.getSubplots().size();
    write(new JFreeChart("Training curves", JFreeChart.DEFAULT_TITLE_FONT, plot, true), png,
        WIDTH, 120 + 260 * panels);
  }

  private static XYSeries series(String name, List<Integer> epochs, List<Double> values) {
    XYSeries series = new XYSeries(name);
    for (int i = 0; i < values.size(); i++) {
      // Keras's epochs are 0-based in the logs and 1-based in the progress bar: plot 1, 2, ...
      series.add(epochs.get(i) + 1, values.get(i));
    }
    return series;
  }

  /**
   * Permutation importances as horizontal bars (mean, with ± one standard deviation as error
   * bars), most important on top.
   *
   * @param importances what {@code PermutationImportance.compute} returned
   * @param top how many features to show (the most important ones)
   * @param png the file to write
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void importances(Importances importances, int top, Path png) {
    double[] mean = importances.mean();
    double[] std = importances.std();
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    int[] ranking = importances.ranking();
    for (int i = 0; i < Math.min(top, ranking.length); i++) {
      int f = ranking[i];
      data.add(mean[f], std[f], "importance", importances.names().get(f));
    }
    bars("Permutation importance", "decrease in score when shuffled", data, png);
  }

  /**
   * The mean absolute SHAP value of each feature as horizontal bars (SHAP's bar plot), largest on
   * top.
   *
   * @param shap what {@code KernelExplainer.shapValues} returned
   * @param output which model output's values
   * @param top how many features to show
   * @param png the file to write
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void shapBars(ShapValues shap, int output, int top, Path png) {
    double[] meanAbs = shap.meanAbs(output);
    List<Integer> order = new ArrayList<>();
    for (int f = 0; f < meanAbs.length; f++) {
      order.add(f);
    }
    order.sort((a, b) -> Double.compare(meanAbs[b], meanAbs[a]));
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    for (int f : order.subList(0, Math.min(top, order.size()))) {
      data.add(meanAbs[f], 0, "mean |SHAP value|", shap.names().get(f));
    }
    bars("SHAP values", "mean |SHAP value| (average impact on output " + output + ")", data, png);
  }

  private static void bars(String title, String valueLabel,
      DefaultStatisticalCategoryDataset data, Path png) {
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setSeriesPaint(0, new Color(31, 119, 180));
    renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("feature"),
        new NumberAxis(valueLabel), renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    write(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false), png, WIDTH,
        140 + 28 * data.getColumnCount());
  }

  /**
   * One sample's attributions as a heatmap: red where they push the output up, blue where down
   * (an image's channels are summed), with a colour scale.
   *
   * @param attributions the attributions of a batch of images ({@code [n, h, w]} or {@code [n,
   *     h, w, c]}) or of tabular samples ({@code [n, f]}, drawn as one row)
   * @param sample which sample
   * @param png the file to write
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void heatmap(Attributions attributions, int sample, Path png) {
    Grid grid = Grid.of(attributions, sample);
    double limit = Math.max(grid.maxAbs(), 1e-12);
    XYPlot plot = grid.plot(diverging(limit));
    JFreeChart chart = new JFreeChart("Attributions (target " + attributions.targets()[sample]
        + ")", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.addSubtitle(legend(diverging(limit)));
    write(chart, png, WIDTH, grid.height() == 1 ? 300 : WIDTH);
  }

  /**
   * One image with a map over it, as Keras's Grad-CAM example superimposes the heatmap: the image
   * in grey, the map (upsampled to the image by its block size) in translucent red to yellow.
   *
   * @param image the batch of images the map explains ({@code [n, h, w]} or {@code [n, h, w, c]}),
   *     as Java arrays or an NdArray
   * @param map the map: Grad-CAM's ({@code [n, h', w']}) or attributions of the image's shape
   * @param sample which sample
   * @param png the file to write
   * @throws IllegalArgumentException if the map's size does not divide the image's
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void overlay(Object image, Attributions map, int sample, Path png) {
    Grid img = Grid.ofImage(image, sample);
    Grid cam = Grid.of(map, sample).magnitude();
    if (img.height() % cam.height() != 0 || img.width() % cam.width() != 0) {
      throw new IllegalArgumentException("The map is " + cam.height() + "x" + cam.width()
          + " but the image " + img.height() + "x" + img.width() + ": the map's size must divide"
          + " the image's");
    }
    XYPlot plot = img.plot(grey(img.min(), img.max()));
    XYBlockRenderer over = new XYBlockRenderer();
    double scaleY = img.height() / (double) cam.height();
    double scaleX = img.width() / (double) cam.width();
    over.setBlockWidth(scaleX);
    over.setBlockHeight(scaleY);
    PaintScale heat = heat(Math.max(cam.max(), 1e-12));
    over.setPaintScale(heat);
    plot.setDataset(1, cam.dataset(scaleX, scaleY));
    plot.setRenderer(1, over);
    plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.FORWARD);
    JFreeChart chart = new JFreeChart("Target " + map.targets()[sample],
        JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.addSubtitle(legend(heat));
    write(chart, png, WIDTH, WIDTH);
  }

  private static PaintScaleLegend legend(PaintScale scale) {
    PaintScaleLegend legend = new PaintScaleLegend(scale, new NumberAxis());
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(8, 8, 8, 8);
    return legend;
  }

  /** Blue (negative) through white to red (positive), symmetric around 0. */
  private static PaintScale diverging(double limit) {
    LookupPaintScale scale = new LookupPaintScale(-limit, limit * 1.0000001, Color.WHITE);
    for (int i = 0; i <= 100; i++) {
      double t = i / 50.0 - 1;
      int fade = (int) Math.round(255 * (1 - Math.abs(t)));
      scale.add(t * limit, t < 0 ? new Color(fade, fade, 255) : new Color(255, fade, fade));
    }
    return scale;
  }

  private static PaintScale grey(double min, double max) {
    LookupPaintScale scale = new LookupPaintScale(min, max > min ? max * 1.0000001 : min + 1,
        Color.BLACK);
    for (int i = 0; i <= 100; i++) {
      int v = (int) Math.round(2.55 * i);
      scale.add(min + (max - min) * i / 100.0, new Color(v, v, v));
    }
    return scale;
  }

  /** Transparent at 0, then red to yellow, more opaque as the value grows. */
  private static PaintScale heat(double max) {
    LookupPaintScale scale = new LookupPaintScale(0, max * 1.0000001, new Color(0, 0, 0, 0));
    for (int i = 0; i <= 100; i++) {
      double t = i / 100.0;
      scale.add(t * max, new Color(255, (int) Math.round(220 * t), 0, (int) Math.round(190 * t)));
    }
    return scale;
  }

  private static void write(JFreeChart chart, Path png, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    try {
      Path dir = png.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the picture " + png, e);
    }
  }
}
