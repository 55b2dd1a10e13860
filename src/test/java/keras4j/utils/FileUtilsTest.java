package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import keras4j.Keras;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code getFile} on {@code file:} origins and a temporary cache (no network): Keras's cache
 * layout and names, SHA-256 and MD5 checks (the hashes Python's hashlib gives for the archives,
 * printed by make_archive_fixtures.py), re-download of a stale cached file, the offline message,
 * and extraction of tar.gz and zip archives into the files Keras's {@code extract_archive} writes,
 * with entries escaping the folder refused.
 */
class FileUtilsTest {
  private static final String GOOD_TAR_SHA256 =
      "9c124adb27bfb97cfc9e4c660e3ae886bc10e039df8db8ab808f941fa888a891";
  private static final String GOOD_TAR_MD5 = "37826e1c8ca64601396e0a9fd1228604";
  private static final String GOOD_ZIP_SHA256 =
      "6f86bee22ad1db662c2dccd57a62cd7f2a66161f8273d41de1bc6368f66ee092";
  private static final String LONG = "data/" + "d".repeat(120) + "/long.txt";
  private static final FileUtils.Transfer OFFLINE = (source, target) -> {
    throw new IOException("offline in tests");
  };

  @TempDir Path cache;

  private static String origin(String resource) {
    try {
      return FileUtilsTest.class.getResource(resource).toURI().toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String resource) throws IOException {
    try (var in = FileUtilsTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private Path get(String fname, String resource, String hash, boolean extract,
      FileUtils.Transfer transfer) {
    return FileUtils.getFile(fname, origin(resource), hash, "datasets", "auto", extract, "auto",
        cache, false, transfer, Map.of());
  }

  @Test
  void downloadsIntoTheCacheSubdirOnceWithItsHashChecked() throws IOException {
    Path file = FileUtils.getFile(null, origin("good.zip"), GOOD_ZIP_SHA256, "datasets", "auto",
        false, "auto", cache, false);
    assertEquals(cache.resolve("datasets/good.zip"), file);
    assertArrayEquals(bytes("good.zip"), Files.readAllBytes(file));
    // Cached and valid: not fetched again.
    assertEquals(file, get("good.zip", "good.zip", GOOD_ZIP_SHA256, false, OFFLINE));
    try (Stream<Path> left = Files.list(cache.resolve("datasets"))) {
      assertEquals(List.of(file), left.toList(), "no temporary file left");
    }
  }

  @Test
  void theCacheIsKerasHomeThenTildeKeras() throws IOException {
    Path home = cache.resolve("keras-home");
    Path file = FileUtils.getFile("copy.tar.gz", origin("good.tar.gz"), GOOD_TAR_MD5, "datasets",
        "auto", false, "auto", null, false, FileUtils::fetch, Map.of("KERAS_HOME", home.toString()));
    assertEquals(home.resolve("datasets/copy.tar.gz"), file);
    assertEquals(Path.of(System.getProperty("user.home"), ".keras"),
        FileUtils.kerasHome(Map.of()));
    Path absolute = cache.resolve("elsewhere");
    assertEquals(absolute.resolve("good.zip"), FileUtils.getFile(null, origin("good.zip"), null,
        absolute.toString(), "auto", false, "auto", cache, false, FileUtils::fetch, Map.of()));
  }

  @Test
  void aDownloadWithTheWrongHashIsRefusedAndNotKept() throws IOException {
    String wrong = "0".repeat(64);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> get(null, "good.zip", wrong, false, FileUtils::fetch));
    assertTrue(e.getMessage().contains("The sha256 file hash does not match the provided value of "
        + wrong) && e.getMessage().contains("it is " + GOOD_ZIP_SHA256), e.getMessage());
    try (Stream<Path> left = Files.list(cache.resolve("datasets"))) {
      assertEquals(List.of(), left.toList());
    }
    // 32 digits: MD5, as Keras's "auto".
    assertThrows(IllegalArgumentException.class,
        () -> get(null, "good.zip", "0".repeat(32), false, FileUtils::fetch));
    assertTrue(FileUtils.validateFile(Path.of(get(null, "good.tar.gz", GOOD_TAR_MD5, false,
        FileUtils::fetch).toString()), GOOD_TAR_SHA256, "auto"));
  }

  @Test
  void aStaleCachedFileIsDownloadedAgain() throws IOException {
    Path stale = Files.createDirectories(cache.resolve("datasets")).resolve("good.zip");
    Files.writeString(stale, "truncated");
    AtomicInteger fetches = new AtomicInteger();
    Path file = get(null, "good.zip", GOOD_ZIP_SHA256, false, (source, target) -> {
      fetches.incrementAndGet();
      FileUtils.fetch(source, target);
    });
    assertEquals(1, fetches.get());
    assertEquals(GOOD_ZIP_SHA256, FileUtils.hashFile(file, "sha256"));
  }

  @Test
  void offlineTheMessageSaysWhereToPutTheFile() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> get(null, "good.zip", GOOD_ZIP_SHA256, false, OFFLINE));
    assertTrue(e.getMessage().contains("offline in tests")
        && e.getMessage().contains("put the file at " + cache.resolve("datasets/good.zip"))
        && e.getMessage().contains(GOOD_ZIP_SHA256), e.getMessage());
  }

  @Test
  void tarGzExtractsToKerasNamesAndFiles() throws IOException {
    Path dir = get("good.tar.gz", "good.tar.gz", GOOD_TAR_SHA256, true, FileUtils::fetch);
    assertEquals(cache.resolve("datasets/good_extracted"), dir);
    assertTrue(Files.isRegularFile(cache.resolve("datasets/good.tar.gz")));
    assertExtracted(dir);
  }

  @Test
  void plainUstarWithItsNamePrefixExtracts() throws IOException {
    Path dir = get("good-ustar.tar", "good-ustar.tar",
        "433e226a1fdf11110e20c301ff9c6e73160a5c95e6b835db2cbae941b58542f6", true,
        FileUtils::fetch);
    assertEquals(cache.resolve("datasets/good-ustar_extracted"), dir);
    assertExtracted(dir);
  }

  @Test
  void zipExtractsIntoTheOriginsName() throws IOException {
    Path dir = Keras.getFile(null, origin("good.zip"), GOOD_ZIP_SHA256,
        cache.resolve("zips").toString(), true);
    assertEquals(cache.resolve("zips/good.zip"), dir);
    assertTrue(Files.isRegularFile(cache.resolve("zips/good.zip_archive")));
    assertExtracted(dir);
  }

  // The files Keras's extract_archive writes for good.tar.gz (its "data" filter, like keras4j,
  // drops the symlink to /etc/passwd).
  private static void assertExtracted(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      assertEquals(List.of("data/a.txt", LONG, "data/sub/b.txt"), files.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString()).sorted().toList());
    }
    assertFalse(Files.exists(dir.resolve("data/link"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("alpha\n", Files.readString(dir.resolve("data/a.txt")));
    assertEquals("beta\n".repeat(300), Files.readString(dir.resolve("data/sub/b.txt")));
    assertEquals("long\n", Files.readString(dir.resolve(LONG)));
  }

  @Test
  void entriesEscapingTheFolderAreRefused() {
    for (String[] evil : new String[][] {{"evil.zip", "../evil.txt"},
        {"evil.tar.gz", "../../evil.txt"}}) {
      UncheckedIOException e = assertThrows(UncheckedIOException.class,
          () -> get(null, evil[0], null, true, FileUtils::fetch));
      assertTrue(e.getMessage().contains("'" + evil[1] + "' would be written outside")
          && e.getMessage().contains("unsafe"), e.getMessage());
      assertFalse(Files.exists(cache.resolve("datasets/" + evil[0])),
          "the partial extraction is removed");
      assertFalse(Files.exists(cache.resolve("evil.txt")));
      assertFalse(Files.exists(cache.resolve("datasets/evil.txt")));
    }
  }

  @Test
  void badArgumentsAreRefusedWithTheFix() {
    assertMessage("Please specify the \"origin\"", () -> FileUtils.getFile("a", null));
    assertMessage("Paths are no longer accepted", () -> get("a/b", "good.zip", null, false,
        OFFLINE));
    assertMessage("Can't parse the file name", () -> FileUtils.getFile(null,
        "https://example.org/", null, "datasets", "auto", false, "auto", cache, false, OFFLINE,
        Map.of()));
    assertMessage("hash_algorithm must be", () -> FileUtils.getFile(null, origin("good.zip"),
        GOOD_ZIP_SHA256, "datasets", "sha1", false, "auto", cache, false, OFFLINE, Map.of()));
    assertMessage("origin must be a URL", () -> FileUtils.getFile(null, "no scheme here"));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
