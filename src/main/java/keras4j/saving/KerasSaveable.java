package keras4j.saving;

import java.util.List;
import keras4j.core.Variable;

/**
 * An object whose state a Keras weights file holds, Keras's {@code KerasSaveable}: layers, models
 * and optimizers. The weights walk (Keras's {@code saving_lib._save_state}) gives each object a
 * group of the file: {@link #saveOwnVariables} fills its {@code vars} and its {@link
 * #saveableChildren} nest under it, so a model's second Dense layer keeps its kernel at {@code
 * layers/dense_1/vars/0}.
 */
public interface KerasSaveable {
  /**
   * The object's name, written as its {@code vars} group's {@code name} attribute.
   *
   * @return the object's name, written as its {@code vars} group's {@code name} attribute
   */
  String name();

  /**
   * Keras's {@code save_own_variables}: puts this object's own state (not its children's) into
   * {@code store}, under the keys {@code "0"}, {@code "1"}, ...
   *
   * @param store the object's group in the weight file being written
   */
  void saveOwnVariables(WeightStore store);

  /**
   * Keras's {@code load_own_variables}: reads back what {@link #saveOwnVariables} put, through
   * {@link WeightStore#load}, which checks every value before any variable changes.
   *
   * @param store the object's group in the weight file being read
   */
  void loadOwnVariables(WeightStore store);

  /**
   * Keras's {@code load_assets}: reads this object's files from the archive's {@code assets/}
   * (called after the weights are loaded); none by default.
   *
   * @param assets the files of this object's directory
   */
  default void loadAssets(Assets assets) {}

  /**
   * The name of this object's class in Keras, which names its group in a container by Keras's
   * per-class counter ({@code Dense} saves at {@code layers/dense}); by default the Java class's
   * simple name, an anonymous class saving as the class it extends.
   *
   * @return the Keras class name, e.g. {@code Dense} or {@code Functional}
   */
  default String kerasClassName() {
    Class<?> cls = getClass();
    while (cls.getSimpleName().isEmpty()) {
      cls = cls.getSuperclass();
    }
    return cls.getSimpleName();
  }

  /**
   * Keras's {@code _legacy_weights}: the variables a legacy {@code .h5} file keeps in this
   * object's one group, trainable ones first (a nested model's are all its layers'); none by
   * default.
   *
   * @return the variables in legacy order
   */
  default List<Variable> legacyWeights() {
    return List.of();
  }

  /**
   * The objects whose state nests under this one, in the order Keras walks them (a Sequential or
   * functional model: its {@code layers}, then its {@code optimizer}); none by default.
   *
   * @return the objects whose state nests under this one, in the order Keras walks them (a
   *     Sequential or functional model: its {@code layers}, then its {@code optimizer}); none by
   *     default
   */
  default List<SaveableChild> saveableChildren() {
    return List.of();
  }
}
