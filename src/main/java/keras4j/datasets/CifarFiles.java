package keras4j.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * What CIFAR-10 and CIFAR-100 share, as Keras's {@code keras.datasets.cifar}: where Keras keeps
 * the extracted archive, and {@code load_batch}, which reads one pickled batch (through {@link
 * RestrictedUnpickler}, so that nothing from the file runs) into channels-last uint8 images.
 */
final class CifarFiles {
  private CifarFiles() {}

  private static final int SIDE = 32;
  private static final int PIXELS = SIDE * SIDE;
  private static final int VALUES = 3 * PIXELS;

  /** One batch: {@code n} images of 32 × 32 × 3 bytes, channels last, and their labels. */
  record Batch(int n, byte[] images, int[] labels) {}

  /**
   * The folder holding the batch files: Keras 3's extraction ({@code <datasets>/<target>/<inner>})
   * or tf.keras's ({@code <datasets>/<inner>}) in one of the data set folders, else the archive
   * fetched by {@link FileUtils#getFile} as Keras fetches it (SHA-256 checked, extracted into
   * {@code <target>}) into the first of them.
   *
   * @param datasetDirs Keras's {@code datasets} folders, the download one first
   * @param target Keras's {@code fname}, e.g. {@code cifar-10-batches-py-target}
   * @param inner the archive's top folder, e.g. {@code cifar-10-batches-py}
   * @param files the batch files that must be there
   * @param origin where Keras downloads the archive from
   * @param sha256 the archive's SHA-256
   * @return the folder
   */
  static Path folder(List<Path> datasetDirs, String target, String inner, List<String> files,
      String origin, String sha256) {
    for (Path dir : datasetDirs) {
      for (Path candidate : List.of(dir.resolve(target).resolve(inner), dir.resolve(inner))) {
        if (files.stream().allMatch(f -> Files.isRegularFile(candidate.resolve(f)))) {
          return candidate;
        }
      }
    }
    Path datasets = datasetDirs.get(0);
    return FileUtils.getFile(target, origin, sha256, datasets.getFileName().toString(), "auto",
        true, "auto", datasets.getParent(), false).resolve(inner);
  }

  /**
   * Keras's {@code load_batch(fpath, label_key)}, with the images transposed to channels last as
   * {@code load_data} does.
   *
   * @param file the pickled batch
   * @param labelKey {@code "labels"}, {@code "fine_labels"} or {@code "coarse_labels"}
   * @return the batch
   * @throws java.io.UncheckedIOException when the file is missing, is not such a pickle, or its
   *     arrays do not fit together; the message names it
   */
  static Batch loadBatch(Path file, String labelKey) {
    return DatasetFiles.parse(file, f -> {
      Map<String, Object> dict;
      try (InputStream raw = Files.newInputStream(f);
          DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
        dict = RestrictedUnpickler.readDict(in, f.getFileName().toString());
      }
      if (!(dict.get("data") instanceof ByteNdArray data) || data.rank() != 2
          || data.shape().get(1) != VALUES) {
        throw new IOException("its 'data' is not a uint8 array of shape (n, " + VALUES + ")");
      }
      int n = Math.toIntExact(data.shape().get(0));
      if (!(dict.get(labelKey) instanceof List<?> labels) || labels.size() != n) {
        throw new IOException("its '" + labelKey + "' is not a list of " + n + " labels");
      }
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        if (!(labels.get(i) instanceof Long label) || label < 0 || label > 255) {
          throw new IOException("its label " + i + " is not a class 0..255: " + labels.get(i));
        }
        y[i] = label.intValue();
      }
      byte[] planes = new byte[n * VALUES];
      data.copyTo(DataBuffers.of(planes, false, false));
      byte[] hwc = new byte[planes.length];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          for (int p = 0; p < PIXELS; p++) {
            hwc[i * VALUES + p * 3 + c] = planes[i * VALUES + c * PIXELS + p];
          }
        }
      }
      return new Batch(n, hwc, y);
    });
  }

  /**
   * The data set of Keras's {@code load_data}: images (n, 32, 32, 3), labels (n, 1).
   *
   * @param train the training batches, in order
   * @param test the test batch
   * @return the data set
   */
  static Dataset<ByteNdArray, IntNdArray> dataset(List<Batch> train, Batch test) {
    int n = train.stream().mapToInt(Batch::n).sum();
    byte[] images = new byte[n * VALUES];
    int[] labels = new int[n];
    int at = 0;
    for (Batch b : train) {
      System.arraycopy(b.images(), 0, images, at * VALUES, b.n() * VALUES);
      System.arraycopy(b.labels(), 0, labels, at, b.n());
      at += b.n();
    }
    return new Dataset<>(images(n, images), labels(labels), images(test.n(), test.images()),
        labels(test.labels()));
  }

  private static ByteNdArray images(int n, byte[] hwc) {
    return NdArrays.wrap(Shape.of(n, SIDE, SIDE, 3), DataBuffers.of(hwc, false, false));
  }

  private static IntNdArray labels(int[] labels) {
    return NdArrays.wrap(Shape.of(labels.length, 1), DataBuffers.of(labels, false, false));
  }
}
