package keras4j.models;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Add;
import keras4j.layers.GlobalMaxPooling1D;
import keras4j.layers.GlobalMaxPooling2D;
import keras4j.layers.Input;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/**
 * Shapes that only the run finds wrong (the model's inputs leave dimensions unknown) reach the
 * user as IllegalArgumentExceptions naming the layer and what TensorFlow found, TensorFlow's
 * exception as the cause, in predict and in fit alike.
 */
class RunTimeErrorsTest {
  private static void assertNamesLayer(Executable run, String... words) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), "'" + word + "' missing from: " + e.getMessage());
    }
    assertInstanceOf(TFInvalidArgumentException.class, e.getCause());
  }

  @Test
  void imageSmallerThanAValidConvolutionWindow() {
    var inputs = Input.shape(NONE, NONE, 1);
    var features = new Conv2D(2, 5, name("five_by_five")).apply(inputs);
    var outputs = new Dense(1).apply(new GlobalMaxPooling2D().apply(features));
    try (Model model = new Model(inputs, outputs)) {
      float[][][][] small = new float[2][3][3][1];
      assertNamesLayer(() -> model.predict(small, verbose(0)),
          "Layer 'five_by_five' (Conv2D)", "Computed output size would be negative");
      model.compile(optimizer("sgd"), loss("mse"));
      assertNamesLayer(() -> model.fit(small, new float[2][1], verbose(0)),
          "Layer 'five_by_five' (Conv2D)", "Computed output size would be negative");
      // Images the window fits still run.
      assertTrue(model.predict(new float[2][6][6][1], verbose(0)).shape().get(0) == 2);
    }
  }

  @Test
  void addingSequencesOfDifferentLengths() {
    var left = Input.named("left", NONE, 2);
    var right = Input.named("right", NONE, 2);
    var sum = new Add(name("sum")).apply(left, right);
    try (Model model = new Model(List.of(left, right), new GlobalMaxPooling1D().apply(sum));
        // The same in a nested model: the innermost layer is named.
        Model outer = new Model(List.of(left, right), model.apply(List.of(left, right)))) {
      List<float[][][]> lengths3And4 = List.of(new float[2][3][2], new float[2][4][2]);
      assertNamesLayer(() -> model.predict(lengths3And4, verbose(0)),
          "Layer 'sum' (Add)", "Incompatible shapes: [2,3,2] vs. [2,4,2]");
      assertNamesLayer(() -> outer.predict(lengths3And4, verbose(0)),
          "Layer 'sum' (Add)", "Incompatible shapes: [2,3,2] vs. [2,4,2]");
    }
  }
}
