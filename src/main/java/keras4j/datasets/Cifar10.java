package keras4j.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/**
 * The CIFAR-10 small images, as Keras's {@code keras.datasets.cifar10}: 50,000 training and
 * 10,000 test colour images of 32 × 32 pixels in 10 classes (0 airplane, 1 automobile, 2 bird,
 * 3 cat, 4 deer, 5 dog, 6 frog, 7 horse, 8 ship, 9 truck).
 *
 * <p>The data is the archive Keras downloads, {@code cifar-10-python.tar.gz}, in Keras's cache:
 * extracted in {@code $KERAS_HOME/datasets} or {@code ~/.keras/datasets} (Keras 3's folder {@code
 * cifar-10-batches-py-target/cifar-10-batches-py}, or tf.keras's {@code cifar-10-batches-py}),
 * else downloaded and extracted there by {@link keras4j.utils.FileUtils#getFile}, its SHA-256
 * checked. Its batches are pickles, read without running anything from them. CIFAR-10 is by Alex
 * Krizhevsky, Vinod Nair and Geoffrey Hinton.
 */
public final class Cifar10 {
  private Cifar10() {}

  /** Where Keras downloads the archive from. */
  static final String ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz";
  /** The SHA-256 Keras checks the archive against. */
  static final String SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce";
  /** Keras's {@code fname}: the folder the archive is extracted into. */
  static final String TARGET = "cifar-10-batches-py-target";
  /** The archive's top folder, which holds the batches. */
  static final String INNER = "cifar-10-batches-py";
  private static final List<String> TRAIN = List.of("data_batch_1", "data_batch_2",
      "data_batch_3", "data_batch_4", "data_batch_5");
  private static final String TEST = "test_batch";

  /**
   * Loads CIFAR-10, downloading it on first use.
   *
   * <p>Images have shape (50000, 32, 32, 3) and (10000, 32, 32, 3), channels last, their bytes
   * <em>unsigned</em> levels 0..255 as NumPy's uint8 (read one with {@code Byte.toUnsignedInt});
   * labels have shape (50000, 1) and (10000, 1), ints where Keras gives uint8.
   *
   * @return the training and test images and labels
   * @throws java.io.UncheckedIOException when the archive is neither cached nor downloadable (the
   *     message says where to put it), or a batch is unreadable
   */
  public static Dataset<ByteNdArray, IntNdArray> loadData() {
    List<String> files = new ArrayList<>(TRAIN);
    files.add(TEST);
    return load(CifarFiles.folder(DatasetFiles.kerasDirs(""), TARGET, INNER, files, ORIGIN,
        SHA256));
  }

  /**
   * Reads the batches in {@code folder}, as {@code load_data} does after {@code get_file}.
   *
   * @param folder the archive's {@code cifar-10-batches-py} folder
   * @return the data set
   */
  static Dataset<ByteNdArray, IntNdArray> load(Path folder) {
    List<CifarFiles.Batch> train = new ArrayList<>();
    for (String name : TRAIN) {
      train.add(CifarFiles.loadBatch(folder.resolve(name), "labels"));
    }
    return CifarFiles.dataset(train, CifarFiles.loadBatch(folder.resolve(TEST), "labels"));
  }
}
