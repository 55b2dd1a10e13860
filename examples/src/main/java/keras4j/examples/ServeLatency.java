package keras4j.examples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import keras4j.datasets.Digits;
import keras4j.models.Model;
import keras4j.saving.Json;
import keras4j.utils.ArrayOps;
import org.tensorflow.ndarray.StdArrays;

/**
 * The latency of {@link ServeModel} for one keep-alive client: {@code mvn -q test-compile
 * exec:java -Dexample=ServeLatency} serves the digits MLP on 127.0.0.1 and prints the median and
 * 99th percentile of {@value #REQUESTS} one-digit predictions on one connection. A benchmark line,
 * not a test: it depends on the machine.
 */
public final class ServeLatency {
  static final int REQUESTS = 2000;

  private ServeLatency() {}

  /** One HTTP/1.1 connection kept alive across requests, as a load balancer's or a client's. */
  public static final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code address}; a reply slower than {@code timeoutMillis} throws. */
    public Client(InetSocketAddress address, int timeoutMillis) throws IOException {
      socket = new Socket(address.getAddress(), address.getPort());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** A reply: its status, its Content-Type and its body. */
    public record Reply(int status, String contentType, String body) {}

    /** Sends one request ({@code body} may be empty) and reads its reply. */
    public Reply send(String method, String path, byte[] body) throws IOException {
      String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + (body.length > 0 || method.equals("POST") ? "Content-Length: " + body.length + "\r\n"
          : "") + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = line();
      if (status == null) {
        throw new IOException("the server closed the connection without a reply");
      }
      int length = -1;
      String type = null;
      for (String header; !(header = line()).isEmpty(); ) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).trim());
        } else if (lower.startsWith("content-type:")) {
          type = header.substring(13).trim();
        }
      }
      if (length < 0) {
        throw new IOException("reply without Content-Length: " + status);
      }
      byte[] reply = in.readNBytes(length);
      return new Reply(Integer.parseInt(status.split(" ")[1]), type,
          new String(reply, StandardCharsets.UTF_8));
    }

    /** A header line without its CRLF, or null at the end of the stream. */
    private String line() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.US_ASCII);
        }
        if (b != '\r') {
          bytes.write(b);
        }
      }
      return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Serves the digits MLP and prints the latency line. */
  public static void main(String[] args) throws IOException {
    float[][] x = StdArrays.array2dCopyOf(ArrayOps.divide(Digits.loadData().xTest(), 16.0));
    Path work = Files.createTempDirectory("keras4j-latency");
    Path savedModel;
    try (Model model = ServeModel.trainDigits(1)) {
      savedModel = ServeModel.exportTo(model, work);
    }
    var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (ServeModel server = ServeModel.start(savedModel, "digits", loopback, 4);
        Client client = new Client(server.address(), 30_000)) {
      long[] nanos = new long[REQUESTS];
      for (int i = -REQUESTS / 10; i < REQUESTS; i++) { // the first tenth warms up
        byte[] body = Json.write(Map.of("instances", new float[][] {x[Math.floorMod(i, x.length)]}))
            .getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Client.Reply reply = client.send("POST", "/v1/models/digits:predict", body);
        if (reply.status() != 200) {
          throw new IllegalStateException("request " + i + " failed: " + reply);
        }
        if (i >= 0) {
          nanos[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "ServeModel, one keep-alive client, %d predictions of one"
          + " digit: p50 %.2f ms, p99 %.2f ms%n", REQUESTS, nanos[REQUESTS / 2] / 1e6,
          nanos[REQUESTS * 99 / 100] / 1e6);
    }
  }
}
