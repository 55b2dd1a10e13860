package keras4j.datasets;

import java.nio.file.Path;
import java.util.List;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The CIFAR-100 small images, as Keras's {@code keras.datasets.cifar100}: 50,000 training and
 * 10,000 test colour images of 32 × 32 pixels in 100 fine classes grouped into 20 coarse ones.
 *
 * <p>The data is the archive Keras downloads, {@code cifar-100-python.tar.gz}, found or fetched
 * as {@link Cifar10}'s (Keras 3's folder {@code cifar-100-python-target/cifar-100-python}, or
 * tf.keras's {@code cifar-100-python}).
 */
public final class Cifar100 {
  private Cifar100() {}

  /** Where Keras downloads the archive from. */
  static final String ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz";
  /** The SHA-256 Keras checks the archive against. */
  static final String SHA256 = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7";
  /** Keras's {@code fname}: the folder the archive is extracted into. */
  static final String TARGET = "cifar-100-python-target";
  /** The archive's top folder, which holds the batches. */
  static final String INNER = "cifar-100-python";

  /**
   * Loads CIFAR-100 with its fine labels (0..99), Keras's default.
   *
   * @return the training and test images and labels
   * @see #loadData(String)
   */
  public static Dataset<ByteNdArray, IntNdArray> loadData() {
    return loadData("fine");
  }

  /**
   * {@code cifar100.load_data(label_mode)}, downloading the archive on first use. Shapes and types
   * are {@link Cifar10#loadData()}'s.
   *
   * @param labelMode {@code "fine"} (100 classes) or {@code "coarse"} (20 superclasses)
   * @return the training and test images and labels
   * @throws IllegalArgumentException if {@code labelMode} is neither
   * @throws java.io.UncheckedIOException when the archive is neither cached nor downloadable (the
   *     message says where to put it), or a batch is unreadable
   */
  public static Dataset<ByteNdArray, IntNdArray> loadData(String labelMode) {
    checkLabelMode(labelMode);
    return load(CifarFiles.folder(DatasetFiles.kerasDirs(""), TARGET, INNER,
        List.of("train", "test"), ORIGIN, SHA256), labelMode);
  }

  /**
   * Reads the batches in {@code folder}, as {@code load_data} does after {@code get_file}.
   *
   * @param folder the archive's {@code cifar-100-python} folder
   * @param labelMode {@code "fine"} or {@code "coarse"}
   * @return the data set
   */
  static Dataset<ByteNdArray, IntNdArray> load(Path folder, String labelMode) {
    checkLabelMode(labelMode);
    String key = labelMode + "_labels";
    return CifarFiles.dataset(List.of(CifarFiles.loadBatch(folder.resolve("train"), key)),
        CifarFiles.loadBatch(folder.resolve("test"), key));
  }

  private static void checkLabelMode(String labelMode) {
    if (!"fine".equals(labelMode) && !"coarse".equals(labelMode)) {
      throw new IllegalArgumentException("`label_mode` must be one of `\"fine\"`, `\"coarse\"`."
          + " Received: label_mode=" + labelMode + ".");
    }
  }
}
