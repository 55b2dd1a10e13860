package keras4j.examples;

import static keras4j.Keras.*;

import java.util.List;
import java.util.Random;
import keras4j.data.Dataset;
import keras4j.layers.Dense;
import keras4j.layers.GRU;
import keras4j.models.Sequential;
import keras4j.optimizers.Adam;
import keras4j.utils.RandomSeed;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * A GRU forecasting a seasonal series {@value #HORIZON} steps ahead, against the last-value
 * forecast. The series is generated, seeded: {@value #STEPS} "hours" of a level, a daily
 * (24-step) and a weekly (168-step) cycle and AR(1) noise. The first {@value #TRAIN_STEPS}
 * steps train, the rest test; both are standardised with the training part's mean and deviation,
 * and the test MAE is printed in the series' own units. Pass the number of epochs as the first
 * argument (default {@value #EPOCHS}).
 *
 * <pre>
 * keras.utils.set_random_seed(1234)
 * z = (series - series[:train].mean()) / series[:train].std()
 * # As long as z[:-horizon]; the padding belongs to no window.
 * targets = np.pad(z[past - 1 + horizon:], (0, past - 1))
 * train = keras.utils.timeseries_dataset_from_array(z[:-horizon], targets, past,
 *     batch_size=64, shuffle=True, seed=1, end_index=train - horizon)
 * test = keras.utils.timeseries_dataset_from_array(z[:-horizon], targets, past,
 *     batch_size=256, start_index=train - horizon - past + 1)
 * model = keras.Sequential([keras.Input((past, 1)), layers.GRU(32), layers.Dense(1)])
 * model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse", metrics=["mae"])
 * model.fit(train, epochs=epochs)
 * </pre>
 */
public final class GruForecaster {
  /** The series' length, in steps ("hours"). */
  public static final int STEPS = 4000;

  /** The steps that train; the targets after them test. */
  public static final int TRAIN_STEPS = 3000;

  /** The steps a window holds, two days. */
  public static final int PAST = 48;

  /** How far past a window's last step its target lies. */
  public static final int HORIZON = 6;

  /** The epochs {@link #main} trains for unless told otherwise, as GruForecasterIT does. */
  public static final int EPOCHS = 20;

  /**
   * The test MAEs, in the series' units.
   *
   * @param modelMae the GRU's
   * @param lastValueMae the last-value forecast's (each window's last step as the forecast)
   */
  public record Score(double modelMae, double lastValueMae) {}

  private GruForecaster() {}

  /**
   * The series: {@code 10 + 2 sin(2 pi t / 24) + sin(2 pi t / 168) + e_t} with
   * {@code e_t = 0.7 e_(t-1) + N(0, 0.3^2)}, the same for the same seed.
   *
   * @param steps the length
   * @param seed the noise's seed
   * @return the series
   */
  public static float[] series(int steps, long seed) {
    Random random = new Random(seed);
    float[] out = new float[steps];
    double noise = 0;
    for (int t = 0; t < steps; t++) {
      noise = 0.7 * noise + 0.3 * random.nextGaussian();
      out[t] = (float) (10 + 2 * Math.sin(2 * Math.PI * t / 24)
          + Math.sin(2 * Math.PI * t / 168) + noise);
    }
    return out;
  }

  /**
   * The GRU and its linear head, compiled for the mean squared error.
   *
   * @return the compiled model
   */
  public static Sequential build() {
    var model = new Sequential(List.of(new GRU(32, inputShape(PAST, 1)), new Dense(1)));
    model.compile(optimizer(new Adam(3e-3)), loss("mse"), metrics("mae"));
    return model;
  }

  /**
   * Trains on the first {@value #TRAIN_STEPS} steps of {@link #series(int, long) series(STEPS,
   * 7)} and scores the forecasts whose targets come after them.
   *
   * @param epochs the passes over the training windows
   * @param verbose Keras's {@code verbose} for {@code fit}
   * @return the test MAE of the model and of the last-value forecast
   */
  public static Score run(int epochs, int verbose) {
    float[] series = series(STEPS, 7);
    double mean = 0;
    for (int t = 0; t < TRAIN_STEPS; t++) {
      mean += series[t];
    }
    mean /= TRAIN_STEPS;
    double variance = 0;
    for (int t = 0; t < TRAIN_STEPS; t++) {
      variance += (series[t] - mean) * (series[t] - mean);
    }
    double std = Math.sqrt(variance / TRAIN_STEPS);

    // The window starting at i holds steps i .. i+PAST-1 and its target is step
    // i+PAST-1+HORIZON, which Keras reads as targets[i]. The inputs stop HORIZON steps early,
    // so that no window outlives its target; targets' last PAST-1 entries belong to no window.
    int inputs = STEPS - HORIZON;
    float[][] z = new float[inputs][1];
    float[] targets = new float[inputs];
    for (int t = 0; t < inputs; t++) {
      z[t][0] = (float) ((series[t] - mean) / std);
      int target = t + PAST - 1 + HORIZON;
      targets[t] = target < STEPS ? (float) ((series[target] - mean) / std) : 0;
    }
    // Training windows end HORIZON steps before TRAIN_STEPS, so their targets do too; the test
    // windows are those whose targets are steps TRAIN_STEPS and after.
    Dataset train = timeseriesDatasetFromArray(z, targets, PAST, 1, 1, 64, true, 1L, null,
        TRAIN_STEPS - HORIZON);
    int testStart = TRAIN_STEPS - HORIZON - PAST + 1;
    Dataset test = timeseriesDatasetFromArray(z, targets, PAST, 1, 1, 256, false, null,
        testStart, null);
    try (var model = build()) {
      model.fit(train, epochs(epochs), verbose(verbose));
      FloatNdArray forecasts = model.predict(test, verbose(0));
      int windows = (int) forecasts.shape().get(0);
      double modelError = 0;
      double lastValueError = 0;
      for (int w = 0; w < windows; w++) {
        int last = testStart + w + PAST - 1;
        double actual = series[last + HORIZON];
        modelError += Math.abs(forecasts.getFloat(w, 0) * std + mean - actual);
        lastValueError += Math.abs(series[last] - actual);
      }
      return new Score(modelError / windows, lastValueError / windows);
    }
  }

  /**
   * Trains, forecasts and prints the test MAEs.
   *
   * @param args the number of epochs (optional)
   */
  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : EPOCHS;
    RandomSeed.set(1234);
    long start = System.nanoTime();
    Score score = run(epochs, 2);
    System.out.printf("trained and tested in %.0f s%n", (System.nanoTime() - start) / 1e9);
    System.out.printf("Test MAE, %d steps ahead: GRU %.3f, last value %.3f (ratio %.2f)%n",
        HORIZON, score.modelMae(), score.lastValueMae(), score.modelMae() / score.lastValueMae());
  }
}
