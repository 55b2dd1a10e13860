package keras4j.utils;

import static java.lang.System.Logger.Level.WARNING;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keras's {@code extract_archive} for {@link FileUtils#getFile}: tar (plain or gzipped) and zip
 * archives, with only regular files and folders written, and never outside the target folder: an
 * entry with an absolute path or one that climbs out ({@code ../}) makes the whole archive refused,
 * and links and device entries are skipped with a warning (a link could point anywhere).
 */
final class Archives {
  private Archives() {}

  private static final System.Logger LOG = System.getLogger(Archives.class.getName());
  private static final int BLOCK = 512;

  /**
   * Extracts {@code archive} into {@code dir} if it is of one of the formats.
   *
   * @param archiveFormat "auto" (tar, then zip), "tar", "zip", or null for none
   * @return whether it was an archive of those formats
   * @throws IOException if it cannot be read or holds an entry escaping {@code dir}; what was
   *     extracted into a new {@code dir} is then removed
   * @throws IllegalArgumentException if the format is unknown
   */
  static boolean extract(Path archive, Path dir, String archiveFormat) throws IOException {
    if (archiveFormat == null) {
      return false;
    }
    List<String> formats = switch (archiveFormat) {
      case "auto" -> List.of("tar", "zip");
      case "tar", "zip" -> List.of(archiveFormat);
      default -> throw new IllegalArgumentException("archive_format must be \"auto\", \"tar\","
          + " \"zip\" or null, got " + archiveFormat);
    };
    byte[] head = head(archive);
    for (String format : formats) {
      boolean tar = format.equals("tar");
      if (tar ? isTar(archive, head) : isZip(head)) {
        boolean existed = Files.exists(dir);
        try {
          Files.createDirectories(dir);
          if (tar) {
            untar(archive, head, dir.toAbsolutePath().normalize());
          } else {
            unzip(archive, dir.toAbsolutePath().normalize());
          }
        } catch (IOException | RuntimeException e) {
          if (!existed) {
            deleteTree(dir);
          }
          throw e;
        }
        return true;
      }
    }
    return false;
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(BLOCK);
    }
  }

  private static boolean gzipped(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  private static boolean isZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
  }

  private static boolean isTar(Path archive, byte[] head) throws IOException {
    if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      throw new IOException("bzip2-compressed tar archives are not supported: decompress " + archive
          + " (bunzip2) and call again, or extract it by hand");
    }
    if (!gzipped(head)) {
      return validHeader(head);
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      return validHeader(in.readNBytes(BLOCK));
    } catch (IOException e) {
      return false;
    }
  }

  // A tar header's checksum: the sum of its bytes, the checksum field counted as spaces.
  private static boolean validHeader(byte[] block) {
    if (block.length < BLOCK) {
      return false;
    }
    long stored;
    try {
      stored = number(block, 148, 8);
    } catch (IOException e) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xff;
    }
    return sum == stored;
  }

  private static void untar(Path archive, byte[] head, Path dir) throws IOException {
    try (InputStream raw = Files.newInputStream(archive);
        InputStream in = new BufferedInputStream(gzipped(head) ? new GZIPInputStream(raw) : raw)) {
      String longName = null;
      while (true) {
        byte[] header = in.readNBytes(BLOCK);
        if (header.length < BLOCK || isZero(header)) {
          return;
        }
        if (!validHeader(header)) {
          throw new IOException("a tar header's checksum is wrong: the archive is corrupt");
        }
        char type = (char) header[156];
        long size = number(header, 124, 12);
        String name = longName != null ? longName : name(header);
        longName = null;
        switch (type) {
          case 'L' -> longName = trimNul(new String(data(in, size), StandardCharsets.UTF_8));
          case 'x' -> longName = paxPath(data(in, size));
          case 'g' -> data(in, size);
          case '5' -> Files.createDirectories(inside(dir, name));
          case '0', '\0', '7' -> {
            Path target = inside(dir, name);
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
              copy(in, out, size);
            }
            skip(in, padding(size));
          }
          default -> {
            LOG.log(WARNING, "Skipping {0} in {1}: only files and folders are extracted (tar"
                + " entry type {2})", name, archive, type);
            data(in, size);
          }
        }
      }
    }
  }

  private static void unzip(Path archive, Path dir) throws IOException {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Path target = inside(dir, entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Where an entry goes, refusing names that are absolute or climb out of {@code dir}. */
  private static Path inside(Path dir, String name) throws IOException {
    Path target = dir.resolve(name).normalize();
    if (name.startsWith("/") || Path.of(name).isAbsolute() || !target.startsWith(dir)) {
      throw new IOException("the archive entry '" + name + "' would be written outside " + dir
          + ": the archive is unsafe and was not extracted");
    }
    return target;
  }

  private static String name(byte[] header) {
    String name = field(header, 0, 100);
    // POSIX ustar ("ustar\0") has a name prefix there; old GNU tar ("ustar  ") other fields.
    boolean posix = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar")
        && header[262] == 0;
    String prefix = posix ? field(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String field(byte[] header, int at, int length) {
    return trimNul(new String(header, at, length, StandardCharsets.UTF_8));
  }

  private static String trimNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  // A pax header's "path" record ("<length> path=<name>\n"), or null.
  private static String paxPath(byte[] records) {
    for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  // Octal, space or NUL terminated; or GNU's base-256 for large values.
  private static long number(byte[] header, int at, int length) throws IOException {
    if ((header[at] & 0x80) != 0) {
      long value = header[at] & 0x7f;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (header[at + i] & 0xff);
      }
      return value;
    }
    String text = new String(header, at, length, StandardCharsets.US_ASCII).replace('\0', ' ')
        .trim();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new IOException("a tar header holds the number '" + text + "'", e);
    }
  }

  private static byte[] data(InputStream in, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException("a tar metadata entry of " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length < size) {
      throw new EOFException("the tar archive ends inside an entry");
    }
    skip(in, padding(size));
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (long left = size; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("the tar archive ends inside an entry");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
