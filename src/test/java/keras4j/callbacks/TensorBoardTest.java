package keras4j.callbacks;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.callbacks;
import static keras4j.Keras.epochs;
import static keras4j.Keras.validationData;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * The TensorBoard callback's event files, read back by a TFRecord reader written here from the
 * format's definition (little-endian length, masked CRC32C of the length, data, masked CRC32C of
 * the data) and parsed as TensorFlow's Event protos; the values are those of {@link
 * TinyRegression}'s closed form and of the History.
 */
class TensorBoardTest {
  /** TFRecord's mask: rotate right by 15 bits and add a constant. */
  private static int masked(byte[] data, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, from, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  /** Every record of an event file, CRCs checked. */
  static List<Event> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int start = buffer.position();
      long length = buffer.getLong();
      assertEquals(masked(bytes, start, 8), buffer.getInt(), "length CRC of record " + events.size());
      int dataStart = buffer.position();
      buffer.position(dataStart + (int) length);
      assertEquals(masked(bytes, dataStart, (int) length), buffer.getInt(), "data CRC");
      events.add(Event.parseFrom(Arrays.copyOfRange(bytes, dataStart, dataStart + (int) length)));
    }
    return events;
  }

  /** The only event file of {@code dir}. */
  static Path only(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), "event files in " + dir + ": " + all);
      assertTrue(all.get(0).getFileName().toString().matches("events\\.out\\.tfevents\\.\\d+\\..+\\.\\d+\\.\\d+\\.v2"));
      return all.get(0);
    }
  }

  /** Scalars by tag, then step; histograms (as their double values) by tag too. */
  static Map<String, Map<Long, double[]>> summaries(List<Event> events) {
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    Map<String, Map<Long, double[]>> out = new TreeMap<>();
    for (Event event : events.subList(1, events.size())) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        String plugin = value.getMetadata().getPluginData().getPluginName();
        double[] values;
        if (plugin.equals("scalars")) {
          assertEquals(DataType.DT_FLOAT, value.getTensor().getDtype());
          assertEquals(0, value.getTensor().getTensorShape().getDimCount());
          values = new double[] {value.getTensor().getFloatVal(0)};
        } else {
          assertEquals("histograms", plugin);
          assertEquals(DataType.DT_DOUBLE, value.getTensor().getDtype());
          values = value.getTensor().getDoubleValList().stream().mapToDouble(d -> d).toArray();
        }
        out.computeIfAbsent(value.getTag(), tag -> new LinkedHashMap<>())
            .put(event.getStep(), values);
      }
    }
    return out;
  }

  @Test
  void writesKerasLayoutWithEpochBatchAndHistogramSummaries(@TempDir Path tmp) throws IOException {
    try (Sequential model = TinyRegression.model(0.01)) {
      TensorBoard tb = new TensorBoard(tmp.resolve("logs").toString()).updateFreq("batch")
          .histogramFreq(2);
      History history = model.fit(TinyRegression.X, TinyRegression.Y, epochs(3), batchSize(4),
          verbose(0), validationData(TinyRegression.X, TinyRegression.Y), callbacks(tb));
      Map<String, Map<Long, double[]>> train = summaries(read(only(tmp.resolve("logs/train"))));
      Map<String, Map<Long, double[]>> val =
          summaries(read(only(tmp.resolve("logs/validation"))));
      String kernel = model.variables().get(0).name() + "/histogram";
      assertEquals(List.of("batch_loss", kernel, "epoch_learning_rate", "epoch_loss"),
          new ArrayList<>(train.keySet()));
      assertEquals(List.of("epoch_loss"), new ArrayList<>(val.keySet()));
      for (int epoch = 0; epoch < 3; epoch++) {
        // One batch an epoch: before epoch e the kernel is 2 - 2 * 0.85^e, the loss 7.5 (w - 2)².
        double before = 2 - 2 * Math.pow(0.85, epoch);
        double after = 2 - 2 * Math.pow(0.85, epoch + 1);
        double loss = 7.5 * (before - 2) * (before - 2);
        assertEquals(loss, train.get("epoch_loss").get((long) epoch)[0], 1e-4 * loss);
        assertEquals(history.history().get("loss").get(epoch),
            train.get("epoch_loss").get((long) epoch)[0], 1e-6);
        assertEquals(loss, train.get("batch_loss").get(epoch + 1L)[0], 1e-4 * loss);
        assertEquals(0.01, train.get("epoch_learning_rate").get((long) epoch)[0], 1e-9);
        double valLoss = 7.5 * (after - 2) * (after - 2);
        assertEquals(valLoss, val.get("epoch_loss").get((long) epoch)[0], 1e-4 * valLoss);
      }
      // Histograms at epochs 0 and 2: 30 buckets (left, right, count) holding the one weight.
      assertEquals(List.of(0L, 2L), new ArrayList<>(train.get(kernel).keySet()));
      for (long epoch : List.of(0L, 2L)) {
        double w = 2 - 2 * Math.pow(0.85, epoch + 1);
        double[] buckets = train.get(kernel).get(epoch);
        assertEquals(90, buckets.length);
        double total = 0;
        for (int b = 0; b < 30; b++) {
          total += buckets[3 * b + 2];
          if (buckets[3 * b + 2] > 0) {
            assertTrue(buckets[3 * b] <= w && w <= buckets[3 * b + 1], "bucket " + b);
          }
        }
        assertEquals(1, total);
        assertEquals(w - 0.5, buckets[0], 1e-6);
        assertEquals(w + 0.5, buckets[88], 1e-6);
      }
    }
  }

  @Test
  void evaluateWritesTheEvaluationScalarsAtTheIterationCount(@TempDir Path tmp) throws IOException {
    try (Sequential model = TinyRegression.model(0.01)) {
      TensorBoard tb = new TensorBoard(tmp.toString());
      model.fit(TinyRegression.X, TinyRegression.Y, epochs(2), batchSize(2), verbose(0),
          callbacks(tb));
      // Every batch (updateFreq "epoch"): no batch scalars, and no validation run without data.
      assertEquals(List.of("epoch_learning_rate", "epoch_loss"),
          new ArrayList<>(summaries(read(only(tmp.resolve("train")))).keySet()));
      assertTrue(Files.notExists(tmp.resolve("validation")));
      double loss = model.evaluate(TinyRegression.X, TinyRegression.Y, verbose(0), callbacks(tb))
          .get("loss");
      Map<String, Map<Long, double[]>> val = summaries(read(only(tmp.resolve("validation"))));
      assertEquals(loss, val.get("evaluation_loss_vs_iterations").get(4L)[0], 1e-6);
    }
  }

  @Test
  void theReadersCrcIsCrc32cAndBadArgumentsAreRefused() {
    // CRC-32C's check value (RFC 3720): the reader above computes the right checksum.
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, crc.getValue());
    assertThrows(IllegalArgumentException.class, () -> new TensorBoard().updateFreq("step"));
    assertThrows(IllegalArgumentException.class, () -> new TensorBoard().updateFreq(0));
    assertThrows(IllegalArgumentException.class, () -> new TensorBoard().histogramFreq(-1));
  }
}
