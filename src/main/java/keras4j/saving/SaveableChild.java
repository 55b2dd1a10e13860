package keras4j.saving;

import java.util.List;

/**
 * One attribute of a {@link KerasSaveable} holding other saveables: a single object (the
 * optimizer, at {@code optimizer/}) or a container (the layers, at {@code layers/dense},
 * {@code layers/dense_1}, ...: Keras names a container's elements by their snake_case class name
 * and a per-class counter, never by their own names, which differ between two instances of a
 * model).
 *
 * @param attribute the attribute's name, the group the objects nest under
 * @param objects the object or the container's elements, in order
 * @param container whether the objects are a container's elements
 */
public record SaveableChild(
    String attribute, List<? extends KerasSaveable> objects, boolean container) {
  /**
   * A single saveable at {@code attribute}.
   *
   * @param attribute the attribute name Keras uses for the child, e.g. {@code "layers"} or {@code
   *     "optimizer"}
   * @param object the child object
   * @return the child entry
   */
  public static SaveableChild of(String attribute, KerasSaveable object) {
    return new SaveableChild(attribute, List.of(object), false);
  }

  /**
   * A container of saveables at {@code attribute}.
   *
   * @param attribute the attribute name Keras uses for the child, e.g. {@code "layers"} or {@code
   *     "optimizer"}
   * @param objects the children, in Keras's order
   * @return the container entry
   */
  public static SaveableChild container(String attribute, List<? extends KerasSaveable> objects) {
    return new SaveableChild(attribute, List.copyOf(objects), true);
  }
}
