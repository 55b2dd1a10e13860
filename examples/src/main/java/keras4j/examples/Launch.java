package keras4j.examples;

import java.io.File;
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
    ProcessBuilder child = new ProcessBuilder(command).inheritIO();
    child.environment().put("TF_CPP_MIN_LOG_LEVEL", System.getProperty("keras4j.tfLogLevel"));
    System.exit(child.start().waitFor());
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
