package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import keras4j.core.KerasTensor;
import keras4j.layers.Concatenate;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.layers.Layer;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;

/** Keras's clone_model: same layers and names, new weights, uncompiled; subclasses refused. */
class CloneModelTest {
  @Test
  void aSequentialCloneHasTheSameLayersAndNewWeights() {
    try (Sequential model = new Sequential(
        new Conv2D(4, 3, activation("relu"), inputShape(8, 8, 1), name("conv")),
        new Flatten(), new Dense(3, name("head")))) {
      model.compile(optimizer("adam"), loss("mse"));
      try (Model clone = Models.cloneModel(model)) {
        assertTrue(clone instanceof Sequential);
        assertEquals(names(model), names(clone));
        assertEquals(model.getConfig(), clone.getConfig());
        assertEquals(model.countParams(), clone.countParams());
        assertNull(clone.optimizer(), "not compiled, as Keras's clone");
        assertNotEquals(values(model.getWeights().get(0)), values(clone.getWeights().get(0)),
            "newly initialised kernels");
      }
    }
  }

  @Test
  void aFunctionalCloneKeepsItsConnections() {
    KerasTensor in = Input.shape(4);
    KerasTensor a = new Dense(2, name("a")).apply(in);
    KerasTensor b = new Dense(3, name("b")).apply(in);
    try (Model model = new Model(in, new Concatenate().apply(a, b));
        Model clone = Models.cloneModel(model)) {
      clone.setWeights(model.getWeights());
      float[][] x = {{1, 2, 3, 4}};
      FloatNdArray expected = model.predict(x, verbose(0));
      FloatNdArray actual = clone.predict(x, verbose(0));
      assertEquals(values(expected), values(actual), "the same graph on the same weights");
    }
  }

  @Test
  void anUnregisteredSubclassIsRefusedWithTheFix() {
    try (Model model = new Sub()) {
      model.predict(new float[][] {{1, 2}}, verbose(0));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Models.cloneModel(model));
      assertTrue(e.getMessage().contains("Sub"), e.getMessage());
    }
  }

  static final class Sub extends Model {
    private final Dense dense = new Dense(1);

    @Override
    public KerasTensor call(KerasTensor inputs) {
      return dense.apply(inputs);
    }
  }

  private static List<String> names(Model model) {
    return model.layers().stream().map(Layer::name).toList();
  }

  private static List<Float> values(FloatNdArray array) {
    List<Float> out = new ArrayList<>();
    array.scalars().forEach(s -> out.add(s.getFloat()));
    return out;
  }
}
