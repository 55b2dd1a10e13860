package keras4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import keras4j.examples.GruForecaster;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;

/**
 * The {@link GruForecaster} example as its main runs it: a GRU forecasting its generated seasonal
 * series 6 steps ahead must have a test MAE at most 0.30 of the last-value forecast's.
 *
 * <p>Why 0.30. The last-value forecast's test MAE is 1.842 (6 steps is a quarter of the daily
 * cycle). No forecaster can beat about 0.333 = 0.18 of it: knowing the formula, what is left is
 * the AR(1) noise of the next 6 steps, {@code sqrt(2 / pi) * 0.3 * sqrt(sum_(k<6) 0.49^k)}. A
 * forecaster that knew the daily cycle exactly but not the weekly one would be off by the weekly
 * sine plus the noise, about 0.697 = 0.38 of it (Monte Carlo). So 0.30 passes only a model that
 * learnt both cycles; seeded runs here reached 0.404 = 0.22 twice, in 16 to 23 s on 2 shared
 * cores.
 */
class GruForecasterIT {
  @Test
  void gruForecastsWithAtMostThirtyPercentOfTheLastValueError() {
    RandomSeed.set(1234);
    GruForecaster.Score score = GruForecaster.run(GruForecaster.EPOCHS, 2);
    double ratio = score.modelMae() / score.lastValueMae();
    System.out.printf("GruForecaster: test MAE %.4f, last value %.4f, ratio %.3f (needs <= 0.30)%n",
        score.modelMae(), score.lastValueMae(), ratio);
    assertTrue(ratio <= 0.30, "the GRU's test MAE " + score.modelMae() + " is " + ratio
        + " of the last-value forecast's " + score.lastValueMae() + ", above 0.30");
  }
}
