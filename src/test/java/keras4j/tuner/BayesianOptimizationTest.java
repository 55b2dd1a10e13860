package keras4j.tuner;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import keras4j.layers.Dense;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.optimizers.SGD;
import keras4j.saving.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** The Gaussian process against scikit-learn's, and Bayesian optimisation on a known optimum. */
class BayesianOptimizationTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void theGaussianProcessFitsAndPredictsAsScikitLearns() throws IOException {
    Map<String, Object> fixture;
    try (InputStream in = getClass().getResourceAsStream("/keras4j/tuner/gaussian_process.json")) {
      fixture = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "gaussian_process.json");
    }
    for (Map<String, Object> c : (List<Map<String, Object>>) fixture.get("cases")) {
      String name = (String) c.get("name");
      GaussianProcess process = GaussianProcess.fit(matrix(c.get("x")),
          vector(c.get("y")), 1e-4);
      assertEquals((Double) c.get("length_scale"), process.lengthScale(),
          1e-4 * process.lengthScale(), name);
      assertEquals((Double) c.get("log_marginal_likelihood"), process.logMarginalLikelihood(),
          1e-6, name);
      double[][] queries = matrix(c.get("queries"));
      double[] mean = vector(c.get("mean"));
      double[] std = vector(c.get("std"));
      for (int q = 0; q < queries.length; q++) {
        double[] predicted = process.predict(queries[q]);
        assertEquals(mean[q], predicted[0], 1e-5, name + " mean " + q);
        assertEquals(std[q], predicted[1], 1e-5, name + " std " + q);
      }
    }
  }

  /**
   * y = 2x by a kernel w from 0, one full-batch SGD step: the second epoch's loss is m (4 lr m -
   * 2)^2 with m = mean(x^2) = 4.6875, zero at lr = 1 / (2m) ≈ 0.1067, and 18.75 for the first.
   */
  @Test
  void findsTheLearningRateThatSolvesTheProblemInOneStep() {
    double best = 1 / (2 * 4.6875);
    BayesianOptimization tuner = new BayesianOptimization(BayesianOptimizationTest::oneStep,
        objective("loss"), maxTrials(10), numInitialPoints(3), seed(7),
        directory(dir.toString()), projectName("bayes"));
    tuner.search(LinearProblem.X, LinearProblem.Y, epochs(2), batchSize(8), verbose(0));
    assertEquals(10, tuner.trials().size());
    double found = (Double) tuner.getBestHyperparameters(1).get(0).values().get("learning_rate");
    assertEquals(best, found, 0.02 * best, "the optimum within 2 %");
    double randomBest = tuner.trials().subList(0, 3).stream().mapToDouble(Trial::score).min()
        .orElseThrow();
    assertTrue(tuner.getBestTrials(1).get(0).score() < randomBest / 10,
        "the Gaussian process improves on the random start " + randomBest);
  }

  private static Model oneStep(HyperParameters hp) {
    double lr = hp.Float("learning_rate", 1e-3, 0.2, "log");
    Sequential model = new Sequential(new Dense(1, useBias(false), inputShape(1)));
    model.setWeights(List.of(NdArrays.ofFloats(Shape.of(1, 1))));
    model.compile(optimizer(new SGD(lr)), loss("mse"));
    return model;
  }

  @SuppressWarnings("unchecked")
  private static double[][] matrix(Object rows) {
    return ((List<Object>) rows).stream().map(BayesianOptimizationTest::vector)
        .toArray(double[][]::new);
  }

  @SuppressWarnings("unchecked")
  private static double[] vector(Object values) {
    return ((List<Object>) values).stream().mapToDouble(v -> ((Number) v).doubleValue())
        .toArray();
  }
}
