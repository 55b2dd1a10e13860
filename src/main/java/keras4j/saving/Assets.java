package keras4j.saving;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * One object's asset files in a {@code .keras} archive, Keras's {@code load_assets(dir_path)}:
 * the files under {@code assets/<the object's path>/} (a lookup layer's {@code vocabulary.txt}).
 */
public final class Assets {
  private final Function<String, byte[]> archive;
  private final String dir;

  Assets(Function<String, byte[]> archive, String dir) {
    this.archive = archive;
    this.dir = dir;
  }

  /**
   * The UTF-8 text of the asset {@code name}.
   *
   * @param name the file's name in this object's directory, e.g. {@code "vocabulary.txt"}
   * @return its text, or null when the archive has no such file
   */
  public String text(String name) {
    byte[] data = archive.apply(dir + name);
    return data == null ? null : new String(data, StandardCharsets.UTF_8);
  }
}
