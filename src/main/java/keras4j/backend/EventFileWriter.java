package keras4j.backend;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A TensorFlow event file, as {@code tf.summary.create_file_writer} writes one: TFRecord framing
 * (each record its length, the length's masked CRC32C, the serialized {@link Event}, the data's
 * masked CRC32C), a first event naming the format {@code brain.Event:2}, then one event per
 * summary value: scalars and histograms as TensorFlow 2 writes them (a tensor value with the
 * plugin named in its metadata), so that TensorBoard and {@code tf.compat.v1.train.summary_iterator}
 * read them.
 *
 * <p>Not thread-safe; {@link #close()} flushes and closes the file.
 */
public final class EventFileWriter implements AutoCloseable {
  private static final AtomicInteger FILES = new AtomicInteger();
  // TensorBoard's default number of histogram buckets (tensorboard.plugins.histogram.summary_v2).
  private static final int BUCKETS = 30;

  private final Path path;
  private final OutputStream out;

  /**
   * Creates {@code dir} if needed and a new event file in it, named {@code
   * events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2} as TensorFlow names them.
   *
   * @param dir the run's directory, e.g. {@code logs/train}
   * @throws UncheckedIOException if the directory or file cannot be created
   */
  public EventFileWriter(Path dir) {
    try {
      Files.createDirectories(dir);
      long seconds = System.currentTimeMillis() / 1000;
      this.path = dir.resolve("events.out.tfevents." + seconds + "." + hostName() + "."
          + ProcessHandle.current().pid() + "." + FILES.getAndIncrement() + ".v2");
      this.out = new BufferedOutputStream(Files.newOutputStream(path));
      write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a TensorBoard event file in " + dir, e);
    }
  }

  /**
   * The file written.
   *
   * @return its path
   */
  public Path path() {
    return path;
  }

  /**
   * Writes a scalar summary, as {@code tf.summary.scalar(tag, value, step)}.
   *
   * @param tag the summary's name, e.g. {@code epoch_loss}
   * @param value the value (written as float32, as TensorFlow does)
   * @param step the x coordinate: an epoch, a batch, an iteration
   */
  public void scalar(String tag, double value, long step) {
    TensorProto tensor = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setTensorShape(TensorShapeProto.getDefaultInstance()).addFloatVal((float) value).build();
    summary(tag, "scalars", tensor, step);
  }

  /**
   * Writes a histogram summary, as {@code tf.summary.histogram(tag, values, step)}: a {@code
   * [30, 3]} float64 tensor of (left edge, right edge, count) of evenly spaced buckets between the
   * minimum and the maximum (a single value spreads over {@code value ± 0.5}).
   *
   * @param tag the summary's name, e.g. {@code dense/kernel/histogram}
   * @param values the values, e.g. a weight's
   * @param step the x coordinate
   */
  public void histogram(String tag, float[] values, long step) {
    TensorProto.Builder tensor = TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE)
        .setTensorShape(TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(values.length == 0 ? 0 : BUCKETS))
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(3)));
    if (values.length > 0) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (float v : values) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (min == max) {
        min -= 0.5;
        max += 0.5;
      }
      double width = (max - min) / BUCKETS;
      double[] counts = new double[BUCKETS];
      for (float v : values) {
        counts[Math.min(BUCKETS - 1, (int) ((v - min) / width))]++;
      }
      for (int b = 0; b < BUCKETS; b++) {
        tensor.addDoubleVal(min + b * width).addDoubleVal(b == BUCKETS - 1 ? max : min + (b + 1) * width)
            .addDoubleVal(counts[b]);
      }
    }
    summary(tag, "histograms", tensor.build(), step);
  }

  private void summary(String tag, String plugin, TensorProto tensor, long step) {
    Summary.Value value = Summary.Value.newBuilder().setTag(tag)
        .setMetadata(SummaryMetadata.newBuilder()
            .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(plugin)))
        .setTensor(tensor).build();
    write(Event.newBuilder().setWallTime(now()).setStep(step)
        .setSummary(Summary.newBuilder().addValue(value)).build());
  }

  private void write(Event event) {
    byte[] data = event.toByteArray();
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length)
        .array();
    try {
      out.write(length);
      out.write(crc(length));
      out.write(data);
      out.write(crc(data));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the TensorBoard event file " + path, e);
    }
  }

  /** TFRecord's masked CRC32C of {@code bytes}, little-endian. */
  static byte[] crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array();
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * Writes what is buffered to the file.
   *
   * @throws UncheckedIOException if the write fails
   */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the TensorBoard event file " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the TensorBoard event file " + path, e);
    }
  }
}
