package keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * {@link RestrictedUnpickler} on pickles written by Python ({@code pickle.dumps(a, protocol).hex()}
 * with NumPy 2.4) and on hand-made hostile ones.
 */
class RestrictedUnpicklerTest {

  // a = np.empty(2, dtype=object); a[0] = [-5, 2**31-1, 255, 65535, 65536, -2**31]; a[1] = []
  // pickle.dumps(a, 3): GLOBAL, BINPUT, SHORT_BINBYTES, BININT1/2, BININT.
  private static final String INTS_PROTOCOL_3 = "8003636e756d70792e5f636f72652e6d756c74696172726"
      + "1790a5f7265636f6e7374727563740a7100636e756d70790a6e6461727261790a71014b008571024301627103"
      + "877104527105284b014b02857106636e756d70790a64747970650a710758020000004f387108898887710952"
      + "710a284b0358010000007c710b4e4e4e4affffffff4affffffff4b3f74710c62895d710d285d710e284afbff"
      + "ffff4affffff7f4bff4dffff4a000001004a00000080655d710f65747110622e";

  @Test
  void readsIntsOfEveryWidthAndEmptyLists() throws IOException {
    int[][] sequences = read(HexFormat.of().parseHex(INTS_PROTOCOL_3));
    assertArrayEquals(new int[] {-5, Integer.MAX_VALUE, 255, 65535, 65536, Integer.MIN_VALUE},
        sequences[0]);
    assertArrayEquals(new int[0], sequences[1]);
  }

  @Test
  void refusesGlobalsOutsideNumpysArrayReconstruction() {
    // GLOBAL builtins.eval, then STACK_GLOBAL subprocess.Popen (protocol 4).
    assertRefused(ascii("\u0080\u0002cbuiltins\neval\n."), "names the global builtins.eval");
    assertRefused(concat(ascii("\u0080\u0004\u008c\nsubprocess\u008c\u0005Popen"),
        new byte[] {(byte) 0x93, '.'}), "names the global subprocess.Popen");
    // Python 3's protocol 2 pickles bytes through _codecs.encode; Keras refuses that too.
    assertRefused(HexFormat.of().parseHex("8002635f636f646563730a656e636f64650a2e"),
        "names the global _codecs.encode");
  }

  @Test
  void refusesOpcodesThatNumpysPicklesNeverUse() {
    // NEWOBJ (0x81) and INST ('i') build objects; they are refused before anything runs.
    assertRefused(new byte[] {(byte) 0x80, 4, ')', ')', (byte) 0x81, '.'}, "opcode 0x81");
    assertRefused(ascii("(ios\nsystem\n."), "opcode 0x69");
  }

  @Test
  void refusesAllowedGlobalsCalledOrBuiltOtherwise() {
    // numpy.dtype() with no arguments, and BUILD on a list.
    assertRefused(ascii("cnumpy\ndtype\n)R."), "calls numpy.dtype with unexpected arguments");
    assertRefused(ascii("])b."), "sets the state of something that is not a NumPy array");
    assertRefused(ascii("K\u0001."), "is not a NumPy array");
    assertRefused(ascii("."), "stops with 0 values");
    assertRefused(ascii("a."), "reads an empty stack");
    assertRefused(ascii("e."), "has no mark");
    assertRefused(ascii("h\u0007."), "reads memo 7, never stored");
  }

  @Test
  void refusesArraysThatAreNotOfIntLists() {
    // pickle.dumps(np.arange(3), 4): an int64 array, not objects.
    assertRefused(HexFormat.of().parseHex("800495a1000000000000008c166e756d70792e5f636f72652e6d"
        + "756c74696172726179948c0c5f7265636f6e7374727563749493948c056e756d7079948c076e6461727261"
        + "799493944b0085944301629487945294284b014b03859468038c0564747970659493948c02693894898887"
        + "945294284b038c013c944e4e4e4affffffff4affffffff4b00749462894318000000000000000001000000"
        + "000000000200000000000000947494622e"), "dtype 'i8', not of objects");
    // a = np.empty(2, dtype=object); a[0] = [1]; a[1] = 'abc'; pickle.dumps(a, 4)
    assertRefused(HexFormat.of().parseHex("80049595000000000000008c166e756d70792e5f636f72652e6d"
        + "756c74696172726179948c0c5f7265636f6e7374727563749493948c056e756d7079948c076e6461727261"
        + "799493944b0085944301629487945294284b014b02859468038c0564747970659493948c024f3894898887"
        + "945294284b038c017c944e4e4e4affffffff4affffffff4b3f749462895d94285d944b01618c0361626394"
        + "657494622e"), "element 1 that is not a list of ints");
    // a = np.empty(1, dtype=object); a[0] = [2**40]; pickle.dumps(a, 3): LONG1 beyond int.
    assertRefused(HexFormat.of().parseHex("8003636e756d70792e5f636f72652e6d756c74696172726179"
        + "0a5f7265636f6e7374727563740a7100636e756d70790a6e6461727261790a71014b008571024301627103"
        + "877104527105284b014b01857106636e756d70790a64747970650a710758020000004f387108898887710952"
        + "710a284b0358010000007c710b4e4e4e4affffffff4affffffff4b3f74710c62895d710d5d710e8a060000"
        + "00000001616174710f622e"), "a value that is not an int: 1099511627776");
  }

  @Test
  void truncatedOrTrailingBytesAreReported() {
    byte[] whole = HexFormat.of().parseHex(INTS_PROTOCOL_3);
    IOException early = assertThrows(IOException.class,
        () -> read(Arrays.copyOf(whole, whole.length - 10)));
    assertTrue(early.getMessage().contains("ends early"), early.getMessage());
    IOException trailing = assertThrows(IOException.class,
        () -> read(concat(whole, new byte[] {0})));
    assertTrue(trailing.getMessage().contains("bytes after its pickle"), trailing.getMessage());
    // SHORT_BINBYTES declaring 200 bytes where 2 follow.
    IOException forged = assertThrows(IOException.class,
        () -> read(new byte[] {'C', (byte) 200, 1, 2}));
    assertTrue(forged.getMessage().contains("ends early"), forged.getMessage());
  }

  @Test
  void dictsGiveTheirUint8ArraysAndRefuseOtherDtypes() throws IOException {
    // pickle.dumps({'data': np.zeros((1, 2), 'uint8')}, protocol=3), NumPy 2.
    Map<String, Object> dict = RestrictedUnpickler.readDict(new DataInputStream(
        new ByteArrayInputStream(HexFormat.of().parseHex("80037d71005804000000646174617101636e756d"
            + "70792e5f636f72652e6d756c746961727261790a5f7265636f6e7374727563740a7102636e756d70"
            + "790a6e6461727261790a71034b008571044301627105877106527107284b014b014b02867108636e"
            + "756d70790a64747970650a710958020000007531710a898887710b52710c284b0358010000007c71"
            + "0d4e4e4e4affffffff4affffffff4b0074710e628943020000710f74711062732e"))), "batch");
    assertEquals(List.of("data"), List.copyOf(dict.keySet()));
    assertEquals(Shape.of(1, 2), ((ByteNdArray) dict.get("data")).shape());
    // pickle.dumps({'data': np.zeros(2, 'float32'), 'labels': [1]}, protocol=3).
    IOException e = assertThrows(IOException.class, () -> RestrictedUnpickler.readDict(
        new DataInputStream(new ByteArrayInputStream(HexFormat.of().parseHex("80037d710028580400"
            + "0000646174617101636e756d70792e5f636f72652e6d756c746961727261790a5f7265636f6e7374"
            + "727563740a7102636e756d70790a6e6461727261790a71034b008571044301627105877106527107"
            + "284b014b02857108636e756d70790a64747970650a710958020000006634710a898887710b52710c"
            + "284b0358010000003c710d4e4e4e4affffffff4affffffff4b0074710e628943080000000000000000"
            + "710f7471106258060000006c6162656c7371115d71124b0161752e"))), "batch"));
    assertTrue(e.getMessage().contains("dtype 'f4'; only uint8 arrays are read"), e.getMessage());
  }

  private static int[][] read(byte[] pickle) throws IOException {
    return RestrictedUnpickler.read(
        new DataInputStream(new ByteArrayInputStream(pickle)), "x_train.npy");
  }

  private static void assertRefused(byte[] pickle, String detail) {
    IOException e = assertThrows(IOException.class, () -> read(pickle));
    String message = e.getMessage();
    assertTrue(message.startsWith("x_train.npy: its pickle "), message);
    assertTrue(message.contains(detail), message);
    assertTrue(message.contains("so it is not loaded"), message);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
