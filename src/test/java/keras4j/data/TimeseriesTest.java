package keras4j.data;

import static keras4j.data.DatasetTest.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Dataset#timeseriesFromArray} against windows computed by hand and the examples of
 * Keras's {@code timeseries_dataset_from_array} docstring.
 */
class TimeseriesTest {
  private static float[] range(int from, int to, int step) {
    float[] out = new float[(to - from + step - 1) / step];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i * step;
    }
    return out;
  }

  private static List<Batch> batches(Dataset data) {
    List<Batch> out = new ArrayList<>();
    try (DatasetIterator pass = data.iterator()) {
      pass.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void kerasExample1StridedSampledWindowsOfIndices() {
    // Indices 0..98, sequence_length=10, sampling_rate=2, sequence_stride=3: the windows
    // [0 2 .. 18], [3 5 .. 21], [6 8 .. 24], ..., the last [78 80 .. 96].
    Dataset windows = Dataset.timeseriesFromArray(range(0, 99, 1), null, 10, 3, 2, 128, false,
        null, null, null);
    List<Batch> batches = batches(windows);
    assertEquals(1, batches.size());
    float[] x = flat(batches.get(0).x());
    int count = x.length / 10;
    assertEquals(27, count); // starts 0, 3, .., 78: (99 - 18) windows fit, every 3rd.
    assertArrayEquals(range(0, 20, 2), Arrays.copyOfRange(x, 0, 10));
    assertArrayEquals(range(3, 23, 2), Arrays.copyOfRange(x, 10, 20));
    assertArrayEquals(range(6, 26, 2), Arrays.copyOfRange(x, 20, 30));
    assertArrayEquals(range(78, 98, 2), Arrays.copyOfRange(x, x.length - 10,
        x.length));
    assertEquals("Batch(x=(27, 10))", batches.get(0).toString());
  }

  @Test
  void kerasExample2TargetsAreTheStepAfterEachWindow() {
    // data = arange(100); input_data = data[:-10]; targets = data[10:]; sequence_length=10.
    float[] inputs = range(0, 90, 1);
    float[] targets = range(10, 100, 1);
    List<Batch> batches = batches(Dataset.timeseriesFromArray(inputs, targets, 10));
    assertEquals(1, batches.size());
    Batch batch = batches.get(0);
    assertEquals("Batch(x=(81, 10), y=(81,))", batch.toString());
    float[] x = flat(batch.x());
    float[] y = flat(batch.y());
    assertArrayEquals(range(0, 10, 1), Arrays.copyOfRange(x, 0, 10));
    assertEquals(10, y[0]);
    for (int i = 0; i < 81; i++) {
      assertEquals(x[10 * i + 9] + 1, y[i], "window " + i);
    }
  }

  @Test
  void kerasExample3NonOverlappingWindowsBatchedByHand() {
    // X = arange(100), Y = 2X, sample_length = 20 = sequence_stride, batches of 2.
    float[] xs = range(0, 100, 1);
    float[] ys = new float[100];
    for (int i = 0; i < 100; i++) {
      ys[i] = 2 * i;
    }
    List<Batch> in = batches(Dataset.timeseriesFromArray(xs, null, 20, 20, 1, 2, false, null,
        null, null));
    List<Batch> out = batches(Dataset.timeseriesFromArray(ys, null, 20, 20, 1, 2, false, null,
        null, null));
    assertEquals(3, in.size()); // 5 windows: 2 + 2 + 1.
    assertArrayEquals(range(0, 20, 1), Arrays.copyOfRange(flat(in.get(0).x()), 0,
        20));
    assertArrayEquals(range(40, 80, 2), Arrays.copyOfRange(flat(out.get(0).x()), 20,
        40));
  }

  @Test
  void featuresStartAndEndIndexAndSingleWindows() {
    // 12 steps of 2 features (t, 100 + t); windows of 3 steps over [2, 9), target t * 10.
    float[][] data = new float[12][];
    float[] targets = new float[12];
    for (int t = 0; t < 12; t++) {
      data[t] = new float[] {t, 100 + t};
      targets[t] = 10 * t;
    }
    List<Batch> windows = batches(Dataset.timeseriesFromArray(data, targets, 3, 2, 1, null,
        false, null, 2, 9));
    // Starts 2, 4, 6 (7 steps, 5 windows fit at 2..6, every 2nd).
    assertEquals(3, windows.size());
    assertTrue(windows.get(0).isSample());
    assertArrayEquals(new float[] {4, 104, 5, 105, 6, 106}, flat(windows.get(1).x()));
    assertArrayEquals(new float[] {40}, flat(windows.get(1).y()));
    assertArrayEquals(new float[] {60}, flat(windows.get(2).y()));
  }

  @Test
  void shuffledPassesVisitEveryWindowOnceInAnotherOrder() {
    float[] series = range(0, 50, 1);
    Dataset shuffled = Dataset.timeseriesFromArray(series, series, 4, 1, 1, null, true, 7L, null,
        null);
    List<Float> first = new ArrayList<>();
    List<Float> second = new ArrayList<>();
    for (List<Float> starts : List.of(first, second)) {
      for (Batch window : batches(shuffled)) {
        float[] x = flat(window.x());
        assertEquals(x[0], flat(window.y())[0]);
        starts.add(x[0]);
      }
    }
    assertNotEquals(first, second);
    assertEquals(47, first.stream().distinct().count());
    assertEquals(first, batches(Dataset.timeseriesFromArray(series, series, 4, 1, 1, null, true,
        7L, null, null)).stream().map(b -> flat(b.x())[0]).toList());
  }

  @Test
  void invalidArgumentsAreRefusedWithKerassReasons() {
    float[] series = range(0, 10, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.timeseriesFromArray(
        series, null, 3, 0, 1, 8, false, null, null, null)).getMessage()
        .contains("sequenceStride"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.timeseriesFromArray(
        series, null, 3, 1, 10, 8, false, null, null, null)).getMessage()
        .contains("samplingRate"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.timeseriesFromArray(
        series, null, 3, 1, 1, 8, false, null, 5, 4)).getMessage().contains("endIndex"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.timeseriesFromArray(
        series, null, 3, 1, 1, 8, false, null, 10, null)).getMessage().contains("startIndex"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.timeseriesFromArray(
        series, null, 11)).getMessage().contains("No window"));
  }
}
