package keras4j.layers;

import java.util.List;
import java.util.Map;
import keras4j.activations.Activation;
import keras4j.activations.Activations;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.ops.Ops;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Keras's {@code LSTMCell}: the weights hold the gates in Keras's order i, f, c, o (input,
 * forget, cell, output); {@code z = x @ kernel + h @ recurrent_kernel + bias}, {@code c = f * c +
 * i * activation(z_c)}, {@code h = o * activation(c)}, i, f and o through the recurrent
 * activation (sigmoid). With {@code unit_forget_bias} (the default) the forget gate's bias starts
 * at 1.
 */
final class LSTMCell extends RecurrentCell {
  private final Activation recurrentActivation;
  private final boolean unitForgetBias;

  LSTMCell(Layer owner, int units) {
    super(owner, "lstm_cell", units, 4);
    this.recurrentActivation = Activations.get(owner.arg("recurrent_activation", "sigmoid"));
    this.unitForgetBias = owner.arg("unit_forget_bias", true);
  }

  @Override
  int stateCount() {
    return 2;
  }

  @Override
  Variable buildBias() {
    if (!unitForgetBias) {
      return super.buildBias();
    }
    // Keras: concatenate(bias_initializer(units), ones(units), bias_initializer(2 * units)).
    FloatNdArray value = NdArrays.ofFloats(Shape.of(4L * units));
    FloatNdArray first = settings.initializerOf("bias").create(Shape.of(units));
    FloatNdArray rest = settings.initializerOf("bias").create(Shape.of(2L * units));
    for (int i = 0; i < units; i++) {
      value.setFloat(first.getFloat(i), i);
      value.setFloat(1f, units + i);
    }
    for (int i = 0; i < 2 * units; i++) {
      value.setFloat(rest.getFloat(i), 2L * units + i);
    }
    Variable bias = addWeight("bias", value, true, settings.regularizerOf("bias"));
    bias.setConstraint(settings.constraintOf("bias"));
    return bias;
  }

  @Override
  List<KerasTensor> step(KerasTensor x, List<KerasTensor> states, KerasTensor[] masks) {
    KerasTensor z = Ops.add(Ops.matmul(dropped(x, masks[0]), kernel()),
        Ops.matmul(dropped(states.get(0), masks[1]), recurrentKernel()));
    if (bias() != null) {
      z = Ops.add(z, bias());
    }
    List<KerasTensor> gates = Ops.split(z, 4, 1);
    KerasTensor i = recurrentActivation.apply(gates.get(0));
    KerasTensor f = recurrentActivation.apply(gates.get(1));
    KerasTensor c = Ops.add(Ops.multiply(f, states.get(1)),
        Ops.multiply(i, settings.activation.apply(gates.get(2))));
    KerasTensor o = recurrentActivation.apply(gates.get(3));
    KerasTensor h = Ops.multiply(o, settings.activation.apply(c));
    return List.of(h, c);
  }

  @Override
  void putConfig(Map<String, Object> config) {
    super.putConfig(config);
    config.put("recurrent_activation", recurrentActivation.name());
    config.put("unit_forget_bias", unitForgetBias);
  }
}
