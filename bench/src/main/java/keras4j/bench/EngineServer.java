package keras4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import keras4j.utils.Threading;

/**
 * Runs benchmark engines in a JVM of its own, for an intra-op thread count other than the
 * parent's: TensorFlow sizes that pool once per process. Reads commands on stdin, one per line,
 * and answers each with a line starting "OK":
 * <ul>
 *   <li>{@code open ID SPEC WIDTHS SAMPLES}: builds engine ID ({@link Benchmark}'s spec, widths as
 *       784-128-10) on the first SAMPLES training samples;
 *   <li>{@code epoch ID BATCH}: trains one epoch, answers its seconds;
 *   <li>{@code close ID}.
 * </ul>
 */
public final class EngineServer {
  private EngineServer() {}

  /** {@code args[0]}: the intra-op thread count of this process. */
  public static void main(String[] args) throws IOException {
    int intra = Integer.parseInt(args[0]);
    Threading.setIntraOpParallelismThreads(intra);
    FashionData train = FashionData.load()[0];
    Map<String, Engine> engines = new HashMap<>();
    Map<String, FashionData> data = new HashMap<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] cmd = line.split(" ");
      String answer = "OK";
      switch (cmd[0]) {
        case "open" -> {
          int[] widths = Benchmark.widths(cmd[3]);
          engines.put(cmd[1], Benchmark.localEngine(cmd[2], widths, intra));
          int samples = Integer.parseInt(cmd[4]);
          data.put(cmd[1], samples == train.size() ? train : train.head(samples));
        }
        case "epoch" -> answer += " " + engines.get(cmd[1]).epoch(data.get(cmd[1]),
            Integer.parseInt(cmd[2]));
        case "close" -> {
          engines.remove(cmd[1]).close();
          data.remove(cmd[1]);
        }
        default -> throw new IllegalArgumentException("Unknown command: " + line);
      }
      System.out.println(answer);
      System.out.flush();
    }
  }
}
