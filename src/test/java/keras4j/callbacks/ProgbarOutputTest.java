package keras4j.callbacks;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

/** The progress bar writes to the System.out of the fit, not of the model's creation. */
class ProgbarOutputTest {
  @Test
  void followsSystemOutRedirectedAfterTheModelWasBuilt() {
    try (Sequential model = TinyRegression.model(0.01)) {
      model.fit(TinyRegression.X, TinyRegression.Y, epochs(1), verbose(0)); // built and traced
      String printed = TinyRegression.capture(() ->
          model.fit(TinyRegression.X, TinyRegression.Y, epochs(1), verbose(2)));
      assertTrue(printed.startsWith("1/1 - "), printed); // as Keras: no "Epoch 1/1" for one epoch
      assertTrue(printed.contains("loss: "), printed);
    }
  }
}
