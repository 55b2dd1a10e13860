package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.activations.Activation;
import keras4j.activations.Activations;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code GRUCell}: the weights hold the gates in Keras's order z, r, h (update, reset,
 * candidate); {@code h = z * h_prev + (1 - z) * activation(x_h + r * (h_prev @ U_h + b_h))} with
 * {@code reset_after} (Keras 3's default, a bias of shape {@code (2, 3 * units)}: input and
 * recurrent), or {@code activation(x_h + (r * h_prev) @ U_h)} without it (one bias).
 */
final class GRUCell extends RecurrentCell {
  private final Activation recurrentActivation;
  private final boolean resetAfter;

  GRUCell(Layer owner, int units) {
    super(owner, "gru_cell", units, 3);
    this.recurrentActivation = Activations.get(owner.arg("recurrent_activation", "sigmoid"));
    this.resetAfter = owner.arg("reset_after", true);
  }

  @Override
  Variable buildBias() {
    return settings.addKernel(this, "bias", "bias",
        resetAfter ? Shape.of(2, 3L * units) : Shape.of(3L * units));
  }

  @Override
  List<KerasTensor> step(KerasTensor x, List<KerasTensor> states, KerasTensor[] masks) {
    KerasTensor previous = states.get(0);
    KerasTensor hidden = dropped(previous, masks[1]);
    KerasTensor bias = bias();
    List<KerasTensor> biases = bias == null ? null
        : resetAfter ? Ops.split(bias, 2, 0).stream().map(b -> Ops.squeeze(b, 0)).toList()
        : List.of(bias);
    KerasTensor matrixX = Ops.matmul(dropped(x, masks[0]), kernel());
    if (biases != null) {
      matrixX = Ops.add(matrixX, biases.get(0));
    }
    List<KerasTensor> xs = Ops.split(matrixX, 3, 1);
    KerasTensor recurrentH;
    KerasTensor z;
    KerasTensor r;
    if (resetAfter) {
      KerasTensor inner = Ops.matmul(hidden, recurrentKernel());
      if (biases != null) {
        inner = Ops.add(inner, biases.get(1));
      }
      List<KerasTensor> rs = Ops.split(inner, 3, 1);
      z = recurrentActivation.apply(Ops.add(xs.get(0), rs.get(0)));
      r = recurrentActivation.apply(Ops.add(xs.get(1), rs.get(1)));
      recurrentH = Ops.multiply(r, rs.get(2));
    } else {
      List<KerasTensor> kernels = Ops.split(recurrentKernel(), new int[] {2 * units}, 1);
      List<KerasTensor> rs = Ops.split(Ops.matmul(hidden, kernels.get(0)), 2, 1);
      z = recurrentActivation.apply(Ops.add(xs.get(0), rs.get(0)));
      r = recurrentActivation.apply(Ops.add(xs.get(1), rs.get(1)));
      recurrentH = Ops.matmul(Ops.multiply(r, hidden), kernels.get(1));
    }
    KerasTensor hh = settings.activation.apply(Ops.add(xs.get(2), recurrentH));
    // Keras: z * h_tm1 + (1 - z) * hh, with the previous state undropped.
    KerasTensor h = Ops.add(Ops.multiply(z, previous), Ops.multiply(Ops.subtract(1f, z), hh));
    return List.of(h);
  }

  @Override
  void putConfig(Map<String, Object> config) {
    super.putConfig(config);
    config.put("recurrent_activation", recurrentActivation.name());
    config.put("reset_after", resetAfter);
  }
}
