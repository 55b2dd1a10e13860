package keras4j.saving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .keras} zip: {@code metadata.json}, {@code config.json} and {@code model.weights.h5}
 * (stored uncompressed, as Keras writes it), plus optional {@code assets/} (vocabularies), read
 * on demand by {@link #asset}.
 *
 * <p>Reading is defensive, because a model file may come from anywhere: nothing is extracted to
 * disk; entry names that are absolute or climb out of the archive ({@code ..}), duplicated, or
 * not part of the format are refused; every member read is checked against the CRC-32 and size
 * its zip directory records (one flipped bit is refused, as Python's zipfile does); and
 * decompression has a budget, enforced while inflating whatever sizes the headers claim: all JSON
 * members together get {@link #MAX_JSON_BYTES}, and the weights what the caller's model needs
 * and the archive's size allows ({@link #weights(long)}), so a zip bomb is cut off before it
 * fills the heap.
 */
final class KerasArchive implements AutoCloseable {
  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";
  /** Directory of layer assets (vocabularies...). */
  static final String ASSETS = "assets/";
  /** All JSON members together: Keras configs are kilobytes, a huge model's a few hundred. */
  static final long MAX_JSON_BYTES = 4L << 20;
  /** All assets read together: a vocabulary of a million words is about 10 MB. */
  static final long MAX_ASSET_BYTES = 256L << 20;
  /** The weights must fit one Java array. */
  static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 16;
  static final int MAX_ENTRIES = 10_000;
  /**
   * How far {@link #weights} lets the weights inflate beyond the archive's own size: Keras
   * stores them uncompressed, and float weights deflate by a few percent at most.
   */
  static final int DEFAULT_WEIGHTS_RATIO = 8;
  /** What {@link #weights} allows however small the archive (an untrained model's zeros). */
  static final long DEFAULT_WEIGHTS_FLOOR = 16L << 20;

  private final Path path;
  private final ZipFile zip;
  private final Map<String, byte[]> json;
  private long assetBudget = MAX_ASSET_BYTES;

  private KerasArchive(Path path, ZipFile zip, Map<String, byte[]> json) {
    this.path = path;
    this.zip = zip;
    this.json = json;
  }

  /**
   * Opens the archive at {@code path}, checks its entry names and reads its JSON members; the
   * weights are read on demand by {@link #weights(long)}.
   */
  static KerasArchive open(Path path) {
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw corrupt(path, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
    }
    try {
      return new KerasArchive(path, zip, readJson(zip, path));
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  private static Map<String, byte[]> readJson(ZipFile zip, Path path) {
    if (zip.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(path + " has " + zip.size() + " entries; a .keras"
          + " archive has a handful (limit " + MAX_ENTRIES + ")");
    }
    Map<String, byte[]> json = new HashMap<>();
    Set<String> names = new HashSet<>();
    long budget = MAX_JSON_BYTES;
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      checkName(name, path);
      if (!names.add(name)) {
        // Readers disagree on which copy wins; Keras's would see the other one.
        throw new IllegalArgumentException(path + " has two entries named '" + name + "'; a"
            + " .keras archive has each member once. Refusing to load it");
      }
      if (name.equals(CONFIG) || name.equals(METADATA)) {
        byte[] data = read(zip, entry, budget, path,
            "JSON members together are larger than " + MAX_JSON_BYTES + " bytes");
        budget -= data.length;
        json.put(name, data);
      } else if (!name.equals(WEIGHTS) && !name.startsWith(ASSETS)) {
        throw new IllegalArgumentException(path + " has the unexpected member '" + name + "'; a"
            + " .keras archive holds " + METADATA + ", " + CONFIG + ", " + WEIGHTS + " and "
            + ASSETS + " only (was it written by a newer Keras, or edited?)");
      }
    }
    return json;
  }

  /** Refuses entry names that could point outside an extraction directory. */
  static void checkName(String name, Path archive) {
    String normalized = name.replace('\\', '/');
    boolean climbs = false;
    for (String part : normalized.split("/")) {
      climbs |= part.equals("..");
    }
    if (climbs || normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(archive + " contains the entry '" + name + "', whose"
          + " path is absolute or leaves the archive; refusing to load it");
    }
  }

  /**
   * Inflates {@code entry}, refusing it once it passes {@code limit} bytes ({@code tooLarge} says
   * why) or when its size or CRC-32 differ from what the zip directory records.
   */
  private static byte[] read(ZipFile zip, ZipEntry entry, long limit, Path archive,
      String tooLarge) {
    String name = entry.getName();
    long declared = entry.getSize();
    // Sized by the header only when within the limit: a lying header cannot make us allocate.
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        declared >= 0 && declared <= limit ? (int) declared : 1 << 16);
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (InputStream in = zip.getInputStream(entry)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > limit) {
          throw new IllegalArgumentException(archive + ": member " + name + " is larger than "
              + limit + " bytes (" + tooLarge + "); refusing to load it");
        }
        crc.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (ZipException e) {
      throw corrupt(archive, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + archive + ": " + e.getMessage(), e);
    }
    if ((declared >= 0 && total != declared) || crc.getValue() != entry.getCrc()) {
      throw new IllegalArgumentException(archive + ": member " + name + " is corrupt (its"
          + " CRC-32 or size does not match the zip directory: " + total + " bytes, CRC "
          + Long.toHexString(crc.getValue()) + ", expected " + declared + " bytes, CRC "
          + Long.toHexString(entry.getCrc()) + "); the file was damaged in transfer or edited."
          + " Refusing to load it");
    }
    return out.toByteArray();
  }

  private static IllegalArgumentException corrupt(Path archive, ZipException e) {
    return new IllegalArgumentException(archive + " is not a valid .keras archive (truncated or"
        + " corrupt zip): " + e.getMessage(), e);
  }

  /** The JSON member {@code name} as text, or throws naming what is missing. */
  String text(String name) {
    byte[] data = json.get(name);
    if (data == null) {
      throw missing(name);
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  /**
   * The bytes of the member {@code name} under {@link #ASSETS}, or null if there is none; all
   * assets read together are refused past {@link #MAX_ASSET_BYTES}.
   */
  byte[] asset(String name) {
    ZipEntry entry = zip.getEntry(name);
    if (entry == null || !name.startsWith(ASSETS) || entry.isDirectory()) {
      return null;
    }
    byte[] data = read(zip, entry, assetBudget, path,
        "assets together are larger than " + MAX_ASSET_BYTES + " bytes");
    assetBudget -= data.length;
    return data;
  }

  /**
   * The bytes of {@code model.weights.h5}, refused past {@code budget} bytes (give it what the
   * model's declared weights take in HDF5, see {@code SavingLib.weightsBudget}) or past {@link
   * #defaultWeightsBudget} of the archive's size, whichever is smaller.
   */
  byte[] weights(long budget) {
    ZipEntry entry = zip.getEntry(WEIGHTS);
    if (entry == null) {
      throw missing(WEIGHTS);
    }
    long archiveBytes;
    try {
      archiveBytes = Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
    }
    long limit = Math.min(MAX_WEIGHTS_BYTES, Math.min(budget, defaultWeightsBudget(archiveBytes)));
    return read(zip, entry, limit, path, limit == budget ? "more than the model's weights need"
        : "more than an archive of " + archiveBytes + " bytes can hold");
  }

  /** The weights budget for an archive of {@code archiveBytes} bytes. */
  static long defaultWeightsBudget(long archiveBytes) {
    return DEFAULT_WEIGHTS_FLOOR + DEFAULT_WEIGHTS_RATIO * archiveBytes;
  }

  private IllegalArgumentException missing(String name) {
    List<String> members = zip.stream().map(ZipEntry::getName).sorted().toList();
    return new IllegalArgumentException(path + " is a zip but not a .keras archive: it has"
        + " no " + name + " (members: " + members + ")");
  }

  /** Closes the zip. */
  @Override
  public void close() {
    closeQuietly(zip);
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // Read-only: nothing is lost.
    }
  }

  /** Writes a {@code .keras} zip of the given members, uncompressed like Keras's. */
  static void write(Path file, String metadata, String config, Path weights) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(raw)) {
      stored(zip, METADATA, metadata.getBytes(StandardCharsets.UTF_8));
      stored(zip, CONFIG, config.getBytes(StandardCharsets.UTF_8));
      stored(zip, WEIGHTS, Files.readAllBytes(weights));
    }
  }

  private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(data);
    zip.closeEntry();
  }
}
