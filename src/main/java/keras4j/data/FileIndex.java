package keras4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import keras4j.backend.HostArray;
import keras4j.backend.NumpyShuffle;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.Shape;

/**
 * The files of a folder and their labels, as Keras's {@code dataset_utils.index_directory}:
 * classes are the sub-folders (sorted, or as given), each class's files are found by walking its
 * sub-folder (roots sorted, then file names), the list is shuffled with NumPy's generator, and a
 * validation split takes the last files of the shuffled list.
 *
 * @param files the files, in the order of the dataset
 * @param labels their class indices, or null without labels
 * @param classNames the classes, or null without labels
 * @param seed the seed of the shuffles (drawn when none was given)
 */
record FileIndex(List<Path> files, int[] labels, List<String> classNames, long seed) {

  /** Indexes {@code directory} for the files ending in one of {@code formats}. */
  static FileIndex of(Path directory, Folder folder, List<String> formats) {
    checkSplit(folder);
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("The directory " + directory + " does not exist or is"
          + " not a directory");
    }
    List<String> subdirs;
    if (folder.inferred()) {
      List<String> found = new ArrayList<>();
      try (Stream<Path> children = Files.list(directory)) {
        children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
            .filter(name -> !name.startsWith(".")).sorted().forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the directory " + directory, e);
      }
      subdirs = found;
      if (folder.classNames() != null) {
        if (!found.containsAll(folder.classNames())) {
          throw new IllegalArgumentException("The classNames passed did not match the names of"
              + " the subdirectories of the target directory. Expected: " + found + " (or a"
              + " subset of it), but received: classNames=" + folder.classNames());
        }
        subdirs = folder.classNames();
      }
    } else {
      if (folder.classNames() != null) {
        throw new IllegalArgumentException("classNames can only be given with labels inferred"
            + " from the sub-folders, not with explicit labels or noLabels()");
      }
      subdirs = List.of("");
    }
    List<Path> files = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    for (int c = 0; c < subdirs.size(); c++) {
      for (Path file : walk(directory.resolve(subdirs.get(c)), folder.followLinks(), formats)) {
        files.add(file);
        classes.add(c);
      }
    }
    int[] labels = null;
    List<String> classNames = null;
    if (folder.labelMode() != null && folder.inferred()) {
      labels = classes.stream().mapToInt(Integer::intValue).toArray();
      classNames = subdirs;
    } else if (folder.labelMode() != null) {
      labels = folder.explicitLabels().clone();
      if (labels.length != files.size()) {
        throw new IllegalArgumentException("Expected the lengths of labels to match the number of"
            + " files in the target directory. len(labels) is " + labels.length + " while we"
            + " found " + files.size() + " files in directory " + directory + ".");
      }
      TreeSet<Integer> distinct = new TreeSet<>();
      Arrays.stream(labels).forEach(distinct::add);
      classNames = distinct.stream().map(String::valueOf).toList();
    }
    if (folder.verbose()) {
      System.out.println(labels == null ? "Found " + files.size() + " files."
          : "Found " + files.size() + " files belonging to " + classNames.size() + " classes.");
    }
    // Keras draws a seed in [0, 1e6) when none is given; keras4j draws it from RandomSeed.
    long seed = folder.seed() != null ? folder.seed()
        : Math.floorMod(RandomSeed.next(), 1_000_000L);
    if (folder.shuffle()) {
      int[] order = NumpyShuffle.permutation(files.size(), seed);
      List<Path> shuffled = new ArrayList<>(files.size());
      for (int i : order) {
        shuffled.add(files.get(i));
      }
      files = shuffled;
      if (labels != null) {
        int[] before = labels;
        labels = Arrays.stream(order).map(i -> before[i]).toArray();
      }
    }
    if ("binary".equals(folder.labelMode()) && classNames.size() != 2) {
      throw new IllegalArgumentException("When passing labelMode(\"binary\"), there must be"
          + " exactly 2 classNames. Received: classNames=" + classNames);
    }
    return new FileIndex(List.copyOf(files), labels, classNames, seed);
  }

  /** Keras's {@code check_validation_split_arg}. */
  private static void checkSplit(Folder folder) {
    if ((folder.validationSplit() == null) != (folder.subset() == null)) {
      throw new IllegalArgumentException("If subset is set, validationSplit must be set, and"
          + " inversely");
    }
    if (folder.validationSplit() != null && folder.shuffle() && folder.seed() == null) {
      throw new IllegalArgumentException("If using validationSplit and shuffling the data, you"
          + " must provide a seed, to make sure that there is no overlap between the training and"
          + " validation subset");
    }
  }

  /**
   * The training or validation part, as Keras's {@code get_training_or_validation_split}: the
   * validation part is the last {@code int(split * n)} files. Keras's slicing is kept: with a
   * split that rounds to 0 files, training is empty and validation is everything.
   */
  FileIndex subset(Double validationSplit, String subset) {
    if (validationSplit == null) {
      return this;
    }
    int n = files.size();
    int validation = (int) (validationSplit * n);
    int cut = validation == 0 ? 0 : n - validation;
    int from = "training".equals(subset) ? 0 : cut;
    int to = "training".equals(subset) ? cut : n;
    return new FileIndex(files.subList(from, to),
        labels == null ? null : Arrays.copyOfRange(labels, from, to), classNames, seed);
  }

  /**
   * The order of the files in one pass: a new random permutation drawn from {@code passes} (a
   * generator per dataset, split once per pass), or the list's order when {@code passes} is null.
   */
  static int[] passOrder(int n, SplittableRandom passes) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (passes != null) {
      SplittableRandom random;
      synchronized (passes) {
        random = passes.split();
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }
    return order;
  }

  /** The files under {@code top}: os.walk order (roots sorted, then names), extension kept. */
  private static List<Path> walk(Path top, boolean followLinks, List<String> formats) {
    record Entry(String root, String name, Path path) {}
    List<Entry> entries = new ArrayList<>();
    List<Path> pending = new ArrayList<>(List.of(top));
    Set<Path> visited = new HashSet<>();
    while (!pending.isEmpty()) {
      Path dir = pending.remove(pending.size() - 1);
      if (!visited.add(realPath(dir))) {
        continue; // a link back to a folder already walked: walking it again would never end
      }
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
              || followLinks && Files.isDirectory(child)) {
            pending.add(child);
          } else if (!Files.isDirectory(child)) {
            String name = child.getFileName().toString();
            if (formats.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith)) {
              entries.add(new Entry(dir.toString(), name, child));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the directory " + dir, e);
      }
    }
    entries.sort(Comparator.comparing(Entry::root).thenComparing(Entry::name));
    return entries.stream().map(Entry::path).toList();
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve the directory " + dir, e);
    }
  }

  /** The labels of all files, encoded as {@code labelMode} asks; null without labels. */
  HostArray labelArray(String labelMode) {
    if (labelMode == null || labels == null) {
      return null;
    }
    int n = labels.length;
    return switch (labelMode) {
      case "categorical" -> {
        int k = classNames.size();
        float[] oneHot = new float[n * k];
        for (int i = 0; i < n; i++) {
          // tf.one_hot gives a row of zeros for an index out of range (an explicit label).
          if (labels[i] >= 0 && labels[i] < k) {
            oneHot[i * k + labels[i]] = 1;
          }
        }
        yield HostArray.wrap(oneHot, Shape.of(n, k));
      }
      case "binary" -> HostArray.wrap(floats(labels), Shape.of(n, 1));
      default -> HostArray.wrap(floats(labels), Shape.of(n));
    };
  }

  private static float[] floats(int[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
