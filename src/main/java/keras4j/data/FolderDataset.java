package keras4j.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;
import org.tensorflow.ndarray.Shape;

/**
 * A dataset of the images in a folder, as Keras's {@code keras.utils.image_dataset_from_directory}:
 * batches of float32 images {@code (batch, height, width, channels)} with values in [0, 255], and
 * labels from the sub-folder names ({@link #classNames()}): {@code "int"} class indices, {@code
 * "categorical"} one-hot rows or {@code "binary"} 0/1 of shape (1).
 *
 * <pre>{@code
 * main_directory/
 *   class_a/ a_image_1.jpg, a_image_2.png, ...
 *   class_b/ b_image_1.jpg, ...
 *
 * Folder folder = Folder.defaults().imageSize(64, 64).validationSplit(0.2).seed(1337);
 * List<FolderDataset> split = FolderDataset.imagesSplit(Path.of("main_directory"), folder);
 * model.fit(split.get(0), epochs(5), validationData(split.get(1)));
 * }</pre>
 *
 * <p>Files ending in .bmp, .gif, .jpeg, .jpg or .png (any case) are read with the JDK's ImageIO
 * on worker threads, one pass at a time: the images are never all in memory. The file list is
 * shuffled once with NumPy's generator (the same seed gives the same training and validation
 * files as Keras); a shuffled dataset then visits its files in a new random order each pass
 * (Keras's tf.data shuffle buffer draws another order, which cannot be reproduced outside
 * TensorFlow). A file that cannot be decoded fails its pass with an exception naming it.
 */
public final class FolderDataset extends Dataset {
  private static final List<String> IMAGE_FORMATS = List.of(".bmp", ".gif", ".jpeg", ".jpg",
      ".png");

  private final FileIndex index;
  private final Dataset pipeline;

  private FolderDataset(FileIndex index, Dataset pipeline) {
    this.index = index;
    this.pipeline = pipeline;
  }

  /**
   * The images of {@code directory}, or of one {@link Folder#subset} of them.
   *
   * @param directory the folder: one sub-folder per class when labels are inferred
   * @param folder the labels, image size, batch size, shuffling and split
   * @return the dataset
   * @throws IllegalArgumentException if the arguments conflict (as Keras's checks), the folder
   *     does not exist, or no image is found
   */
  public static FolderDataset images(Path directory, Folder folder) {
    Objects.requireNonNull(directory, "directory");
    if ("both".equals(folder.subset())) {
      throw new IllegalArgumentException("subset(\"both\") gives two datasets: call"
          + " FolderDataset.imagesSplit (Keras.imageDatasetsFromDirectory) instead");
    }
    FileIndex all = FileIndex.of(directory, folder, IMAGE_FORMATS);
    return images(directory, folder, all, folder.subset(), folder.shuffle());
  }

  /**
   * The training and validation datasets of a {@link Folder#validationSplit}, as Keras's {@code
   * subset="both"}; the validation dataset is not shuffled.
   *
   * @param directory the folder
   * @param folder the reading, with a validation split (and a seed when shuffling)
   * @return the training dataset, then the validation dataset
   * @throws IllegalArgumentException if there is no validation split or a part has no image
   */
  public static List<FolderDataset> imagesSplit(Path directory, Folder folder) {
    Objects.requireNonNull(directory, "directory");
    if (folder.validationSplit() == null) {
      throw new IllegalArgumentException("imagesSplit needs a Folder.validationSplit(...)");
    }
    Folder both = folder.withSubset("both");
    FileIndex all = FileIndex.of(directory, both, IMAGE_FORMATS);
    return List.of(images(directory, both, all, "training", folder.shuffle()),
        images(directory, both, all, "validation", false));
  }

  private static FolderDataset images(Path directory, Folder folder, FileIndex all,
      String subset, boolean shuffle) {
    FileIndex index = all.subset(folder.validationSplit(), subset);
    if (index.files().isEmpty()) {
      throw new IllegalArgumentException("No " + (subset == null ? "" : subset + " ")
          + "images found in directory " + directory + ". Allowed formats: " + IMAGE_FORMATS
          + (subset == null ? "" : " (a validation split of " + folder.validationSplit()
              + " of " + all.files().size() + " files)"));
    }
    Dataset samples = new Samples(index, folder, shuffle);
    Dataset pipeline = folder.batchSize() == null ? samples : samples.batch(folder.batchSize());
    return new FolderDataset(index, pipeline);
  }

  /**
   * The classes, in the order of their label indices (Keras's {@code dataset.class_names}).
   *
   * @return the class names, or null for a dataset without labels
   */
  public List<String> classNames() {
    return index.classNames();
  }

  /**
   * The files, in the order of the file list after its one shuffle (Keras's {@code
   * dataset.file_paths}).
   *
   * @return the image files
   */
  public List<Path> filePaths() {
    return index.files();
  }

  @Override
  public DatasetIterator iterator() {
    return pipeline.iterator();
  }

  @Override
  public long cardinality() {
    return pipeline.cardinality();
  }

  /** One sample per file, decoded on worker threads, in a new random order each pass. */
  private static final class Samples extends Dataset {
    private final FileIndex index;
    private final Folder folder;
    private final HostArray labels;
    private final SplittableRandom passes;

    Samples(FileIndex index, Folder folder, boolean shuffle) {
      this.index = index;
      this.folder = folder;
      this.labels = index.labelArray(folder.labelMode());
      this.passes = shuffle ? new SplittableRandom(index.seed()) : null;
    }

    @Override
    public DatasetIterator iterator() {
      int n = index.files().size();
      int[] order = FileIndex.passOrder(n, passes);
      int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      OrderedWorkers workers = new OrderedWorkers(threads, "image-folder");
      return new DatasetIterator() {
        private int next;

        @Override
        protected Batch pull() {
          while (workers.size() < 2 * threads && next < n) {
            int file = order[next++];
            workers.submit(() -> load(file));
          }
          return workers.size() == 0 ? null : workers.take();
        }

        @Override
        protected void release() {
          workers.close();
        }
      };
    }

    private Batch load(int file) {
      int c = folder.channels();
      float[] pixels = ImageFile.read(index.files().get(file), c, folder.height(), folder.width());
      HostArray image = HostArray.wrap(pixels, Shape.of(1, folder.height(), folder.width(), c));
      return Batch.of(HostRows.sample(image, 0),
          labels == null ? null : HostRows.sample(labels, file));
    }

    @Override
    public long cardinality() {
      return index.files().size();
    }
  }
}
