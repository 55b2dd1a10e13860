package keras4j.callbacks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.core.EvaluateArg;
import keras4j.core.PredictArg;
import keras4j.core.Variable;
import keras4j.metrics.Metric;
import keras4j.optimizers.Optimizer;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;

/**
 * The model a {@link Callback} sees while it is trained, evaluated or used to predict: what
 * Keras's {@code callback.model} offers the built-in callbacks and typical user ones.
 *
 * <p>Every {@code keras4j.models.Model} is one; callbacks depend on this interface rather than on
 * the model classes, which sit above them (the trainer calls the callbacks).
 */
public interface TrainingModel {
  /**
   * The model's name, e.g. {@code sequential}.
   *
   * @return the model's name, e.g. {@code sequential}
   */
  String name();

  /**
   * Whether a callback asked training to stop (Keras's {@code model.stop_training}).
   *
   * @return whether a callback asked training to stop (Keras's {@code model.stop_training})
   */
  boolean stopTraining();

  /**
   * Asks {@code fit} to stop after the current epoch (or, from a batch hook, after that batch).
   *
   * @param stop true to stop training, false to cancel an earlier request
   */
  void setStopTraining(boolean stop);

  /**
   * From {@code onTrainBegin}, makes the {@code fit} starting begin at {@code epoch} (0-based)
   * instead of its {@code initialEpoch}, as Keras's {@code model._initial_epoch}.
   *
   * @param epoch the first epoch to run, at least 0
   * @throws IllegalArgumentException for a negative epoch
   */
  void setInitialEpoch(int epoch);

  /**
   * The compiled optimizer, or null before {@code compile}.
   *
   * @return the compiled optimizer, or null before {@code compile}
   */
  Optimizer optimizer();

  /**
   * The metrics given to {@code compile}, named as in the logs (without {@code val_}).
   *
   * @return the metrics given to {@code compile}, named as in the logs (without {@code val_})
   */
  List<Metric> compiledMetrics();

  /**
   * The layers' weights as variables, in Keras's order ({@code model.weights}), named by path
   * ({@code dense/kernel}).
   *
   * @return the variables
   */
  List<Variable> variables();

  /**
   * Copies of the weights, in Keras's order (as {@code model.get_weights()}).
   *
   * @return copies of the weights, in Keras's order (as {@code model.get_weights()})
   */
  List<FloatNdArray> getWeights();

  /**
   * Replaces the weights, in the order {@link #getWeights()} gives them.
   *
   * @param values one array per weight, each shaped as that weight
   */
  void setWeights(List<? extends NdArray<Float>> values);

  /**
   * Saves the whole model as a Keras 3 {@code .keras} file, atomically.
   *
   * @param path the {@code .keras} file to write (replaced if it exists)
   */
  void save(Path path);

  /**
   * Saves the weights (and optimizer state) as a Keras 3 {@code .weights.h5} file, atomically.
   *
   * @param path the {@code .weights.h5} file to write (replaced if it exists)
   */
  void saveWeights(Path path);

  /**
   * Loads weights from a Keras 3 {@code .weights.h5} or a legacy Keras {@code .h5} file.
   *
   * @param path the {@code .weights.h5} or {@code .h5} file to read
   */
  void loadWeights(Path path);

  /**
   * The model's outputs for {@code x}, computed in batches.
   *
   * @param x the input samples, one per row: Java arrays or NdArrays
   * @param args prediction arguments such as {@code batchSize(256)} or {@code verbose(0)}
   * @return one output row per sample
   */
  FloatNdArray predict(Object x, PredictArg... args);

  /**
   * Loss and metrics on {@code x}, {@code y}, in compile order: {@code {loss=..., mae=...}}.
   *
   * @param x the input samples, one per row: Java arrays or NdArrays
   * @param y the labels, one per sample
   * @param args evaluation arguments such as {@code batchSize(256)} or {@code verbose(0)}
   * @return the loss and each metric over all of {@code x}, keyed by their names in the logs
   */
  Map<String, Double> evaluate(Object x, Object y, EvaluateArg... args);
}
