package keras4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import keras4j.backend.HostArray;
import keras4j.backend.HostRows;

/**
 * The text files of a folder, as Keras's {@code keras.utils.text_dataset_from_directory}: the
 * .txt files of each class's sub-folder, read as UTF-8, with labels from the sub-folder names
 * and the same file order, shuffle and split as {@link FolderDataset}.
 *
 * <p>keras4j models take numbers, not string tensors, so the elements are Java strings ({@link
 * TextBatch}) to iterate, and {@link #vectorized} turns them into a {@link Dataset} a model trains
 * on, with an encoder of your own (token counts, a vocabulary lookup, ...).
 *
 * <pre>{@code
 * TextFolder reviews = TextFolder.texts(Path.of("aclImdb/train"),
 *     Folder.defaults().classNames("neg", "pos").maxLength(2000));
 * for (TextBatch batch : reviews) { ... batch.texts() ... batch.labels() ... }
 * }</pre>
 */
public final class TextFolder implements Iterable<TextBatch> {
  private final FileIndex index;
  private final Folder folder;
  private final HostArray labels;
  private final SplittableRandom passes;

  private TextFolder(FileIndex index, Folder folder, boolean shuffle) {
    this.index = index;
    this.folder = folder;
    this.labels = index.labelArray(folder.labelMode());
    this.passes = shuffle ? new SplittableRandom(index.seed()) : null;
  }

  /**
   * The texts of {@code directory}, or of one {@link Folder#subset} of them.
   *
   * @param directory the folder: one sub-folder per class when labels are inferred
   * @param folder the labels, batch size, shuffling, split and {@link Folder#maxLength}
   * @return the texts
   * @throws IllegalArgumentException if the arguments conflict, the folder does not exist or no
   *     .txt file is found
   */
  public static TextFolder texts(Path directory, Folder folder) {
    Objects.requireNonNull(directory, "directory");
    if ("both".equals(folder.subset())) {
      throw new IllegalArgumentException("subset(\"both\") gives two datasets: call"
          + " TextFolder.textsSplit (Keras.textDatasetsFromDirectory) instead");
    }
    FileIndex all = FileIndex.of(directory, folder, List.of(".txt"));
    return texts(directory, folder, all, folder.subset(), folder.shuffle());
  }

  /**
   * The training and validation texts of a {@link Folder#validationSplit}, as Keras's {@code
   * subset="both"}; the validation texts are not shuffled.
   *
   * @param directory the folder
   * @param folder the reading, with a validation split (and a seed when shuffling)
   * @return the training texts, then the validation texts
   * @throws IllegalArgumentException if there is no validation split or a part has no file
   */
  public static List<TextFolder> textsSplit(Path directory, Folder folder) {
    Objects.requireNonNull(directory, "directory");
    if (folder.validationSplit() == null) {
      throw new IllegalArgumentException("textsSplit needs a Folder.validationSplit(...)");
    }
    Folder both = folder.withSubset("both");
    FileIndex all = FileIndex.of(directory, both, List.of(".txt"));
    return List.of(texts(directory, both, all, "training", folder.shuffle()),
        texts(directory, both, all, "validation", false));
  }

  private static TextFolder texts(Path directory, Folder folder, FileIndex all, String subset,
      boolean shuffle) {
    FileIndex index = all.subset(folder.validationSplit(), subset);
    if (index.files().isEmpty()) {
      throw new IllegalArgumentException("No " + (subset == null ? "" : subset + " ")
          + "text files found in directory " + directory + ". Allowed format: .txt");
    }
    return new TextFolder(index, folder, shuffle);
  }

  /**
   * The classes, in the order of their label indices.
   *
   * @return the class names, or null without labels
   */
  public List<String> classNames() {
    return index.classNames();
  }

  /**
   * The files, in the order of the file list after its one shuffle.
   *
   * @return the text files
   */
  public List<Path> filePaths() {
    return index.files();
  }

  /**
   * The number of elements of a pass (batches, or texts when unbatched).
   *
   * @return the count
   */
  public long cardinality() {
    int n = index.files().size();
    Integer batch = folder.batchSize();
    return batch == null ? n : (n + batch - 1) / batch;
  }

  /**
   * A pass over the texts, in a new random order each pass when shuffled; a file is read when
   * its batch is.
   *
   * @return the pass
   */
  @Override
  public Iterator<TextBatch> iterator() {
    int n = index.files().size();
    int[] order = FileIndex.passOrder(n, passes);
    int size = folder.batchSize() == null ? 1 : folder.batchSize();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public TextBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("The texts have no more batches");
        }
        int count = Math.min(size, n - next);
        int[] rows = new int[count];
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          rows[i] = order[next++];
          texts.add(read(index.files().get(rows[i])));
        }
        if (labels == null) {
          return new TextBatch(texts, null);
        }
        HostRows y = folder.batchSize() == null ? HostRows.sample(labels, rows[0])
            : HostRows.of(labels, rows);
        return new TextBatch(texts, y.toNdArray());
      }
    };
  }

  /**
   * The texts turned into a dataset a model trains on: {@code encode} maps each batch's texts
   * to an array of numbers, one row per text ({@code float[][]}, an NdArray, ...), and the
   * labels follow. Each pass reads the files again.
   *
   * @param encode the numbers of a list of texts, batch axis first
   * @return the dataset
   */
  public Dataset vectorized(Function<List<String>, Object> encode) {
    Objects.requireNonNull(encode, "encode");
    if (folder.batchSize() == null) {
      throw new IllegalArgumentException("vectorized() needs batches: give the folder a"
          + " batchSize");
    }
    return Dataset.fromGenerator(() -> new Iterator<Batch>() {
      private final Iterator<TextBatch> texts = iterator();

      @Override
      public boolean hasNext() {
        return texts.hasNext();
      }

      @Override
      public Batch next() {
        TextBatch batch = texts.next();
        Object x = encode.apply(batch.texts());
        return batch.labels() == null ? Batch.of(x) : Batch.of(x, batch.labels());
      }
    });
  }

  private String read(Path file) {
    String text;
    try {
      // Malformed UTF-8 is replaced (U+FFFD), not refused: Keras reads the bytes as they are.
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the text file " + file, e);
    }
    Integer max = folder.maxLength();
    // Keras cuts at max_length bytes; keras4j cuts at max_length characters (the same for ASCII).
    return max == null || text.length() <= max ? text : text.substring(0, max);
  }
}
