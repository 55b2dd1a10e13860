package keras4j.tf;

import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.backend.HostArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;

/** Converts what users pass as values (numbers, Java arrays, NdArrays, eager tensors) to floats. */
final class Values {
  private Values() {}

  /** {@code value} as a float32 heap array; {@code what} names it in error messages. */
  static FloatNdArray toFloats(Object value, String what) {
    if (value instanceof KerasTensor tensor) {
      if (!tensor.isEager()) {
        throw new IllegalArgumentException(
            what + " is a tensor of a graph, not a value: " + tensor + ". Pass data (arrays,"
                + " NdArrays) or the results of a traced function");
      }
      return tensor.numpy();
    }
    if (value instanceof Variable variable) {
      throw new IllegalArgumentException(
          what + " is a Variable (" + variable.name() + "): use it inside the function body, where"
              + " it is read at its current value on every call, or pass variable.numpy() for a"
              + " copy of its value");
    }
    if (value instanceof Number number) {
      return NdArrays.scalarOf(number.floatValue());
    }
    if (value instanceof NdArray<?> array && array.rank() == 0) {
      if (array.getObject() instanceof Number number) {
        return NdArrays.scalarOf(number.floatValue());
      }
      throw new IllegalArgumentException(what + " must hold a number, got " + array.getObject());
    }
    return HostArray.of(value, what).toNdArray();
  }
}
