package keras4j.saving;

import io.jhdf.api.WritableGroup;
import keras4j.core.Variable;
import org.tensorflow.ndarray.NdArrays;

/**
 * A {@link WeightStore} that saves into a {@code vars} group of an {@link H5Writer}, or only
 * counts what would be saved.
 */
final class H5WeightWriter implements WeightStore {
  private final WritableGroup group;
  private final String path;
  private int size;
  private long elements;

  /** The group {@code path} of {@code out}, created with the attribute {@code name}. */
  H5WeightWriter(H5Writer out, String path, String name) {
    this.group = out.group(path);
    this.path = path;
    group.putAttribute("name", name);
  }

  private H5WeightWriter() {
    this.group = null;
    this.path = "";
  }

  /** A store that counts what an object saves, reading no values. */
  static H5WeightWriter counting() {
    return new H5WeightWriter();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public int size() {
    return size;
  }

  /** How many numbers the values put so far hold. */
  long elements() {
    return elements;
  }

  @Override
  public void put(String key, Variable variable) {
    if (group != null) {
      H5Writer.putFloats(group, key, variable.numpy());
    }
    size++;
    elements += variable.shape().size();
  }

  @Override
  public void put(String key, long value) {
    if (group != null) {
      group.putDataset(key, value);
    }
    size++;
    elements++;
  }

  @Override
  public void put(String key, float[] values) {
    if (group != null) {
      H5Writer.putFloats(group, key, NdArrays.vectorOf(values));
    }
    size++;
    elements += values.length;
  }

  @Override
  public boolean has(String key) {
    return false;
  }

  @Override
  public void load(String key, Variable variable, String owner) {
    throw new UnsupportedOperationException("a store being saved cannot be loaded from");
  }
}
