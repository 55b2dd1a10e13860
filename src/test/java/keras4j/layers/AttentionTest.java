package keras4j.layers;

import static keras4j.Keras.returnAttentionScores;
import static keras4j.Keras.scoreMode;
import static keras4j.Keras.useCausalMask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import keras4j.core.KerasTensor;
import keras4j.models.Model;
import keras4j.models.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The attention layers from Java: the causal mask and scores of a weightless Attention against
 * loops written here from Keras's definition, a causal MultiHeadAttention's independence of later
 * steps, the call arguments saved in and loaded from a .keras file, and the refusals.
 */
class AttentionTest {
  private static final int STEPS = 4;
  private static final int DIM = 3;

  private static FloatNdArray values(long seedish) {
    FloatNdArray x = NdArrays.ofFloats(Shape.of(2, STEPS, DIM));
    long[] i = {0};
    x.scalars().forEach(s -> s.setFloat((float) Math.sin(seedish + 0.7 * i[0]++)));
    return x;
  }

  @Test
  void causalAttentionWeighsEarlierStepsBySoftmaxOfDotProducts() {
    KerasTensor in = Input.shape(STEPS, DIM);
    List<KerasTensor> outs = new Attention().applyAll(List.of(in, in), useCausalMask(true),
        returnAttentionScores(true));
    FloatNdArray x = values(1);
    try (Model model = new Model(List.of(in), outs)) {
      List<FloatNdArray> got = model.predictAll(x);
      for (int b = 0; b < 2; b++) {
        for (int q = 0; q < STEPS; q++) {
          // Keras: scores x_q . x_v for v <= q, softmax over them, zero weight after q.
          double[] w = new double[STEPS];
          double total = 0;
          for (int v = 0; v <= q; v++) {
            double dot = 0;
            for (int d = 0; d < DIM; d++) {
              dot += x.getFloat(b, q, d) * x.getFloat(b, v, d);
            }
            w[v] = Math.exp(dot);
            total += w[v];
          }
          for (int v = 0; v < STEPS; v++) {
            assertEquals(w[v] / total, got.get(1).getFloat(b, q, v), 1e-6, "weight");
          }
          for (int d = 0; d < DIM; d++) {
            double out = 0;
            for (int v = 0; v <= q; v++) {
              out += w[v] / total * x.getFloat(b, v, d);
            }
            assertEquals(out, got.get(0).getFloat(b, q, d), 1e-6, "output");
          }
        }
      }
    }
  }

  @Test
  void causalMultiHeadAttentionIgnoresLaterStepsAndSavesTheCallArgument(@TempDir Path dir)
      throws IOException {
    KerasTensor in = Input.shape(STEPS, DIM);
    KerasTensor out = new MultiHeadAttention(2, 3).apply(List.of(in, in), useCausalMask(true));
    FloatNdArray x = values(1);
    FloatNdArray changed = values(1);
    changed.setFloat(5f, 0, STEPS - 1, 0); // only the last step of sample 0
    Path saved = dir.resolve("causal.keras");
    FloatNdArray y;
    try (Model model = new Model(in, out)) {
      y = model.predict(x);
      FloatNdArray y2 = model.predict(changed);
      for (int q = 0; q < STEPS - 1; q++) {
        for (int d = 0; d < DIM; d++) {
          assertEquals(y.getFloat(0, q, d), y2.getFloat(0, q, d), 1e-6, "step " + q);
        }
      }
      assertNotEquals(y.getFloat(0, STEPS - 1, 0), y2.getFloat(0, STEPS - 1, 0));
      model.save(saved);
    }
    try (ZipFile zip = new ZipFile(saved.toFile())) {
      String config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes());
      assertTrue(config.contains("\"use_causal_mask\": true")
          || config.contains("\"use_causal_mask\":true"), config);
    }
    try (Model loaded = Models.loadModel(saved)) {
      FloatNdArray again = loaded.predict(x);
      for (int q = 0; q < STEPS; q++) {
        assertEquals(y.getFloat(1, q, 2), again.getFloat(1, q, 2), 1e-6);
      }
    }
  }

  @Test
  void refusesWhatKerasRefuses() {
    KerasTensor in = Input.shape(STEPS, DIM);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dense(2).applyAll(List.of(in), useCausalMask(true)));
    assertTrue(e.getMessage().contains("use_causal_mask"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Attention(scoreMode("add")));
    assertTrue(e.getMessage().contains("score_mode=add"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 2));
    assertTrue(e.getMessage().contains("num_heads=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Attention().apply(in));
    assertTrue(e.getMessage().contains("length 2 or 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new EinsumDense("...b,bc->...c", new long[] {2}));
    assertTrue(e.getMessage().contains("'...'"), e.getMessage());
  }
}
