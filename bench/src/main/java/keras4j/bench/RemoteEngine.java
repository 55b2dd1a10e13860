package keras4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An engine living in an {@link EngineServer} JVM with another intra-op thread count; the parent
 * still decides when it trains, so its epochs interleave with the local engines' as usual. Only
 * {@link #epoch} is served.
 */
final class RemoteEngine implements Engine {
  private static final Map<Integer, Server> SERVERS = new HashMap<>();
  private static int ids;

  private final Server server;
  private final String id = "e" + ids++;
  private final int samples;

  RemoteEngine(String spec, int[] widths, int intraOpThreads, FashionData data) {
    server = SERVERS.computeIfAbsent(intraOpThreads, Server::new);
    samples = data.size();
    server.call("open " + id + " " + spec + " " + Benchmark.name(widths) + " " + samples);
  }

  @Override
  public double epoch(FashionData data, int batch) {
    if (data.size() != samples) {
      throw new IllegalArgumentException("This engine trains on " + samples + " samples");
    }
    return Double.parseDouble(server.call("epoch " + id + " " + batch).substring(3));
  }

  @Override
  public float[] predict(float[][] rows) {
    throw new UnsupportedOperationException("Remote engines only time epochs");
  }

  @Override
  public double accuracy(FashionData data) {
    throw new UnsupportedOperationException("Remote engines only time epochs");
  }

  @Override
  public void close() {
    server.call("close " + id);
  }

  /** Ends every server process. */
  static void shutdown() {
    SERVERS.values().forEach(Server::stop);
    SERVERS.clear();
  }

  /** One server JVM and its command pipe. */
  private static final class Server {
    private final Process process;
    private final PrintWriter out;
    private final BufferedReader in;

    Server(int intraOpThreads) {
      String java = ProcessHandle.current().info().command().orElse("java");
      try {
        process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            EngineServer.class.getName(), String.valueOf(intraOpThreads))
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    String call(String command) {
      out.println(command);
      try {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("OK")) {
            return line;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new IllegalStateException("The engine server died on: " + command);
    }

    void stop() {
      out.close();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroy();
      }
    }
  }
}
