package keras4j.datasets;

import static java.lang.System.Logger.Level.INFO;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import keras4j.utils.FileUtils;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The files of a data set that Keras downloads: where to look for them, how to download the
 * missing ones safely, and how to report a file that cannot be read.
 *
 * <p>Downloads are {@link FileUtils#download}'s, as {@code getFile}'s. Like Keras's {@code
 * get_file}, they go to {@code $KERAS_HOME/datasets} when {@code KERAS_HOME} is set, else to
 * {@code ~/.keras/datasets}, so that keras4j and Python Keras share one cache.
 */
final class DatasetFiles {

  /** Where Keras downloads its data sets from. */
  static final String KERAS_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

  private static final System.Logger LOG = System.getLogger(DatasetFiles.class.getName());
  private static final String GZ = ".gz";
  // The largest Java array some JVMs allow.
  private static final long MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

  /** Reads one data set file; it also serves to check a download before it enters the cache. */
  @FunctionalInterface
  interface Parser<T> {
    /**
     * Reads {@code file}.
     *
     * @param file the file to read
     * @return its content
     * @throws IOException when the file cannot be read or is not in the expected format
     */
    T parse(Path file) throws IOException;
  }

  private final String title;
  private final List<Path> searchDirs;
  private final FileUtils.Transfer fetcher;
  private final String installHint;

  /**
   * Describes where a data set's files are looked for.
   *
   * @param title the data set's name in messages, e.g. "MNIST"
   * @param searchDirs the directories to look in, in order; missing files are downloaded into the
   *     first one
   * @param fetcher downloads a file from {@link #KERAS_ORIGIN} ({@link FileUtils#fetch} but in
   *     tests)
   * @param installHint another way to get the files, for the not-found message, or ""
   */
  DatasetFiles(String title, List<Path> searchDirs, FileUtils.Transfer fetcher,
      String installHint) {
    this.title = title;
    this.searchDirs = List.copyOf(searchDirs);
    this.fetcher = fetcher;
    this.installHint = installHint;
  }

  /**
   * Returns Keras's cache directories for a data set: {@code $KERAS_HOME/datasets/subdir} when
   * {@code KERAS_HOME} is set, then {@code ~/.keras/datasets/subdir}, where Python Keras may have
   * put the files already.
   *
   * @param subdir the data set's subdirectory, or "" for files directly in {@code datasets}
   * @return the directories, the download directory first
   */
  static List<Path> kerasDirs(String subdir) {
    List<Path> dirs = new ArrayList<>();
    String kerasHome = System.getenv("KERAS_HOME");
    if (kerasHome != null && !kerasHome.isBlank()) {
      dirs.add(Path.of(kerasHome, "datasets", subdir));
    }
    dirs.add(Path.of(System.getProperty("user.home"), ".keras", "datasets", subdir));
    return dirs.stream().map(Path::toAbsolutePath).distinct().toList();
  }

  /**
   * Finds each file in the search directories (for a {@code .gz} name, a gunzipped copy without the
   * suffix does too) and downloads the ones that no directory has.
   *
   * @param fileNames the files' names as Keras publishes them
   * @param check reads a downloaded file, which is kept only when this succeeds
   * @return the path of each file, in the order of {@code fileNames}
   * @throws UncheckedIOException when a file is missing and cannot be downloaded; the message says
   *     where to put it
   */
  List<Path> locate(List<String> fileNames, Parser<?> check) {
    List<Path> paths = new ArrayList<>();
    for (String name : fileNames) {
      Optional<Path> found = find(name);
      if (found.isPresent()) {
        paths.add(found.get());
        continue;
      }
      try {
        paths.add(download(name, check));
      } catch (IOException e) {
        throw new UncheckedIOException(notFoundMessage(fileNames, e), e);
      }
    }
    return paths;
  }

  /**
   * Checks a file that the caller names instead of the cache, as Keras's {@code path} argument
   * does with an absolute path; nothing is downloaded.
   *
   * @param file the file given
   * @param title the data set's name in messages, e.g. "IMDB"
   * @param fileName Keras's name of the file, for where to download it
   * @return the file
   * @throws UncheckedIOException when it is not a regular file
   */
  static Path given(Path file, String title, String fileName) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new NoSuchFileException(file.toString(), null,
          title + " file not found: pass the path of Keras's " + fileName + ", downloadable from "
              + KERAS_ORIGIN + fileName));
    }
    return file;
  }

  /**
   * Reads a data set file, turning any failure into a message that names the file and says how to
   * get a good copy.
   *
   * @param file the file to read
   * @param parser reads it
   * @param <T> what the file holds
   * @return the file's content
   * @throws UncheckedIOException when the file cannot be read
   */
  static <T> T parse(Path file, Parser<T> parser) {
    try {
      return parser.parse(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + file + ": " + e.getMessage() + ". The file is truncated or corrupt:"
              + " delete it, and the next load downloads it again.",
          e);
    }
  }

  /**
   * Returns a check that a file's SHA-256 is {@code expected}, as Keras checks its downloads.
   *
   * @param expected the hex digest, lower case
   * @return the check
   */
  static Parser<Void> sha256(String expected) {
    return digest("sha256", expected);
  }

  /**
   * Returns a check that a file's MD5 is {@code expected}: Keras publishes only MD5s for some
   * files, such as the word indexes of IMDB and Reuters.
   *
   * @param expected the hex digest, lower case
   * @return the check
   */
  static Parser<Void> md5(String expected) {
    return digest("md5", expected);
  }

  private static Parser<Void> digest(String algorithm, String expected) {
    return file -> {
      String actual = FileUtils.hashFile(file, algorithm);
      if (!actual.equals(expected)) {
        String name = algorithm.equals("sha256") ? "SHA-256" : "MD5";
        throw new IOException(name + " is " + actual + ", expected " + expected);
      }
      return null;
    };
  }

  /**
   * Assembles an image data set, checking that the arrays fit together: images of shape (n,
   * height, width) with n labels. Labels stored as unsigned bytes become ints.
   *
   * @param source the file or files the arrays come from, for the message
   * @param xTrain the training images
   * @param yTrain the training labels, 0..255
   * @param xTest the test images
   * @param yTest the test labels, 0..255
   * @return the data set
   * @throws IllegalStateException when the shapes do not fit together
   */
  static Dataset<ByteNdArray, IntNdArray> imageDataset(
      String source, ByteNdArray xTrain, ByteNdArray yTrain, ByteNdArray xTest, ByteNdArray yTest) {
    checkImagesMatchLabels(source, "training", xTrain, yTrain);
    checkImagesMatchLabels(source, "test", xTest, yTest);
    return new Dataset<>(xTrain, toIntLabels(yTrain), xTest, toIntLabels(yTest));
  }

  /**
   * Reads the values of an array of unsigned bytes, which must be all that is left in the stream.
   *
   * @param in the stream, positioned after the array's header
   * @param shape the shape the header declares
   * @param what the array's name in messages
   * @return the array
   * @throws IOException when the stream holds fewer or more bytes than the shape needs
   */
  static ByteNdArray readBytes(DataInputStream in, Shape shape, String what) throws IOException {
    long size = shape.size();
    if (size > MAX_ARRAY_SIZE) {
      throw new IOException(what + " declares shape " + shape + ", too large for one array");
    }
    byte[] data = new byte[(int) size];
    try {
      in.readFully(data);
    } catch (EOFException e) {
      throw new IOException(what + " ends before the " + size + " values of its shape " + shape, e);
    }
    if (in.read() != -1) {
      throw new IOException(what + " holds more bytes than its shape " + shape + " needs");
    }
    return NdArrays.wrap(shape, DataBuffers.of(data, false, false));
  }

  private Optional<Path> find(String name) {
    List<String> candidates = name.endsWith(GZ)
        ? List.of(name, name.substring(0, name.length() - GZ.length()))
        : List.of(name);
    return searchDirs.stream()
        .flatMap(dir -> candidates.stream().map(dir::resolve))
        .filter(Files::isRegularFile)
        .findFirst();
  }

  // getFile's atomic download: a bad or interrupted one never leaves a file a later load trusts.
  private Path download(String name, Parser<?> check) throws IOException {
    Path dir = searchDirs.get(0);
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    URI source = URI.create(KERAS_ORIGIN + name);
    LOG.log(INFO, "Downloading {0} to {1}", source, target);
    FileUtils.download(source, target, fetcher, file -> {
      try {
        check.parse(file);
      } catch (IOException e) {
        throw new IOException("the download from " + source + " is not valid: " + e.getMessage(), e);
      }
    });
    return target;
  }

  private String notFoundMessage(List<String> fileNames, IOException cause) {
    String indent = System.lineSeparator() + "  ";
    StringBuilder message = new StringBuilder()
        .append(title).append(" is not on this machine and could not be downloaded (")
        .append(cause).append(").")
        .append(System.lineSeparator()).append("It needs these files")
        .append(fileNames.stream().anyMatch(n -> n.endsWith(GZ)) ? " (gzipped or not):" : ":")
        .append(indent).append(String.join(indent, fileNames))
        .append(System.lineSeparator()).append("in one of these directories:")
        .append(indent).append(searchDirs.stream().map(Path::toString)
            .collect(Collectors.joining(indent)))
        .append(System.lineSeparator()).append("Download them from:")
        .append(indent).append(fileNames.stream()
            .map(n -> KERAS_ORIGIN + n).collect(Collectors.joining(indent)));
    if (!installHint.isEmpty()) {
      message.append(System.lineSeparator()).append("or ").append(installHint);
    }
    return message.toString();
  }

  private static void checkImagesMatchLabels(
      String source, String part, ByteNdArray images, ByteNdArray labels) {
    if (images.rank() != 3 || labels.rank() != 1 || images.shape().get(0) != labels.shape().get(0)) {
      throw new IllegalStateException(
          source + ": the " + part + " images have shape " + images.shape() + " and the labels "
              + labels.shape() + ", expected (n, height, width) and (n). Delete the file(s), and"
              + " the next load downloads them again.");
    }
  }

  private static IntNdArray toIntLabels(ByteNdArray labels) {
    byte[] bytes = new byte[Math.toIntExact(labels.size())];
    labels.copyTo(DataBuffers.of(bytes, false, false));
    int[] ints = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      ints[i] = Byte.toUnsignedInt(bytes[i]);
    }
    return NdArrays.wrap(labels.shape(), DataBuffers.of(ints, false, false));
  }

}
