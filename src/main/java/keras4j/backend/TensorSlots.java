package keras4j.backend;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Two sets of float32 tensors of fixed shapes, one tensor per fed array, handed out in turn: one
 * set is filled on a helper thread while TensorFlow reads the other. Allocated on first use.
 */
final class TensorSlots {
  private final TFloat32[][] sets = new TFloat32[2][];
  private final Shape[] shapes;
  private int next;

  TensorSlots(Shape[] shapes) {
    this.shapes = shapes;
  }

  TFloat32[] next() {
    int i = next;
    next = 1 - next;
    if (sets[i] == null) {
      sets[i] = Arrays.stream(shapes).map(TFloat32::tensorOf).toArray(TFloat32[]::new);
    }
    return sets[i];
  }

  void close() {
    for (TFloat32[] set : sets) {
      if (set != null) {
        for (TFloat32 tensor : set) {
          tensor.close();
        }
      }
    }
  }
}
