package keras4j.saving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .keras} zip: {@code metadata.json}, {@code config.json} and {@code model.weights.h5}
 * (stored uncompressed, as Keras writes it).
 *
 * <p>Reading is defensive, because a model file may come from anywhere: nothing is extracted to
 * disk; entry names that are absolute or climb out of the archive ({@code ..}) are refused, as
 * are archives with too many entries or entries larger than their limit (a zip bomb is cut off
 * while reading, whatever sizes its headers claim), and a truncated or corrupt zip gives a clear
 * error.
 */
final class KerasArchive {
  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";
  /** JSON members are small: Keras configs are kilobytes. */
  static final long MAX_JSON_BYTES = 64L << 20;
  /** The weights must fit one Java array. */
  static final long MAX_WEIGHTS_BYTES = Integer.MAX_VALUE - 16;
  static final int MAX_ENTRIES = 10_000;

  private final Map<String, byte[]> members;

  private KerasArchive(Map<String, byte[]> members) {
    this.members = members;
  }

  /** Reads the archive at {@code path}. */
  static KerasArchive read(Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      if (zip.size() > MAX_ENTRIES) {
        throw new IllegalArgumentException(path + " has " + zip.size() + " entries; a .keras"
            + " archive has a handful (limit " + MAX_ENTRIES + ")");
      }
      Map<String, byte[]> members = new HashMap<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        checkName(entry.getName(), path);
        long limit = entry.getName().equals(WEIGHTS) ? MAX_WEIGHTS_BYTES
            : entry.getName().endsWith(".json") ? MAX_JSON_BYTES : -1;
        if (limit < 0 || entry.isDirectory()) {
          continue; // assets of layers keras4j does not have are never read
        }
        try (InputStream in = zip.getInputStream(entry)) {
          members.put(entry.getName(), readLimited(in, limit, entry.getName(), path));
        }
      }
      return new KerasArchive(members);
    } catch (ZipException e) {
      throw new IllegalArgumentException(path + " is not a valid .keras archive (truncated or"
          + " corrupt zip): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
    }
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

  private static byte[] readLimited(InputStream in, long limit, String name, Path archive)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) {
        throw new IllegalArgumentException(archive + ": member " + name + " is larger than "
            + limit + " bytes; refusing to load it");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** The JSON member {@code name} as text, or throws naming what is missing. */
  String text(String name, Path archive) {
    return new String(bytes(name, archive), StandardCharsets.UTF_8);
  }

  /** The member {@code name}, or throws naming what is missing. */
  byte[] bytes(String name, Path archive) {
    byte[] data = members.get(name);
    if (data == null) {
      throw new IllegalArgumentException(archive + " is a zip but not a .keras archive: it has"
          + " no " + name + " (members: " + members.keySet() + ")");
    }
    return data;
  }

  /** Whether the member exists. */
  boolean has(String name) {
    return members.containsKey(name);
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
