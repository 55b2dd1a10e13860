package keras4j.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mvn exec:java} runs: the example named by {@code -Dexample=...}, in a JVM of its
 * own. TensorFlow's native library reads {@code TF_CPP_MIN_LOG_LEVEL} from its process's
 * environment, which Maven's JVM cannot change for itself; the child gets it, shares the terminal
 * (and so the live progress bar) and hands back its exit status, so that an example that fails
 * ends Maven with the example's own message and status rather than Maven's error report.
 */
public final class Launch {

  private Launch() {}

  /**
   * Runs the example.
   *
   * @param args the example's arguments ({@code -Dexec.args=...})
   * @throws Exception when the child JVM cannot be started
   */
  public static void main(String[] args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath(),
        "keras4j.examples." + System.getProperty("keras4j.example")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO()
        .redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", System.getProperty("keras4j.tfLogLevel"));
    Process child = builder.start();
    Thread errors = new Thread(() -> copyErrors(child), "example-stderr");
    errors.start();
    int status = child.waitFor();
    errors.join();
    System.exit(status);
  }

  /**
   * Copies the child's standard error to ours but for TensorFlow's two Abseil lines. TF 2.18 logs
   * "MLIR V1 optimization pass is not enabled" (and Abseil's note that it logs before
   * {@code absl::InitializeLog}) through Abseil, which ignores {@code TF_CPP_MIN_LOG_LEVEL} and
   * offers no environment variable or session option to silence it.
   */
  private static void copyErrors(Process child) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream()))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (!isAbseilNoise(line)) {
          System.err.println(line);
        }
      }
    } catch (IOException e) {
      System.err.println("Launch: lost the example's standard error: " + e.getMessage());
    }
  }

  private static boolean isAbseilNoise(String line) {
    return line.startsWith("WARNING: All log messages before absl::InitializeLog() is called")
        || (line.startsWith("I0000 ") && line.contains("mlir_graph_optimization_pass.cc"));
  }

  /** The class path exec:java gave this class: the project's classes and test dependencies. */
  private static String classPath() throws URISyntaxException {
    if (!(Launch.class.getClassLoader() instanceof URLClassLoader loader)) {
      throw new IllegalStateException("Launch runs under mvn exec:java; run an example directly"
          + " with java -cp ... keras4j.examples.ClassName");
    }
    List<String> entries = new ArrayList<>();
    for (URL url : loader.getURLs()) {
      entries.add(Path.of(url.toURI()).toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
