package keras4j.saving;

import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Builds an HDF5 file of groups, float datasets and string attributes with jhdf's writable nodes.
 *
 * <p>The file is written here rather than by {@code HdfFile.write(...).close()}: jhdf 0.11.0's own
 * close appends an info string at the channel position left by the last dataset write, which
 * overwrites whatever group header was laid out after it (any group without datasets that comes
 * last, such as Keras's empty {@code vars} groups). Writing the same nodes through {@link
 * WritableGroupImpl#write} and the superblock ourselves avoids that.
 */
final class H5Writer {
  private static final long ROOT_ADDRESS = 64;

  private final WritableGroupImpl root = new WritableGroupImpl(null, "/");
  private final Map<String, WritableGroup> groups = new HashMap<>();

  /** The group at {@code path} ("a/b/c"), created with its parents on first use. */
  WritableGroup group(String path) {
    if (path.isEmpty()) {
      return root;
    }
    WritableGroup existing = groups.get(path);
    if (existing != null) {
      return existing;
    }
    int slash = path.lastIndexOf('/');
    WritableGroup parent = group(slash < 0 ? "" : path.substring(0, slash));
    WritableGroup created = parent.putGroup(path.substring(slash + 1));
    groups.put(path, created);
    return created;
  }

  /** A float32 dataset holding {@code value} (any rank; rank 0 is a scalar). */
  static void putFloats(WritableGroup group, String name, FloatNdArray value) {
    Shape shape = value.shape();
    float[] flat = new float[Math.toIntExact(shape.size())];
    value.copyTo(DataBuffers.of(flat, false, false));
    if (shape.numDimensions() == 0) {
      group.putDataset(name, flat[0]);
      return;
    }
    int[] dims = new int[shape.numDimensions()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(shape.get(i));
    }
    Object nested = Array.newInstance(float.class, dims);
    fill(nested, flat, 0, dims, 0);
    group.putDataset(name, nested);
  }

  private static int fill(Object array, float[] flat, int offset, int[] dims, int axis) {
    if (axis == dims.length - 1) {
      System.arraycopy(flat, offset, array, 0, dims[axis]);
      return offset + dims[axis];
    }
    for (int i = 0; i < dims[axis]; i++) {
      offset = fill(Array.get(array, i), flat, offset, dims, axis + 1);
    }
    return offset;
  }

  /** Writes the file to {@code file} (replacing it). */
  void write(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
      HdfFileChannel hdf = new HdfFileChannel(channel, superblock);
      long end = root.write(hdf, ROOT_ADDRESS);
      hdf.write(superblock.toBuffer(end), 0L);
      channel.force(true);
    }
  }
}
