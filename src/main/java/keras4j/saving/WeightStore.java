package keras4j.saving;

import java.util.List;
import keras4j.core.Variable;

/**
 * The {@code vars} group of one {@link KerasSaveable} in a weights file, as the {@code store}
 * Keras passes to {@code save_own_variables} / {@code load_own_variables}: values under the keys
 * {@code "0"}, {@code "1"}, ... Loading is checked first and applied later: {@link #load} checks
 * the shape at once, and the values are assigned only when the whole file has been checked, so a
 * file that does not fit changes nothing.
 */
public interface WeightStore {
  /**
   * The group's path in the file, e.g. {@code layers/dense_1/vars}.
   *
   * @return the group's path in the file, e.g. {@code layers/dense_1/vars}
   */
  String path();

  /**
   * Whether the file has this group (always true when saving).
   *
   * @return whether the file has this group (always true when saving)
   */
  boolean exists();

  /**
   * How many values the group holds (Keras's {@code len(store.keys())}).
   *
   * @return how many values the group holds (Keras's {@code len(store.keys())})
   */
  int size();

  /**
   * Saving: puts {@code variable}'s current value (float32) under {@code key}.
   *
   * @param key the value's key within the group, e.g. {@code "0"}
   * @param variable the variable to save
   */
  void put(String key, Variable variable);

  /**
   * Saving: puts an int64 scalar under {@code key} (Keras's integer variables).
   *
   * @param key the value's key within the group, e.g. {@code "0"}
   * @param value the value to save
   */
  void put(String key, long value);

  /**
   * Puts a float32 vector under {@code key}: state that is no variable, as Keras's lookup layers
   * save {@code idf_weights}.
   *
   * @param key the dataset's name, e.g. {@code "idf_weights"}
   * @param values the values
   */
  void put(String key, float[] values);

  /**
   * Loading: whether the group holds a dataset named {@code key} that is no numbered value, as
   * the {@code idf_weights} of Keras's lookup layers (always false when saving).
   *
   * @param key the dataset's name, e.g. {@code "idf_weights"}
   * @return whether the file holds it
   */
  boolean has(String key);

  /**
   * Loading: reads the value under {@code key} into {@code variable} once the whole file has been
   * checked; throws now, naming {@code owner} (e.g. "Layer 'dense'"), if the shapes differ.
   *
   * @param key the value's key within the group, e.g. {@code "0"}
   * @param variable the variable to load into
   * @param owner the object being loaded, named in error messages, e.g. {@code "layer 'dense_1'"}
   */
  void load(String key, Variable variable, String owner);

  /**
   * Saving: puts {@code variables} under {@code "0"}, {@code "1"}, ...
   *
   * @param variables the variables to save, in order
   */
  default void putAll(List<Variable> variables) {
    for (int i = 0; i < variables.size(); i++) {
      put(Integer.toString(i), variables.get(i));
    }
  }

  /**
   * Loading: reads {@code "0"}, {@code "1"}, ... into {@code variables}, after checking the
   * group exists and holds exactly that many values; {@code owner} (e.g. "Layer 'dense'
   * (Dense)") names them in errors.
   *
   * @param variables the variables to load into, in order
   * @param owner the object being loaded, named in error messages, e.g. {@code "layer 'dense_1'"}
   */
  default void loadAll(List<Variable> variables, String owner) {
    if (variables.isEmpty()) {
      if (exists() && size() > 0) {
        // As Keras: weights for a layer that has none would otherwise be dropped without a word.
        throw new IllegalArgumentException(owner + " was never built and so has no variables,"
            + " but the file has " + size() + " for it at " + path() + ": create its weights in"
            + " build(), and give the model (or its first layer) an input shape");
      }
      return;
    }
    if (!exists()) {
      throw new IllegalArgumentException("no weights for " + owner + " in the file, expected at "
          + path() + ": it was saved from a different architecture");
    }
    if (size() != variables.size()) {
      throw new IllegalArgumentException(owner + " has " + variables.size() + " weights but the"
          + " file has " + size() + " at " + path());
    }
    for (int i = 0; i < variables.size(); i++) {
      load(Integer.toString(i), variables.get(i), owner);
    }
  }
}
