package keras4j.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Reads the arrays of a NumPy {@code .npz} (a zip of {@code .npy} files, one per array) as Keras's
 * data set files hold them: C order, little-endian numbers, and object arrays of int lists, whose
 * pickles {@link RestrictedUnpickler} reads without running anything from the file.
 */
final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN_ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([\\d,\\s]*)\\)");
  // The largest Java array some JVMs allow.
  private static final long MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

  private Npy() {}

  /** What a .npy header declares. */
  private record Header(String entryName, String descr, Shape shape) {}

  /** Reads the values after a header. */
  @FunctionalInterface
  private interface Body<T> {
    T read(Header header, DataInputStream in) throws IOException;
  }

  /**
   * Reads an array of unsigned bytes ({@code '|u1'}).
   *
   * @param zip the .npz
   * @param key the array's name, e.g. {@code "x_train"}
   * @return the array, its bytes holding NumPy's unsigned values
   * @throws IOException when the array is missing, of another dtype, or malformed
   */
  static ByteNdArray unsignedBytes(ZipFile zip, String key) throws IOException {
    return read(zip, key, (header, in) -> {
      requireDescr(header, List.of("|u1"), "unsigned bytes ('|u1')");
      return DatasetFiles.readBytes(in, header.shape(), header.entryName());
    });
  }

  /**
   * Reads an array of integers ({@code '<i8'}, {@code '<i4'} or {@code '|u1'}) as ints.
   *
   * @param zip the .npz
   * @param key the array's name
   * @return the array
   * @throws IOException when the array is missing, of another dtype, malformed, or holds a value
   *     outside Java's int
   */
  static IntNdArray ints(ZipFile zip, String key) throws IOException {
    return read(zip, key, (header, in) -> {
      requireDescr(header, List.of("<i8", "<i4", "|u1"), "integers ('<i8', '<i4' or '|u1')");
      ByteBuffer values = values(header, in);
      int[] ints = new int[Math.toIntExact(header.shape().size())];
      for (int i = 0; i < ints.length; i++) {
        long value = switch (header.descr()) {
          case "<i8" -> values.getLong();
          case "<i4" -> values.getInt();
          default -> Byte.toUnsignedInt(values.get());
        };
        if (value != (int) value) {
          throw new IOException(header.entryName() + " holds " + value + ", outside Java's int");
        }
        ints[i] = (int) value;
      }
      return NdArrays.wrap(header.shape(), DataBuffers.of(ints, false, false));
    });
  }

  /**
   * Reads an array of floating-point numbers ({@code '<f8'} or {@code '<f4'}) as doubles, exactly.
   *
   * @param zip the .npz
   * @param key the array's name
   * @return the array
   * @throws IOException when the array is missing, of another dtype, or malformed
   */
  static DoubleNdArray doubles(ZipFile zip, String key) throws IOException {
    return read(zip, key, (header, in) -> {
      requireDescr(header, List.of("<f8", "<f4"), "floats ('<f8' or '<f4')");
      ByteBuffer values = values(header, in);
      double[] doubles = new double[Math.toIntExact(header.shape().size())];
      for (int i = 0; i < doubles.length; i++) {
        doubles[i] = header.descr().equals("<f8") ? values.getDouble() : values.getFloat();
      }
      return NdArrays.wrap(header.shape(), DataBuffers.of(doubles, false, false));
    });
  }

  /**
   * Reads a one-dimensional object array ({@code '|O'}) of int lists, as IMDB and Reuters store
   * their word sequences.
   *
   * @param zip the .npz
   * @param key the array's name
   * @return one int array per element
   * @throws IOException when the array is missing, of another dtype, or its pickle is malformed or
   *     holds anything but NumPy's object array of int lists
   */
  static int[][] sequences(ZipFile zip, String key) throws IOException {
    return read(zip, key, (header, in) -> {
      requireDescr(header, List.of("|O"), "objects ('|O')");
      if (header.shape().numDimensions() != 1) {
        throw new IOException(header.entryName() + " has shape " + header.shape()
            + "; a list of sequences has one dimension");
      }
      int[][] sequences = RestrictedUnpickler.read(in, header.entryName());
      if (sequences.length != header.shape().get(0)) {
        throw new IOException(header.entryName() + " declares " + header.shape().get(0)
            + " sequences but its pickle holds " + sequences.length);
      }
      return sequences;
    });
  }

  private static <T> T read(ZipFile zip, String key, Body<T> body) throws IOException {
    String entryName = key + ".npy";
    ZipEntry entry = zip.getEntry(entryName);
    if (entry == null) {
      throw new IOException("it has no array " + entryName);
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(zip.getInputStream(entry)))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException(entryName + " is not a NumPy .npy array");
      }
      int major = in.readUnsignedByte();
      int minor = in.readUnsignedByte();
      // Format 1.0 counts the header's bytes in two bytes, 2.0 and 3.0 (a UTF-8 header) in four.
      long headerLength;
      if (major == 1 && minor == 0) {
        headerLength = in.readUnsignedByte() | in.readUnsignedByte() << 8;
      } else if ((major == 2 || major == 3) && minor == 0) {
        headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
      } else {
        throw new IOException(entryName + " has .npy format version " + major + "." + minor
            + "; only 1.0, 2.0 and 3.0 are supported");
      }
      if (headerLength > 1 << 20) {
        throw new IOException(entryName + " declares a header of " + headerLength + " bytes");
      }
      byte[] header = new byte[(int) headerLength];
      in.readFully(header);
      return body.read(parseHeader(entryName, new String(header, StandardCharsets.UTF_8)), in);
    } catch (EOFException e) {
      throw new IOException(entryName + " ends early", e);
    }
  }

  private static Header parseHeader(String entryName, String header) throws IOException {
    String descr = group(DESCR, header, entryName);
    if (group(FORTRAN_ORDER, header, entryName).equals("True")) {
      throw new IOException(entryName + " is in Fortran order; only C order is supported");
    }
    long[] dims = Arrays.stream(group(SHAPE, header, entryName).split(","))
        .map(String::trim)
        .filter(dim -> !dim.isEmpty())
        .mapToLong(Long::parseLong)
        .toArray();
    return new Header(entryName, descr, Shape.of(dims));
  }

  private static void requireDescr(Header header, List<String> accepted, String what)
      throws IOException {
    if (!accepted.contains(header.descr())) {
      throw new IOException(header.entryName() + " holds dtype '" + header.descr()
          + "'; only " + what + " are supported");
    }
  }

  // The values of a numeric array, which must be all that is left in the stream.
  private static ByteBuffer values(Header header, DataInputStream in) throws IOException {
    int itemSize = header.descr().charAt(2) - '0';
    long size = header.shape().size() * itemSize;
    if (size > MAX_ARRAY_SIZE) {
      throw new IOException(header.entryName() + " declares shape " + header.shape()
          + ", too large for one array");
    }
    byte[] data = new byte[(int) size];
    try {
      in.readFully(data);
    } catch (EOFException e) {
      throw new IOException(header.entryName() + " ends before the " + header.shape().size()
          + " values of its shape " + header.shape(), e);
    }
    if (in.read() != -1) {
      throw new IOException(header.entryName() + " holds more bytes than its shape "
          + header.shape() + " needs");
    }
    return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String group(Pattern pattern, String header, String entryName)
      throws IOException {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw new IOException(entryName + " has a malformed header: " + header.trim());
    }
    return matcher.group(1);
  }
}
