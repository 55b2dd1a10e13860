package keras4j.utils;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's {@code keras.utils.get_file}: a file downloaded once into Keras's cache ({@code
 * $KERAS_HOME}, else {@code ~/.keras}, subfolder {@code datasets}), checked against its SHA-256 or
 * MD5, and tar or zip archives extracted, refusing entries that would land outside their folder:
 *
 * <pre>{@code
 * Path dir = FileUtils.getFile("flower_photos", "https://example.org/flower_photos.tgz", null,
 *     "datasets", true); // ~/.keras/datasets/flower_photos, extracted
 * }</pre>
 *
 * <p>keras4j and Python Keras share the cache. Downloads are atomic: the bytes go to a temporary
 * file beside the target, which is renamed only once complete and checked, so that an interrupted
 * or corrupt download never leaves a file that a later call would trust. Origins may be HTTP(S),
 * {@code file:} or {@code jar:} URLs.
 */
public final class FileUtils {
  private FileUtils() {}

  private static final System.Logger LOG = System.getLogger(FileUtils.class.getName());
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  // No data for this long means a dead connection, not a slow one.
  private static final int READ_TIMEOUT_MILLIS = 60_000;
  private static final int SHA256_HEX_LENGTH = 64;

  /** Copies the content at a URL into a stream; tests pass one that never touches the network. */
  @FunctionalInterface
  public interface Transfer {
    /**
     * Writes the content at {@code source} to {@code target}.
     *
     * @param source where the file is published
     * @param target where its bytes go
     * @throws IOException when the file cannot be fetched
     */
    void fetch(URI source, OutputStream target) throws IOException;
  }

  /** Checks a downloaded file before it takes its place. */
  @FunctionalInterface
  public interface Check {
    /**
     * Checks {@code file}.
     *
     * @param file the complete download, under a temporary name
     * @throws IOException saying what is wrong with it
     */
    void check(Path file) throws IOException;
  }

  /**
   * {@code get_file(fname, origin)}: the file at {@code origin}, downloaded into {@code
   * <keras home>/datasets} unless already there, unchecked.
   *
   * @param fname the file's name in the cache, or null for the last part of the origin's path
   * @param origin the URL
   * @return the cached file
   * @throws IllegalArgumentException as {@link #getFile(String, String, String, String, String,
   *     boolean, String, Path, boolean)}
   * @throws UncheckedIOException if the file is not cached and cannot be downloaded; the message
   *     says where to put it
   */
  public static Path getFile(String fname, String origin) {
    return getFile(fname, origin, null, "datasets", "auto", false, "auto", null, false);
  }

  /**
   * {@code get_file(fname, origin, file_hash=..., cache_subdir=..., extract=...)}.
   *
   * @param fname the file's name, or null for the last part of the origin's path
   * @param origin the URL
   * @param fileHash the file's SHA-256 (64 hex digits) or MD5, or null for no check
   * @param cacheSubdir the folder under Keras's cache (Keras's default {@code "datasets"}), or an
   *     absolute path
   * @param extract whether to extract the file, a tar (possibly gzipped) or zip archive
   * @return the cached file, or the folder it was extracted into
   * @throws IllegalArgumentException as {@link #getFile(String, String, String, String, String,
   *     boolean, String, Path, boolean)}
   * @throws UncheckedIOException if the file is not cached and cannot be downloaded, or cannot be
   *     extracted
   */
  public static Path getFile(String fname, String origin, String fileHash, String cacheSubdir,
      boolean extract) {
    return getFile(fname, origin, fileHash, cacheSubdir, "auto", extract, "auto", null, false);
  }

  /**
   * {@code get_file} with Keras's arguments (less the deprecated {@code untar} and {@code
   * md5_hash}).
   *
   * <p>The file is {@code <cache dir>/<cache subdir>/<fname>}; extracted, Keras's names apply: a
   * given {@code fname} with a dot downloads to {@code fname} and extracts to {@code
   * <fname before the dot>_extracted}, one without a dot (or the origin's name) downloads to
   * {@code <fname>_archive} and extracts to {@code fname}. A cached file whose hash does not match
   * is downloaded again, as Keras.
   *
   * @param fname the file's name, or null for the last part of the origin's path
   * @param origin the URL
   * @param fileHash the expected SHA-256 or MD5 hex digest, or null for no check
   * @param cacheSubdir the folder under the cache dir, or an absolute path
   * @param hashAlgorithm {@code "auto"} (SHA-256 for a 64-digit hash, else MD5), {@code "sha256"}
   *     or {@code "md5"}
   * @param extract whether to extract the archive
   * @param archiveFormat {@code "auto"} (tar then zip), {@code "tar"}, {@code "zip"}, or null for
   *     none
   * @param cacheDir the cache, or null for {@code $KERAS_HOME}, else {@code ~/.keras} ({@code
   *     /tmp/.keras} when that is not writable, as Keras)
   * @param forceDownload whether to download even a cached file
   * @return the cached file, or the folder it was extracted into
   * @throws IllegalArgumentException if {@code origin} is missing or not a URL, {@code fname}
   *     contains a path separator or cannot be taken from the origin, an algorithm or format is
   *     unknown, or the download's hash does not match
   * @throws UncheckedIOException if the file cannot be downloaded (the message says where to put
   *     it by hand), or an archive cannot be extracted or holds an entry escaping its folder
   */
  public static Path getFile(String fname, String origin, String fileHash, String cacheSubdir,
      String hashAlgorithm, boolean extract, String archiveFormat, Path cacheDir,
      boolean forceDownload) {
    return getFile(fname, origin, fileHash, cacheSubdir, hashAlgorithm, extract, archiveFormat,
        cacheDir, forceDownload, FileUtils::fetch, System.getenv());
  }

  // The environment and the transfer are parameters so that tests need neither a network nor a
  // changed environment.
  static Path getFile(String fname, String origin, String fileHash, String cacheSubdir,
      String hashAlgorithm, boolean extract, String archiveFormat, Path cacheDir,
      boolean forceDownload, Transfer transfer, Map<String, String> env) {
    if (origin == null) {
      throw new IllegalArgumentException(
          "Please specify the \"origin\" argument (URL of the file to download).");
    }
    URI source = uri(origin);
    String algorithm = algorithm(hashAlgorithm, fileHash);
    Path base = writableOrTmp(cacheDir != null ? cacheDir : kerasHome(env));
    Path dataDir = base.resolve(cacheSubdir == null ? "datasets" : cacheSubdir);
    String name = fname;
    if (name == null || name.isEmpty()) {
      String p = source.getPath() == null ? "" : source.getPath();
      name = p.substring(p.lastIndexOf('/') + 1);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("Can't parse the file name from the origin provided: '"
            + origin + "'. Please specify the `fname` argument.");
      }
    } else if (name.contains("/") || name.contains(java.io.File.separator)) {
      throw new IllegalArgumentException("Paths are no longer accepted as the `fname` argument. To"
          + " specify the file's parent directory, use the `cache_dir` argument. Received: fname="
          + name);
    }
    Path target;
    Path extractionDir = null;
    if (extract) {
      boolean given = fname != null && !fname.isEmpty();
      if (given && name.contains(".")) {
        target = dataDir.resolve(name);
        extractionDir = dataDir.resolve(name.substring(0, name.indexOf('.')) + "_extracted");
      } else {
        extractionDir = dataDir.resolve(name);
        target = dataDir.resolve(name + "_archive");
      }
    } else {
      target = dataDir.resolve(name);
    }
    boolean download = forceDownload || !Files.exists(target);
    if (!download && fileHash != null && !validateFile(target, fileHash, algorithm)) {
      LOG.log(INFO, "A local file was found, but it seems to be incomplete or outdated because"
          + " the {0} file hash does not match the original value of {1} so we will re-download"
          + " the data.", algorithm, fileHash);
      download = true;
    }
    if (download) {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create the cache folder " + dataDir + ": " + e, e);
      }
      LOG.log(INFO, "Downloading data from {0}", origin);
      Check check = fileHash == null ? file -> { } : file -> {
        String actual = hashFile(file, algorithm);
        if (!actual.equalsIgnoreCase(fileHash)) {
          throw new HashMismatch("Incomplete or corrupted file detected. The " + algorithm
              + " file hash does not match the provided value of " + fileHash + " (it is "
              + actual + ")");
        }
      };
      try {
        download(source, target, transfer, check);
      } catch (HashMismatch e) {
        throw new IllegalArgumentException(e.getMessage() + ": " + origin + " is not the file"
            + " expected, or the hash is wrong", e);
      } catch (IOException e) {
        throw new UncheckedIOException("URL fetch failure on " + origin + ": " + e + ". Offline,"
            + " put the file at " + target + (fileHash == null ? ""
                : " (its " + algorithm + " is " + fileHash + ")") + " and call again.", e);
      }
    }
    if (!extract) {
      return target;
    }
    try {
      if (!Archives.extract(target, extractionDir, archiveFormat)) {
        LOG.log(WARNING, "Could not extract archive {0}: it is neither a tar nor a zip file",
            target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot extract " + target + " into " + extractionDir + ": "
          + e.getMessage(), e);
    }
    return extractionDir;
  }

  // Keras creates its home folder on import, and falls back to /tmp/.keras when it cannot write.
  private static Path writableOrTmp(Path base) {
    try {
      Files.createDirectories(base);
    } catch (IOException e) {
      // Not writable: the fallback below.
    }
    return Files.isWritable(base) ? base : Path.of(System.getProperty("java.io.tmpdir"), ".keras");
  }

  /**
   * Keras's home folder: {@code $KERAS_HOME} when set, else {@code ~/.keras}, or {@code
   * /tmp/.keras} when the home folder is not writable.
   */
  static Path kerasHome(Map<String, String> env) {
    String home = env.get("KERAS_HOME");
    if (home != null) {
      return Path.of(home);
    }
    Path user = Path.of(System.getProperty("user.home"));
    return (Files.isWritable(user) ? user : Path.of(System.getProperty("java.io.tmpdir")))
        .resolve(".keras");
  }

  /**
   * Downloads {@code source} to {@code target} atomically: into a temporary file beside it,
   * checked, then renamed; nothing is left behind on failure.
   *
   * @param source the URL
   * @param target where the file goes; its folder must exist
   * @param transfer copies the bytes ({@link #fetch} for the network)
   * @param check checks the complete download before the rename
   * @throws IOException if the transfer or the check fails
   */
  public static void download(URI source, Path target, Transfer transfer, Check check)
      throws IOException {
    Path partial = Files.createTempFile(target.toAbsolutePath().getParent(),
        target.getFileName().toString(), ".part");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        transfer.fetch(source, out);
      }
      check.check(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Copies the content at a URL, giving up on an HTTP connection that does not open within 10
   * seconds or goes silent for a minute, so that a download never hangs.
   *
   * @param source the URL (HTTP(S), {@code file:}, {@code jar:})
   * @param target where the bytes go
   * @throws IOException when it cannot be reached or an HTTP server does not answer 200 OK
   */
  public static void fetch(URI source, OutputStream target) throws IOException {
    URLConnection connection = source.toURL().openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    try {
      if (connection instanceof HttpURLConnection http
          && http.getResponseCode() != HttpURLConnection.HTTP_OK) {
        throw new IOException("HTTP " + http.getResponseCode() + " from " + source);
      }
      try (InputStream in = connection.getInputStream()) {
        in.transferTo(target);
      }
    } finally {
      if (connection instanceof HttpURLConnection http) {
        http.disconnect();
      }
    }
  }

  /**
   * A file's hash, as Keras's {@code file_utils.hash_file}.
   *
   * @param file the file
   * @param algorithm {@code "sha256"} or {@code "md5"}
   * @return the hex digest, lower case
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the algorithm is neither
   */
  public static String hashFile(Path file, String algorithm) throws IOException {
    MessageDigest digest = newDigest(algorithm(algorithm, null));
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Whether a file's hash is {@code fileHash}, as Keras's {@code file_utils.validate_file}.
   *
   * @param file the file
   * @param fileHash the expected hex digest
   * @param algorithm {@code "auto"} (SHA-256 for a 64-digit hash, else MD5), {@code "sha256"} or
   *     {@code "md5"}
   * @return whether they match; false too if the file cannot be read
   */
  public static boolean validateFile(Path file, String fileHash, String algorithm) {
    try {
      return hashFile(file, algorithm(algorithm, fileHash)).equalsIgnoreCase(fileHash);
    } catch (IOException e) {
      return false;
    }
  }

  private static String algorithm(String hashAlgorithm, String fileHash) {
    String a = hashAlgorithm == null ? "auto" : hashAlgorithm.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "sha256", "md5" -> a;
      case "auto" -> fileHash != null && fileHash.length() == SHA256_HEX_LENGTH ? "sha256" : "md5";
      default -> throw new IllegalArgumentException("hash_algorithm must be \"auto\", \"sha256\""
          + " or \"md5\", got " + hashAlgorithm);
    };
  }

  private static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256 and MD5", e);
    }
  }

  private static URI uri(String origin) {
    try {
      URI uri = new URI(origin);
      if (uri.getScheme() == null) {
        throw new URISyntaxException(origin, "no scheme such as https: or file:");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("origin must be a URL: " + e.getMessage(), e);
    }
  }

  /** A download whose hash is not the expected one: refused, not retried. */
  private static final class HashMismatch extends IOException {
    private static final long serialVersionUID = 1L;

    HashMismatch(String message) {
      super(message);
    }
  }
}
