package keras4j.backend;

import org.tensorflow.types.family.TType;

/**
 * Two sets of tensors, one tensor per fed array, handed out in turn: one set is filled on a
 * helper thread while TensorFlow reads the other. A slot starts empty (null) and keeps the tensor
 * {@link HostArray#fill} put in it, to be refilled next time.
 */
final class TensorSlots {
  private final TType[][] sets;
  private int next;

  TensorSlots(int arrays) {
    this.sets = new TType[2][arrays];
  }

  TType[] next() {
    int i = next;
    next = 1 - next;
    return sets[i];
  }

  void close() {
    for (TType[] set : sets) {
      for (TType tensor : set) {
        if (tensor != null) {
          tensor.close();
        }
      }
    }
  }
}
