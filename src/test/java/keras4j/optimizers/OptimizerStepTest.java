package keras4j.optimizers;

import static keras4j.Keras.batchSize;
import static keras4j.Keras.epochs;
import static keras4j.Keras.inputShape;
import static keras4j.Keras.loss;
import static keras4j.Keras.optimizer;
import static keras4j.Keras.shuffle;
import static keras4j.Keras.verbose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;

/**
 * Each optimizer's first two steps against Keras 3's update rules computed by numpy: {@code
 * src/test/resources/keras4j/optimizers/reference.py} prints the expected constants below (kernel
 * row by row, then bias). The model is one linear Dense(3) on 4 features trained with "mse" on
 * the 8 rows of {@link #X} in two batches of 4.
 */
class OptimizerStepTest {
  /** Relative tolerance: float32 training against a float64 reference. */
  private static final double RTOL = 1e-5;
  /** Below this magnitude an error is measured in absolute terms. */
  private static final double FLOOR = 1e-2;

  private static final float[][] X = {
    {0.5f, -1.0f, 2.0f, 0.3f},
    {1.5f, 0.2f, -0.7f, 1.1f},
    {-0.4f, 0.9f, 0.1f, -1.3f},
    {2.0f, -0.6f, 0.8f, 0.4f},
    {0.7f, 1.2f, -1.5f, 0.2f},
    {-1.1f, 0.3f, 0.6f, 0.9f},
    {0.2f, -0.8f, 1.4f, -0.5f},
    {1.0f, 0.5f, 0.3f, 1.6f}
  };
  private static final float[][] Y = {
    {1.0f, 0.0f, -0.5f},
    {0.2f, 1.3f, 0.4f},
    {-0.7f, 0.5f, 1.1f},
    {0.9f, -1.2f, 0.3f},
    {0.4f, 0.8f, -0.9f},
    {-0.3f, 0.6f, 0.7f},
    {1.2f, -0.4f, 0.1f},
    {0.0f, 1.0f, -1.0f}
  };
  private static final float[][] KERNEL = {
    {0.2f, -0.3f, 0.5f},
    {0.7f, 0.1f, -0.4f},
    {-0.6f, 0.8f, 0.3f},
    {0.4f, -0.2f, 0.9f}
  };
  private static final float[] BIAS = {0.1f, -0.2f, 0.05f};

  static Stream<Arguments> steps() {
    // The "_custom" cases use large epsilons and non-default betas/rho so that each
    // hyper-parameter, and where epsilon sits in the formula, changes the result.
    return Stream.of(
        step("sgd", () -> new SGD(0.1), new float[] {
            0.213784761f, -0.230364834f, 0.326538203f, 0.556415338f, 0.208896504f,
            -0.342339349f, -0.40357541f, 0.649399196f, 0.229678123f, 0.351618117f,
            -0.107717965f, 0.734595315f, 0.117750503f, -0.142491281f, -0.0341491115f}),
        step("sgd_momentum", () -> new SGD(0.1, 0.9, false), new float[] {
            0.24495476f, -0.205464836f, 0.222063204f, 0.493460338f, 0.243501504f,
            -0.26315435f, -0.30105041f, 0.577669196f, 0.164173122f, 0.365283115f,
            -0.0762329648f, 0.643965318f, 0.144000503f, -0.129441282f, -0.0642991123f}),
        step("sgd_nesterov", () -> new SGD(0.1, 0.9, true), new float[] {
            0.255956478f, -0.151920525f, 0.0836139253f, 0.381186417f, 0.326641863f,
            -0.221753541f, -0.154371685f, 0.463265075f, 0.120677506f, 0.319662891f,
            -0.00322685139f, 0.514672659f, 0.152079308f, -0.0829635179f, -0.125588291f}),
        step("adam", () -> new Adam(0.1), new float[] {
            0.309750432f, -0.100127282f, 0.30681441f, 0.499865328f, 0.298484559f,
            -0.261452634f, -0.402073606f, 0.600878485f, 0.139647024f, 0.441191427f,
            -0.000368011667f, 0.703758504f, 0.214712945f, -0.00492734322f, -0.149558154f}),
        step("rmsprop", () -> new RMSprop(0.1), new float[] {
            0.290468881f, 0.159431027f, 0.053144331f, 0.149375505f, 0.620606461f,
            -0.207257227f, -0.135156704f, 0.338158536f, 0.114310357f, 0.404095603f,
            0.267738267f, 0.447925667f, 0.150085544f, 0.24845323f, -0.44921028f}),
        step("adagrad", () -> new Adagrad(0.1), new float[] {
            0.229064458f, -0.166464368f, 0.35993863f, 0.538679336f, 0.257116904f,
            -0.337394634f, -0.446104995f, 0.644994162f, 0.214679452f, 0.354831495f,
            -0.0514872525f, 0.752762697f, 0.135095566f, -0.083992741f, -0.0951244774f}),
        step("adadelta", () -> new Adadelta(1.0), new float[] {
            0.200325622f, -0.296863303f, 0.497630084f, 0.697064888f, 0.103212108f,
            -0.399223438f, -0.597293906f, 0.797160734f, 0.298441836f, 0.399466778f,
            -0.196839087f, 0.897416413f, 0.100841959f, -0.1966772f, 0.0468490476f}),
        step("adamax", () -> new Adamax(0.1), new float[] {
            0.308574477f, -0.110521466f, 0.326298782f, 0.504770355f, 0.281772589f,
            -0.271087049f, -0.414406423f, 0.608647599f, 0.157132389f, 0.457472006f,
            -0.0126040325f, 0.719719714f, 0.212493669f, -0.0265551264f, -0.136879918f}),
        step("nadam", () -> new Nadam(0.1), new float[] {
            0.251062997f, -0.109148882f, 0.341780132f, 0.512969542f, 0.296770641f,
            -0.320917673f, -0.428243211f, 0.623165862f, 0.19634219f, 0.407820394f,
            -0.00755427272f, 0.733810522f, 0.154377829f, 0.00241409704f, -0.142921784f}),
        step("adam_custom", () -> new Adam(0.05, 0.8, 0.9, 0.1), new float[] {
            0.229030139f, -0.246220869f, 0.423401917f, 0.627291295f, 0.162527179f,
            -0.350242934f, -0.520620724f, 0.725746705f, 0.242479218f, 0.395735461f,
            -0.140283331f, 0.82372237f, 0.131876225f, -0.157058826f, -0.00853175707f}),
        step("rmsprop_custom", () -> new RMSprop(0.05, 0.8, 0.5, 0.1), new float[] {
            0.243105306f, -0.185398434f, 0.309671991f, 0.512622633f, 0.253804658f,
            -0.300601399f, -0.394972668f, 0.610725317f, 0.183872406f, 0.36062922f,
            -0.0604016894f, 0.707601132f, 0.145818361f, -0.110393261f, -0.0829642337f}),
        step("adagrad_custom", () -> new Adagrad(0.05, 0.5, 0.1), new float[] {
            0.207930267f, -0.259703331f, 0.438609245f, 0.636644773f, 0.154653765f,
            -0.374748936f, -0.531390191f, 0.7361411f, 0.265051611f, 0.378228268f,
            -0.150928248f, 0.836689406f, 0.111613878f, -0.1665205f, 0.00309923081f}),
        step("adadelta_custom", () -> new Adadelta(0.5, 0.8, 0.1), new float[] {
            0.24799754f, -0.0314980344f, 0.0221634725f, 0.209129737f, 0.482625172f,
            -0.266394895f, -0.0944226173f, 0.339321045f, 0.146572517f, 0.22750158f,
            0.144893224f, 0.421309984f, 0.132589624f, 0.0225187263f, -0.259872789f}),
        step("adamax_custom", () -> new Adamax(0.05, 0.8, 0.9, 0.1), new float[] {
            0.242000653f, -0.229009877f, 0.41688275f, 0.614013169f, 0.174544121f,
            -0.342463741f, -0.509596502f, 0.70993764f, 0.234519547f, 0.410511335f,
            -0.125808643f, 0.813665752f, 0.145783583f, -0.141763074f, -0.0237149314f}),
        step("nadam_custom", () -> new Nadam(0.05, 0.8, 0.9, 0.1), new float[] {
            0.223015635f, -0.221114202f, 0.421261484f, 0.611864728f, 0.187307349f,
            -0.361685829f, -0.513871031f, 0.713874965f, 0.246888729f, 0.390165344f,
            -0.116041172f, 0.817628476f, 0.129175541f, -0.126847974f, -0.0329237728f}));
  }

  private static Arguments step(String name, Supplier<Optimizer> optimizer, float[] expected) {
    return Arguments.of(name, optimizer, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void twoStepsMatchKeras(String name, Supplier<Optimizer> optimizer, float[] expected) {
    try (Sequential model = model(optimizer.get())) {
      fitOneEpoch(model);
      assertClose(expected, weights(model), name);
      assertEquals(2, model.optimizer().iterations());
    }
  }

  @Test
  void setLearningRateChangesTheNextStepsAndIterationsCarryOn() {
    Adam adam = new Adam(0.1);
    try (Sequential model = model(adam)) {
      fitOneEpoch(model);
      assertEquals(2, adam.iterations());
      adam.setLearningRate(0.02);
      assertEquals(0.02, adam.getLearningRate(), 1e-9);
      fitOneEpoch(model);
      assertEquals(4, adam.iterations());
      // reference.py "adam_lr_change": steps 1-2 at lr 0.1, steps 3-4 at lr 0.02, with the
      // moments and the bias correction's step count carried over.
      float[] expected = {
        0.308447421f, -0.0711103875f, 0.269964785f, 0.460822601f, 0.337178098f,
        -0.242567385f, -0.363333465f, 0.561636298f, 0.115510057f, 0.419192602f,
        0.0367537372f, 0.665413787f, 0.217014059f, 0.0237998253f, -0.18165495f};
      assertClose(expected, weights(model), "adam_lr_change");
    }
  }

  @Test
  void nadamKeepsItsMomentumCacheAmongItsVariables() {
    Nadam nadam = new Nadam(0.1);
    try (Sequential model = model(nadam)) {
      fitOneEpoch(model);
      Variable product = nadam.variables().stream()
          .filter(v -> v.name().equals("nadam/u_product")).findFirst().orElseThrow();
      // u_product after 2 steps = u_1 * u_2 with u_t = 0.9 * (1 - 0.5 * 0.96^t):
      // 0.9 * 0.52 * 0.9 * (1 - 0.5 * 0.9216) = 0.468 * 0.48528 = 0.22711104.
      assertEquals(0.22711104, product.numpy().getFloat(), 1e-6);
      assertEquals(2, nadam.iterations());
      // Keras's order: iterations, learning_rate, two slots for each of kernel and bias, then
      // u_product, which Nadam's build creates last.
      assertEquals(7, nadam.variables().size());
      assertEquals(product, nadam.variables().get(6));
    }
  }

  @Test
  void newOptimizersHaveKerasDefaultsAndAliases() {
    assertEquals(Map.of("name", "adagrad", "learning_rate", 0.001,
        "initial_accumulator_value", 0.1f, "epsilon", 1e-7f), rounded(new Adagrad().getConfig()));
    assertEquals(Map.of("name", "adadelta", "learning_rate", 0.001, "rho", 0.95f,
        "epsilon", 1e-7f), rounded(new Adadelta().getConfig()));
    assertEquals(Map.of("name", "adamax", "learning_rate", 0.001, "beta_1", 0.9f,
        "beta_2", 0.999f, "epsilon", 1e-7f), rounded(new Adamax().getConfig()));
    assertEquals(Map.of("name", "nadam", "learning_rate", 0.001, "beta_1", 0.9f,
        "beta_2", 0.999f, "epsilon", 1e-7f), rounded(new Nadam().getConfig()));
    assertInstanceOf(Adagrad.class, Optimizers.get("adagrad"));
    assertInstanceOf(Adadelta.class, Optimizers.get("adadelta"));
    assertInstanceOf(Adamax.class, Optimizers.get("adamax"));
    assertInstanceOf(Nadam.class, Optimizers.get("Nadam"));
    assertTrue(Optimizers.aliases().containsAll(List.of("adagrad", "adadelta", "adamax", "nadam")));
  }

  /** The learning rate is read back from a float32 variable: compare it at float precision. */
  private static Map<String, Object> rounded(Map<String, Object> config) {
    Map<String, Object> out = new java.util.HashMap<>(config);
    out.put("learning_rate", Math.round((Double) config.get("learning_rate") * 1e9) / 1e9);
    return out;
  }

  private static Sequential model(Optimizer optimizer) {
    Sequential model = new Sequential(new Dense(3, inputShape(4)));
    model.setWeights(List.of(StdArrays.ndCopyOf(KERNEL), NdArrays.vectorOf(BIAS)));
    model.compile(optimizer(optimizer), loss("mse"));
    return model;
  }

  private static void fitOneEpoch(Sequential model) {
    model.fit(X, Y, epochs(1), batchSize(4), shuffle(false), verbose(0));
  }

  private static float[] weights(Sequential model) {
    List<Float> values = new ArrayList<>();
    for (FloatNdArray w : model.getWeights()) {
      w.scalars().forEach(s -> values.add(s.getFloat()));
    }
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** Largest error relative to max(|expected|, FLOOR), over every weight. */
  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": weight count");
    double worst = 0;
    int at = 0;
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), FLOOR);
      if (error > worst) {
        worst = error;
        at = i;
      }
    }
    assertTrue(worst <= RTOL, what + ": weight " + at + " is " + actual[at] + ", expected "
        + expected[at] + " (relative error " + worst + ")");
  }
}
