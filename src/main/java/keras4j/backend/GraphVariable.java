package keras4j.backend;

import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The twin of a {@link VariableStorage} inside one {@link ModelGraph}. */
public final class GraphVariable {
  private final ModelGraph owner;
  private final VariableStorage variable;
  private final org.tensorflow.op.core.Variable<TFloat32> ref;
  private final Operand<TFloat32> read;
  private final Placeholder<TFloat32> newValue;
  private final Assign<TFloat32> assign;

  private GraphVariable(
      ModelGraph owner,
      VariableStorage variable,
      org.tensorflow.op.core.Variable<TFloat32> ref,
      Operand<TFloat32> read) {
    this.owner = owner;
    this.variable = variable;
    this.ref = ref;
    this.read = read;
    // Built now, under the graph's lock: writes happen outside it and must not add ops.
    Ops tf = owner.tf();
    this.newValue = tf.placeholder(TFloat32.class);
    this.assign = tf.assign(ref, newValue);
  }

  static GraphVariable create(ModelGraph owner, VariableStorage variable) {
    FloatNdArray initial = variable.numpy();
    Ops init = owner.tf().withInitScope().withName(uniqueName(owner, variable.name()));
    var ref = init.variable(init.constant(initial));
    // Reading through Identity: gradients of ops applied straight to a VariableV2 can crash TF.
    Operand<TFloat32> read = owner.tf().withName(ref.op().name() + "_read").identity(ref);
    GraphVariable twin = new GraphVariable(owner, variable, ref, read);
    variable.bindTo(twin);
    return twin;
  }

  private static String uniqueName(ModelGraph owner, String name) {
    // Op names may not contain '/' outside sub-scopes: dense/kernel becomes dense_kernel.
    String base = name.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    String candidate = base;
    for (int i = 1; owner.graph().operation(candidate) != null; i++) {
      candidate = base + "_" + i;
    }
    return candidate;
  }

  /** The graph holding this twin. */
  ModelGraph owner() {
    return owner;
  }

  /** The storage this twin holds the value of. */
  public VariableStorage variable() {
    return variable;
  }

  /** The variable node, for the ops that update it in place. */
  public org.tensorflow.op.core.Variable<TFloat32> ref() {
    return ref;
  }

  /** The variable's value as read inside the graph. */
  public Operand<TFloat32> read() {
    return read;
  }

  /** Fetches the current value from the session. */
  public FloatNdArray fetch() {
    return owner.running(() -> {
      try (Result result = owner.session().runner().fetch(read).run()) {
        return copy((TFloat32) result.get(0));
      }
    });
  }

  /** Writes a new value into the session. */
  public void write(FloatNdArray value) {
    owner.running(() -> {
      try (TFloat32 tensor = TFloat32.tensorOf(value.shape(), value::copyTo)) {
        owner.session().runner().feed(newValue, tensor).addTarget(assign).run().close();
      }
      return null;
    });
  }

  /** Whether the graph holding this twin is still open. */
  public boolean isLive() {
    return !owner.isClosed();
  }

  /** Called when the graph closes: the host copy becomes the variable's value again. */
  void detach() {
    variable.unbind(this, fetch());
  }

  /** Copies a tensor's values into a heap array, so nothing native outlives the tensor. */
  public static FloatNdArray copy(TFloat32 tensor) {
    FloatNdArray copy = NdArrays.ofFloats(tensor.shape());
    tensor.copyTo(copy);
    return copy;
  }
}
