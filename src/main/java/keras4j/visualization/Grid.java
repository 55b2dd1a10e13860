package keras4j.visualization;

import keras4j.explain.Attributions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** One sample as a grid of values to draw: rows by columns, an image's channels summed. */
final class Grid {
  private final int height;
  private final int width;
  private final double[] values;

  private Grid(int height, int width, double[] values) {
    this.height = height;
    this.width = width;
    this.values = values;
  }

  /** The attributions of {@code sample}: {@code [h, w(, c)]} images, {@code [f]} as one row. */
  static Grid of(Attributions attributions, int sample) {
    return of(attributions.values().shape(), attributions.sample(sample));
  }

  /** Sample {@code sample} of a batch of images. */
  static Grid ofImage(Object images, int sample) {
    FloatNdArray array = images instanceof FloatNdArray nd ? nd : toNdArray(images);
    FloatNdArray one = array.get(sample);
    float[] values = new float[Math.toIntExact(one.size())];
    one.copyTo(NdArrays.wrap(one.shape(), DataBuffers.of(values, false, false)));
    return of(array.shape(), values);
  }

  private static FloatNdArray toNdArray(Object images) {
    if (images instanceof float[][][][] a) {
      return StdArrays.ndCopyOf(a);
    }
    if (images instanceof float[][][] a) {
      return StdArrays.ndCopyOf(a);
    }
    if (images instanceof float[][] a) {
      return StdArrays.ndCopyOf(a);
    }
    throw new IllegalArgumentException("Images are a FloatNdArray or float[n][h][w](/[c]) array,"
        + " got " + images.getClass().getSimpleName());
  }

  private static Grid of(Shape batch, float[] sample) {
    int rank = batch.numDimensions() - 1;
    int height = rank == 1 ? 1 : (int) batch.get(1);
    int width = rank == 1 ? (int) batch.get(1) : (int) batch.get(2);
    int channels = sample.length / (height * width);
    double[] values = new double[height * width];
    for (int p = 0; p < values.length; p++) {
      for (int c = 0; c < channels; c++) {
        values[p] += sample[p * channels + c];
      }
    }
    return new Grid(height, width, values);
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  /** The grid of absolute values. */
  Grid magnitude() {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.abs(values[i]);
    }
    return new Grid(height, width, out);
  }

  double min() {
    double min = Double.POSITIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
    }
    return min;
  }

  double max() {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  double maxAbs() {
    return Math.max(Math.abs(min()), Math.abs(max()));
  }

  /** The grid as (column, row, value) blocks of {@code scaleX} by {@code scaleY} cells. */
  DefaultXYZDataset dataset(double scaleX, double scaleY) {
    double[][] xyz = new double[3][values.length];
    for (int p = 0; p < values.length; p++) {
      xyz[0][p] = (p % width + 0.5) * scaleX;
      xyz[1][p] = (p / width + 0.5) * scaleY;
      xyz[2][p] = values[p];
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("values", xyz);
    return data;
  }

  /** A plot of the grid in {@code scale}, row 0 on top, one block per cell. */
  XYPlot plot(PaintScale scale) {
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    NumberAxis x = new NumberAxis("column");
    x.setRange(0, width);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y = new NumberAxis("row");
    y.setRange(0, height);
    y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    y.setInverted(true);
    XYPlot plot = new XYPlot(dataset(1, 1), x, y, renderer);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return plot;
  }
}
