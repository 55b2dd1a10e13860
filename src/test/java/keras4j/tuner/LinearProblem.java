package keras4j.tuner;

import static keras4j.Keras.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The tuner tests' problem, y = 2x: a linear model from fixed weights, trained full-batch by SGD,
 * learns faster the larger a stable learning rate, so the largest rate offered is the best.
 */
final class LinearProblem {
  private LinearProblem() {}

  static final float[][] X = {{1}, {2}, {3}, {4}, {-1}, {-2}, {0.5f}, {1.5f}};
  static final float[] Y = {2, 4, 6, 8, -2, -4, 1, 3};

  /** Learning rates from "hardly learns" (1e-6) to the best (0.05). */
  static final List<Double> RATES = List.of(1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.05);

  /**
   * Dense(units) then Dense(1), the first kernel zero and the second ones, SGD at the trial's
   * learning rate (one of {@code rates}); {@code built} gets each build's values.
   */
  static Model linear(HyperParameters hp, List<Double> rates, List<Map<String, Object>> built) {
    double lr = hp.Choice("learning_rate", rates);
    int units = hp.Int("units", 1, 3);
    built.add(Map.copyOf(hp.values()));
    Sequential model = new Sequential(new Dense(units, inputShape(1)), new Dense(1));
    FloatNdArray ones = NdArrays.ofFloats(Shape.of(units, 1));
    for (int i = 0; i < units; i++) {
      ones.setFloat(1f, i, 0);
    }
    model.setWeights(List.of(NdArrays.ofFloats(Shape.of(1, units)),
        NdArrays.ofFloats(Shape.of(units)), ones, NdArrays.ofFloats(Shape.of(1))));
    model.compile(optimizer(new SGD(lr)), loss("mse"));
    return model;
  }

  /** Records, for every fit, the epochs it ran and the weights it started and ended each with. */
  static final class Recorder extends Callback {
    final List<List<Integer>> epochs = new ArrayList<>();
    final List<List<List<Float>>> weights = new ArrayList<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
      epochs.add(new ArrayList<>());
      weights.add(new ArrayList<>(List.of(flat())));
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      epochs.get(epochs.size() - 1).add(epoch);
      weights.get(weights.size() - 1).add(flat());
    }

    private List<Float> flat() {
      List<Float> out = new ArrayList<>();
      for (FloatNdArray w : model().getWeights()) {
        for (NdArray<Float> scalar : w.scalars()) {
          out.add(scalar.getObject());
        }
      }
      return out;
    }
  }
}
