package keras4j.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;

/**
 * Fashion-MNIST, Zalando's images of clothes, as Keras's {@code keras.datasets.fashion_mnist}:
 * 60,000 training and 10,000 test images of 28x28 grey pixels in 10 classes (0 T-shirt/top, 1
 * Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot).
 *
 * <p>The data is four IDX files, gzipped or not, looked for in {@code
 * $KERAS_HOME/datasets/fashion-mnist/} (when {@code KERAS_HOME} is set), then in {@code
 * ~/.keras/datasets/fashion-mnist/}, where Python Keras keeps them too, then in {@code
 * /usr/share/datasets/fashion-mnist/}, where Debian's package {@code dataset-fashion-mnist} puts
 * them; when none has them, they are downloaded into the first of those directories. Zalando
 * publishes Fashion-MNIST under the MIT license.
 */
public final class FashionMnist {

  /** The files in the order {@link #loadData(DatasetFiles)} reads them, as Keras names them. */
  static final List<String> FILE_NAMES = List.of(
      "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
  /** Where Debian's package dataset-fashion-mnist installs the files, gzipped. */
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  // An IDX file starts with 0, 0, a type code (8 for unsigned bytes) and the number of dimensions.
  private static final int UNSIGNED_BYTE_MAGIC = 0x0800;
  private static final int GZIP_MAGIC = 0x1f8b;

  private FashionMnist() {}

  /**
   * Loads Fashion-MNIST, downloading it on first use unless Debian's package has it.
   *
   * <p>Images have shape (60000, 28, 28) for training and (10000, 28, 28) for test. Their bytes
   * hold <em>unsigned</em> pixel values 0..255, as NumPy's uint8 does; Java bytes are signed, so
   * read a pixel with {@code Byte.toUnsignedInt(x.getByte(i, r, c))}, or scale all of them with
   * {@code ArrayOps.divide(x, 255.0)}. Labels have shape (60000) and (10000) and hold the classes
   * 0..9 as ints, where Keras gives uint8: Java code indexes and compares with ints.
   *
   * @return the training and test images and labels
   * @throws java.io.UncheckedIOException when the files are neither on disk nor downloadable (the
   *     message says where to put them), or are unreadable
   * @throws IllegalStateException when the files hold arrays of the wrong shapes
   */
  public static Dataset<ByteNdArray, IntNdArray> loadData() {
    List<Path> dirs = new ArrayList<>(DatasetFiles.kerasDirs("fashion-mnist"));
    dirs.add(DEBIAN_DIR);
    return loadData(new DatasetFiles("Fashion-MNIST", dirs, FileUtils::fetch,
        "install Debian's package: apt-get install dataset-fashion-mnist"));
  }

  /**
   * Loads Fashion-MNIST from the places {@code files} describes; tests point it elsewhere.
   *
   * @param files where to look for the four files, and how to download them
   * @return the training and test images and labels
   */
  static Dataset<ByteNdArray, IntNdArray> loadData(DatasetFiles files) {
    // Keras publishes no checksums for these files: a download is kept if it parses as IDX.
    List<Path> paths = files.locate(FILE_NAMES, FashionMnist::readIdx);
    List<ByteNdArray> arrays = paths.stream()
        .map(path -> DatasetFiles.parse(path, FashionMnist::readIdx))
        .toList();
    return DatasetFiles.imageDataset(paths.toString(),
        arrays.get(0), arrays.get(1), arrays.get(2), arrays.get(3));
  }

  /**
   * Reads an IDX file of unsigned bytes, gzipped or not: a big-endian magic number (0x00000801
   * for a vector of labels, 0x00000803 for a stack of images), the size of each dimension, then
   * the values in row-major order.
   *
   * @param file the file
   * @return its array, with the shape its header declares
   * @throws IOException when the file is not such an IDX file, or is truncated
   */
  static ByteNdArray readIdx(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(open(file))) {
      int magic = in.readInt();
      int rank = magic & 0xff;
      if ((magic & ~0xff) != UNSIGNED_BYTE_MAGIC || rank == 0) {
        throw new IOException(String.format(
            "magic number 0x%08x is not that of an IDX file of unsigned bytes (0x00000801 for"
                + " labels, 0x00000803 for images)", magic));
      }
      long[] dims = new long[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = Integer.toUnsignedLong(in.readInt());
      }
      return DatasetFiles.readBytes(in, Shape.of(dims), "the IDX data");
    } catch (EOFException e) {
      throw new IOException("the IDX header ends early", e);
    }
  }

  // Recognises gzip by its magic number rather than by the file name.
  private static InputStream open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
    try {
      in.mark(2);
      int magic = in.read() << 8 | in.read();
      in.reset();
      return magic == GZIP_MAGIC ? new BufferedInputStream(new GZIPInputStream(in)) : in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
