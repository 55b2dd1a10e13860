package keras4j.core;

import keras4j.backend.DType;
import keras4j.backend.Tensor;
import keras4j.backend.Trace;
import keras4j.backend.VariableStorage;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.types.TFloat32;

/**
 * A float32 weight or state value, like {@code keras.Variable}.
 *
 * <p>It exists before any graph does (layers create weights in {@code build}), holding its value
 * on the heap; once a model runs, the value lives in that model's session and {@link #numpy()}
 * and {@link #assign(NdArray)} go there. Closing the model copies the value back, so weights
 * survive the model's native memory.
 *
 * <p>Inside a traced function (a layer's {@code call}, a {@code trainStep}, a metric's {@code
 * updateState}, an optimizer's {@code updateStep}, the body of {@code TF.function}), {@link
 * #value()} reads it and {@link #assign(KerasTensor)}, {@link #assignAdd}, {@link #assignSub}
 * update it on every execution, in program order, as in {@code tf.function}: an update waits
 * for the reads before it, and reads after it see the new value.
 */
public final class Variable implements TensorLike {
  private final VariableStorage storage;
  private UnaryOperator<KerasTensor> constraint;

  /**
   * A variable named {@code name} holding {@code initialValue}.
   *
   * @param name the variable's name, e.g. {@code dense/kernel}, as saved in weight files
   * @param initialValue the starting value, which also fixes the variable's shape
   * @param trainable whether optimizers update the variable
   */
  public Variable(String name, FloatNdArray initialValue, boolean trainable) {
    this.storage = new VariableStorage(name, initialValue, trainable);
  }

  /**
   * The variable's name, e.g. {@code dense/kernel}.
   *
   * @return the variable's name, e.g. {@code dense/kernel}
   */
  public String name() {
    return storage.name();
  }

  /**
   * The variable's shape.
   *
   * @return the variable's shape
   */
  public org.tensorflow.ndarray.Shape shape() {
    return storage.shape();
  }

  /**
   * Whether optimizers update this variable (and gradient tapes watch it).
   *
   * @return whether optimizers update this variable (and gradient tapes watch it)
   */
  public boolean trainable() {
    return storage.trainable();
  }

  /**
   * Keras's {@code variable.constraint}: the projection optimizers apply after each update of
   * this variable ({@code variable.assign(constraint(variable))}), or null for none.
   *
   * @return the constraint, a {@code keras4j.constraints.Constraint} when a layer set it, or null
   */
  public UnaryOperator<KerasTensor> constraint() {
    return constraint;
  }

  /**
   * Sets {@link #constraint()}, as Keras's {@code variable.constraint = ...}.
   *
   * @param constraint the projection of the variable's value after each update, or null for none
   */
  public void setConstraint(UnaryOperator<KerasTensor> constraint) {
    this.constraint = constraint;
  }

  /**
   * A copy of the current value (like {@code variable.numpy()}).
   *
   * @return a copy of the current value (like {@code variable.numpy()})
   */
  public FloatNdArray numpy() {
    return storage.numpy();
  }

  /**
   * Replaces the value now (the new value must have the variable's shape); inside a traced
   * function, the assignment runs on every execution instead, as {@link #assign(KerasTensor)}.
   *
   * @param value the new value
   */
  public void assign(NdArray<Float> value) {
    if (Trace.currentOrNull() != null) {
      assign(KerasTensor.constant(value));
      return;
    }
    storage.assign(value);
  }

  /**
   * Keras's {@code variable.assign(value)}: inside a traced function, sets the variable to {@code
   * value} on every execution and returns the new value; outside, {@code value} must be eager (a
   * constant, a traced function's result) and is assigned now.
   *
   * @param value the new value, shaped as the variable
   * @return the assignment's result (the new value), which later ops may depend on
   */
  public KerasTensor assign(KerasTensor value) {
    Trace trace = Trace.currentOrNull();
    if (trace == null) {
      storage.assign(value.numpy());
      return value;
    }
    return KerasTensor.of(new Tensor(trace.graph(), trace.assign(storage, checked(value, "assign"))));
  }

  /**
   * Keras's {@code variable.assign_add(delta)}, inside a traced function.
   *
   * @param delta the amount to add, shaped as the variable
   * @return the variable's new value
   */
  public KerasTensor assignAdd(KerasTensor delta) {
    Trace trace = Trace.current("Variable.assignAdd");
    return KerasTensor.of(
        new Tensor(trace.graph(), trace.assignAdd(storage, checked(delta, "assignAdd"))));
  }

  /**
   * Keras's {@code variable.assign_sub(delta)}, inside a traced function.
   *
   * @param delta the amount to subtract, shaped as the variable
   * @return the variable's new value
   */
  public KerasTensor assignSub(KerasTensor delta) {
    Trace trace = Trace.current("Variable.assignSub");
    return KerasTensor.of(
        new Tensor(trace.graph(), trace.assignSub(storage, checked(delta, "assignSub"))));
  }

  private Operand<TFloat32> checked(KerasTensor value, String op) {
    Operand<TFloat32> operand = value.tensor().operand();
    if (!operand.shape().isCompatibleWith(shape())) {
      throw new IllegalArgumentException(
          op + " of variable '" + name() + "' (shape " + Shapes.toKeras(shape())
              + ") got a value of shape " + Shapes.toKeras(operand.shape()));
    }
    return operand;
  }

  /**
   * The value inside the traced function running now (for layer code and low-level ops); in the
   * call of a layer computing under a mixed precision policy, cast to its compute dtype (Keras's
   * autocast), the gradient flowing back to this float32 variable through the cast.
   *
   * @return the value inside the traced function running now (for layer code and low-level ops)
   */
  public KerasTensor value() {
    Trace trace = Trace.current("Variable.value()");
    Operand<TFloat32> read = trace.read(storage);
    return KerasTensor.of(new Tensor(trace.graph(), trace.autocast() == DType.FLOAT32 ? read
        : trace.tf().dtypes.cast(read, trace.autocast().type())));
  }

  /** The value inside the traced function running now, as {@link #value()}. */
  @Override
  public KerasTensor asTensor() {
    return value();
  }

  /** The backend storage, reached by keras4j's own packages through {@code CoreBridge}. */
  VariableStorage storage() {
    return storage;
  }

  @Override
  public String toString() {
    return "<Variable " + name() + " shape=" + shape() + ">";
  }
}
