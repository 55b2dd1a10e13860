package keras4j.optimizers;

import static keras4j.optimizers.TinyRegression.assertClose;
import static keras4j.optimizers.TinyRegression.fit;
import static keras4j.optimizers.TinyRegression.model;
import static keras4j.optimizers.TinyRegression.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import keras4j.core.Variable;
import keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer's first two steps against Keras 3's update rules computed by numpy: {@code
 * src/test/resources/keras4j/optimizers/reference.py} prints the expected constants below (kernel
 * row by row, then bias). The model is {@link TinyRegression}'s.
 */
class OptimizerStepTest {
  static Stream<Arguments> steps() {
    // The "_custom" cases use large epsilons and non-default betas/rho so that each
    // hyper-parameter, and where epsilon sits in the formula, changes the result.
    return Stream.of(
        step("sgd", () -> new SGD(0.1), new float[] {
            0.213784761f, -0.230364834f, 0.326538203f, 0.556415338f, 0.208896504f, -0.342339349f,
            -0.40357541f, 0.649399196f, 0.229678123f, 0.351618117f, -0.107717965f, 0.734595315f,
            0.117750503f, -0.142491281f, -0.0341491115f}),
        step("sgd_momentum", () -> new SGD(0.1, 0.9, false), new float[] {
            0.24495476f, -0.205464836f, 0.222063204f, 0.493460338f, 0.243501504f, -0.26315435f,
            -0.30105041f, 0.577669196f, 0.164173122f, 0.365283115f, -0.0762329648f, 0.643965318f,
            0.144000503f, -0.129441282f, -0.0642991123f}),
        step("sgd_nesterov", () -> new SGD(0.1, 0.9, true), new float[] {
            0.255956478f, -0.151920525f, 0.0836139253f, 0.381186417f, 0.326641863f, -0.221753541f,
            -0.154371685f, 0.463265075f, 0.120677506f, 0.319662891f, -0.00322685139f, 0.514672659f,
            0.152079308f, -0.0829635179f, -0.125588291f}),
        step("adam", () -> new Adam(0.1), new float[] {
            0.309749745f, -0.100128623f, 0.306815694f, 0.499866665f, 0.29848322f, -0.261453546f,
            -0.402074918f, 0.600879806f, 0.13964801f, 0.441191164f, -0.000369354059f, 0.703759803f,
            0.214712354f, -0.00492867532f, -0.149556813f}),
        step("rmsprop", () -> new RMSprop(0.1), new float[] {
            0.290468887f, 0.159431048f, 0.0531442839f, 0.149375444f, 0.620606499f, -0.207257208f,
            -0.13515666f, 0.338158498f, 0.11431035f, 0.404095603f, 0.267738288f, 0.447925623f,
            0.150085543f, 0.248453205f, -0.449210314f}),
        step("adagrad", () -> new Adagrad(0.1), new float[] {
            0.229064458f, -0.166464368f, 0.35993863f, 0.538679336f, 0.257116904f, -0.337394634f,
            -0.446104995f, 0.644994162f, 0.214679452f, 0.354831495f, -0.0514872525f, 0.752762697f,
            0.135095566f, -0.083992741f, -0.0951244774f}),
        step("adadelta", () -> new Adadelta(1.0), new float[] {
            0.200325622f, -0.296863303f, 0.497630084f, 0.697064888f, 0.103212108f, -0.399223438f,
            -0.597293906f, 0.797160734f, 0.298441836f, 0.399466777f, -0.196839086f, 0.897416413f,
            0.100841959f, -0.1966772f, 0.0468490473f}),
        step("adamax", () -> new Adamax(0.1), new float[] {
            0.308574455f, -0.11052151f, 0.326298819f, 0.504770398f, 0.281772547f, -0.271087077f,
            -0.414406462f, 0.608647639f, 0.157132418f, 0.457471994f, -0.0126040757f, 0.719719752f,
            0.21249365f, -0.0265551664f, -0.136879875f}),
        step("nadam", () -> new Nadam(0.1), new float[] {
            0.251062997f, -0.109148882f, 0.341780132f, 0.512969542f, 0.296770641f, -0.320917673f,
            -0.428243211f, 0.623165862f, 0.19634219f, 0.407820394f, -0.00755427272f, 0.733810522f,
            0.154377829f, 0.00241409704f, -0.142921784f}),
        step("adam_custom", () -> new Adam(0.05, 0.8, 0.9, 0.1), new float[] {
            0.229030143f, -0.246220862f, 0.423401905f, 0.627291284f, 0.162527188f, -0.350242927f,
            -0.520620711f, 0.725746694f, 0.24247921f, 0.395735459f, -0.140283323f, 0.823722359f,
            0.131876228f, -0.15705882f, -0.00853176502f}),
        step("rmsprop_custom", () -> new RMSprop(0.05, 0.8, 0.5, 0.1), new float[] {
            0.243105306f, -0.185398434f, 0.309671996f, 0.512622637f, 0.253804656f, -0.300601402f,
            -0.394972674f, 0.610725321f, 0.183872408f, 0.360629221f, -0.060401691f, 0.707601137f,
            0.145818361f, -0.110393261f, -0.0829642324f}),
        step("adagrad_custom", () -> new Adagrad(0.05, 0.5, 0.1), new float[] {
            0.207930267f, -0.259703331f, 0.438609245f, 0.636644773f, 0.154653765f, -0.374748936f,
            -0.531390191f, 0.7361411f, 0.265051611f, 0.378228268f, -0.150928248f, 0.836689406f,
            0.111613878f, -0.1665205f, 0.00309923081f}),
        step("adadelta_custom", () -> new Adadelta(0.5, 0.8, 0.1), new float[] {
            0.247997539f, -0.031498035f, 0.0221634839f, 0.209129744f, 0.482625169f, -0.266394898f,
            -0.094422628f, 0.339321053f, 0.146572518f, 0.227501584f, 0.144893221f, 0.421309994f,
            0.132589624f, 0.0225187253f, -0.259872788f}),
        step("adamax_custom", () -> new Adamax(0.05, 0.8, 0.9, 0.1), new float[] {
            0.242000656f, -0.229009871f, 0.416882744f, 0.614013163f, 0.174544127f, -0.342463737f,
            -0.509596496f, 0.709937633f, 0.234519542f, 0.410511335f, -0.125808638f, 0.813665746f,
            0.145783586f, -0.14176307f, -0.0237149367f}),
        step("nadam_custom", () -> new Nadam(0.05, 0.8, 0.9, 0.1), new float[] {
            0.223015635f, -0.221114202f, 0.421261484f, 0.611864728f, 0.187307349f, -0.361685829f,
            -0.513871031f, 0.713874965f, 0.246888729f, 0.390165344f, -0.116041172f, 0.817628476f,
            0.129175541f, -0.126847974f, -0.0329237728f}));
  }

  private static Arguments step(String name, Supplier<Optimizer> optimizer, float[] expected) {
    return Arguments.of(name, optimizer, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void twoStepsMatchKeras(String name, Supplier<Optimizer> optimizer, float[] expected) {
    try (Sequential model = model(optimizer.get())) {
      fit(model, 1);
      assertClose(expected, weights(model), name);
      assertEquals(2, model.optimizer().iterations());
    }
  }

  @Test
  void setLearningRateChangesTheNextStepsAndIterationsCarryOn() {
    Adam adam = new Adam(0.1);
    try (Sequential model = model(adam)) {
      fit(model, 1);
      assertEquals(2, adam.iterations());
      adam.setLearningRate(0.02);
      assertEquals(0.02, adam.getLearningRate(), 1e-9);
      fit(model, 1);
      assertEquals(4, adam.iterations());
      // reference.py "adam_lr_change": steps 1-2 at lr 0.1, steps 3-4 at lr 0.02, with the
      // moments and the bias correction's step count carried over.
      float[] expected = {
        0.308446855f, -0.0711117831f, 0.269966292f, 0.460824188f, 0.337176501f, -0.242568401f,
        -0.363335024f, 0.561637872f, 0.115511135f, 0.419192513f, 0.0367521723f, 0.665415332f,
        0.217013596f, 0.0237983951f, -0.181653485f};
      assertClose(expected, weights(model), "adam_lr_change");
    }
  }

  @Test
  void nadamKeepsItsMomentumCacheAmongItsVariables() {
    Nadam nadam = new Nadam(0.1);
    try (Sequential model = model(nadam)) {
      fit(model, 1);
      Variable product = nadam.variables().stream()
          .filter(v -> v.name().equals(nadam.name() + "/u_product")).findFirst().orElseThrow();
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
  void aliasesGiveEachOptimizer() {
    assertInstanceOf(Adagrad.class, Optimizers.get("adagrad"));
    assertInstanceOf(Adadelta.class, Optimizers.get("adadelta"));
    assertInstanceOf(Adamax.class, Optimizers.get("adamax"));
    assertInstanceOf(Nadam.class, Optimizers.get("Nadam"));
    assertInstanceOf(AdamW.class, Optimizers.get("adamw"));
    assertInstanceOf(Lion.class, Optimizers.get("lion"));
    assertInstanceOf(Ftrl.class, Optimizers.get("ftrl"));
    assertInstanceOf(Adafactor.class, Optimizers.get("adafactor"));
    assertInstanceOf(Lamb.class, Optimizers.get("lamb"));
    assertEquals(List.of("adadelta", "adafactor", "adagrad", "adam", "adamax", "adamw", "ftrl",
        "lamb", "lion", "nadam", "rmsprop", "sgd"), Optimizers.aliases());
  }
}
