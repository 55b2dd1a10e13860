package keras4j.spark;

import java.util.List;
import keras4j.core.Variable;
import keras4j.models.Model;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A private copy of a model that one task at a time trains or evaluates, kept by its JVM across
 * rounds (see {@link ExecutorModels#withTrainingCopy}) so that a round neither reloads the model
 * nor rebuilds its training step. It remembers its optimizer's state as loaded (a compiled model's
 * optimizer is built when it loads, so every slot is there), and {@link #start} puts that state
 * back with the round's weights: the copy then trains exactly as a freshly loaded one would.
 */
final class TrainingCopy implements AutoCloseable {
  private final String modelId;
  private final Model model;
  private final List<FloatNdArray> loadedOptimizerState;

  /**
   * Wraps a compiled model (as {@link KerasEstimator#fit} checks) just loaded from the file of id
   * {@code modelId}, before it trained.
   */
  TrainingCopy(String modelId, Model model) {
    this.modelId = modelId;
    this.model = model;
    this.loadedOptimizerState = model.optimizer().variables().stream()
        .map(Variable::numpy).toList();
  }

  /** @return the id of the model file this copy was loaded from */
  String modelId() {
    return modelId;
  }

  /**
   * Gets the copy ready for a round: {@code weights} (all of them, in {@code getWeights} order)
   * and the optimizer's state as loaded (iteration count, learning rate, slots such as Adam's
   * moments), whatever earlier rounds left.
   *
   * @return the model, to train or evaluate
   */
  Model start(List<FloatNdArray> weights) {
    model.setWeights(weights);
    List<Variable> state = model.optimizer().variables();
    for (int i = 0; i < state.size(); i++) {
      state.get(i).assign(loadedOptimizerState.get(i));
    }
    return model;
  }

  /** Closes the model (its graph and session). */
  @Override
  public void close() {
    model.close();
  }
}
