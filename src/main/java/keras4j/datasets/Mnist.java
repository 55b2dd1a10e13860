package keras4j.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The MNIST database of handwritten digits, as Keras's {@code keras.datasets.mnist}: 60,000
 * training and 10,000 test images of 28x28 grey pixels, labelled with the digit they show.
 *
 * <p>The data is Keras's own file {@code mnist.npz}, looked for in {@code
 * $KERAS_HOME/datasets/} (when {@code KERAS_HOME} is set), then in {@code ~/.keras/datasets/},
 * where Python Keras keeps it too; when neither has it, it is downloaded into the first of them
 * and its SHA-256 checked. Yann LeCun and Corinna Cortes hold the copyright of MNIST, made
 * available under the Creative Commons Attribution-Share Alike 3.0 license.
 */
public final class Mnist {

  /** Keras's file name for MNIST. */
  static final String FILE_NAME = "mnist.npz";
  /** The SHA-256 that Keras checks a download of mnist.npz against. */
  static final String SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1";

  private Mnist() {}

  /**
   * Loads MNIST, downloading it on first use.
   *
   * <p>Images have shape (60000, 28, 28) for training and (10000, 28, 28) for test. Their bytes
   * hold <em>unsigned</em> pixel values 0 (background) to 255 (ink), as NumPy's uint8 does; Java
   * bytes are signed, so read a pixel with {@code Byte.toUnsignedInt(x.getByte(i, r, c))}, or
   * scale all of them with {@code ArrayOps.divide(x, 255.0)}. Labels have shape (60000) and (10000)
   * and hold the digits 0..9 as ints, where Keras gives uint8: Java code indexes and compares with
   * ints.
   *
   * @return the training and test images and labels
   * @throws java.io.UncheckedIOException when the file is neither on disk nor downloadable (the
   *     message says where to put it), or is unreadable
   * @throws IllegalStateException when the file holds arrays of the wrong shapes
   */
  public static Dataset<ByteNdArray, IntNdArray> loadData() {
    return loadData(new DatasetFiles(
        "MNIST", DatasetFiles.kerasDirs(""), FileUtils::fetch, ""));
  }

  /**
   * Loads MNIST from the places {@code files} describes; tests point it at temporary ones.
   *
   * @param files where to look for mnist.npz, and how to download it
   * @return the training and test images and labels
   */
  static Dataset<ByteNdArray, IntNdArray> loadData(DatasetFiles files) {
    Path file = files.locate(List.of(FILE_NAME), DatasetFiles.sha256(SHA256)).get(0);
    return DatasetFiles.parse(file, Mnist::readNpz);
  }

  /** Reads the four arrays of Keras's mnist.npz. */
  private static Dataset<ByteNdArray, IntNdArray> readNpz(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return DatasetFiles.imageDataset(file.toString(),
          Npy.unsignedBytes(zip, "x_train"), Npy.unsignedBytes(zip, "y_train"),
          Npy.unsignedBytes(zip, "x_test"), Npy.unsignedBytes(zip, "y_test"));
    }
  }
}
