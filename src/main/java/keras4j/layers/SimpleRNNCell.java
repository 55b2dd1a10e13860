package keras4j.layers;

import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.ops.Ops;

/**
 * Keras's {@code SimpleRNNCell}: {@code h = activation(x @ kernel + bias + h_prev @
 * recurrent_kernel)}.
 */
final class SimpleRNNCell extends RecurrentCell {
  SimpleRNNCell(Layer owner, int units) {
    super(owner, "simple_rnn_cell", units, 1);
  }

  @Override
  List<KerasTensor> step(KerasTensor x, List<KerasTensor> states, KerasTensor[] masks) {
    KerasTensor h = Ops.matmul(dropped(x, masks[0]), kernel());
    if (bias() != null) {
      h = Ops.add(h, bias());
    }
    KerasTensor output = Ops.add(h, Ops.matmul(dropped(states.get(0), masks[1]),
        recurrentKernel()));
    return List.of(settings.activation.apply(output));
  }
}
