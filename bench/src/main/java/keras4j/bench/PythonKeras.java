package keras4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keras's own numbers and its peers': the same model trained in a Python process ({@code
 * bench/python/keras_contender.py}, the framework's default threads) on the same arrays, which
 * the benchmark writes to temporary files, by Keras's {@code fit} on TensorFlow or JAX, or by a
 * PyTorch loop; each epoch is asked for in turn with the others, as {@link RemoteEngine} does.
 * Only with {@code --python=PATH}.
 */
final class PythonKeras implements Contender {
  private static final Path SCRIPT = Path.of("bench", "python", "keras_contender.py");

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int samples;
  private final String versions;

  /**
   * Starts {@code python} on the script serving {@code model} ("cnn", "lstm" or an MLP's
   * "mlp-784-128-10") in {@code framework} ("tensorflow", "jax" or "torch") with {@code
   * stepsPerExecution}, on {@code samples} rows of {@code x} and {@code y} (raw little-endian
   * files, as {@link #write} makes them).
   */
  PythonKeras(String python, String model, String framework, Path x, Path y, int samples,
      int stepsPerExecution) {
    this.samples = samples;
    try {
      process = new ProcessBuilder(python, SCRIPT.toString(), model, x.toString(), y.toString(),
          String.valueOf(samples), String.valueOf(stepsPerExecution), framework)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("ready ")) {
        throw new IllegalStateException("Keras (" + python + " " + SCRIPT + ") did not start: "
            + ready + "; check that " + python + " imports keras and " + framework);
      }
      versions = ready.substring(6);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The versions as the Python process reported them: "Keras 3.15.1 on tensorflow 2.21.0". */
  String versions() {
    return versions;
  }

  @Override
  public double epoch(int batch) {
    in.println("epoch " + batch);
    try {
      String answer = out.readLine();
      if (answer == null || !answer.startsWith("ok ")) {
        throw new IllegalStateException("Keras's epoch failed: " + answer);
      }
      return Double.parseDouble(answer.substring(3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int samples() {
    return samples;
  }

  @Override
  public void close() {
    in.println("quit");
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }

  /** {@code values} in a temporary file, float32 little-endian, deleted when the JVM exits. */
  static Path write(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return write(bytes);
  }

  /** {@code values} in a temporary file, int32 little-endian, deleted when the JVM exits. */
  static Path write(int[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(values);
    return write(bytes);
  }

  private static Path write(ByteBuffer bytes) {
    try {
      Path file = Files.createTempFile("keras4j-bench", ".bin");
      file.toFile().deleteOnExit();
      Files.write(file, bytes.array());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
