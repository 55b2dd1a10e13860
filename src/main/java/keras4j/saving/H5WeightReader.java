package keras4j.saving;

import io.jhdf.api.Dataset;
import java.util.List;
import java.util.Map;
import keras4j.core.Variable;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A {@link WeightStore} that loads from the datasets of one object, in key order ({@code vars/0},
 * {@code vars/1}, ... of a Keras 3 file, or a legacy layer's {@code weight_names}), and from the
 * datasets it names otherwise (a lookup's {@code vars/idf_weights}); checked values wait in
 * {@code pending} until the whole file has been read.
 */
final class H5WeightReader implements WeightStore {
  private final List<Dataset> datasets;
  private final Map<String, Dataset> named;
  private final String path;
  private final Map<Variable, FloatNdArray> pending;

  /** {@code datasets} is null when the file has no such group; a legacy layer names none. */
  H5WeightReader(List<Dataset> datasets, String path, Map<Variable, FloatNdArray> pending) {
    this(datasets, Map.of(), path, pending);
  }

  /** With {@code named}, the group's datasets not numbered, by name. */
  H5WeightReader(List<Dataset> datasets, Map<String, Dataset> named, String path,
      Map<Variable, FloatNdArray> pending) {
    this.datasets = datasets;
    this.named = named;
    this.path = path;
    this.pending = pending;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public boolean exists() {
    return datasets != null;
  }

  @Override
  public int size() {
    return datasets == null ? 0 : datasets.size();
  }

  @Override
  public void put(String key, Variable variable) {
    throw new UnsupportedOperationException("a store being loaded cannot be saved into");
  }

  @Override
  public void put(String key, long value) {
    throw new UnsupportedOperationException("a store being loaded cannot be saved into");
  }

  @Override
  public void put(String key, float[] values) {
    throw new UnsupportedOperationException("a store being loaded cannot be saved into");
  }

  @Override
  public boolean has(String key) {
    return named.containsKey(key);
  }

  @Override
  public void load(String key, Variable variable, String owner) {
    if (named.containsKey(key)) {
      pending.put(variable, H5Reader.valueFor(named.get(key), variable, owner));
      return;
    }
    int index;
    try {
      index = Integer.parseInt(key);
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index < 0 || index >= size()) {
      throw new IllegalArgumentException(owner + ": the file has no value " + key + " at " + path
          + " (it holds " + size() + ")");
    }
    pending.put(variable, H5Reader.valueFor(datasets.get(index), variable, owner));
  }
}
