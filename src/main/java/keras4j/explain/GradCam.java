package keras4j.explain;

import keras4j.layers.Layer;
import keras4j.models.Model;
import org.tensorflow.ndarray.Shape;

/**
 * Grad-CAM (Selvaraju et al., 2017), as Keras's Grad-CAM example computes it: the activations
 * {@code A} of a convolutional layer, each channel weighted by the mean gradient of the explained
 * output over its positions, summed over channels and passed through ReLU,
 * {@code cam = relu(Σ_k mean_ij(∂y/∂A_ijk) · A_k)}. The map has the layer's spatial resolution
 * ({@code [samples, height, width]}); {@code keras4j.explain.Plots} draws it over the image.
 *
 * <p>Works on functional, Sequential and subclassed models: the layer's output is watched while
 * the model runs ({@link Layer#tappingOutputs}). A layer that runs several times is explained at
 * its first call. Close it to free its traced function. Thread-safe.
 */
public final class GradCam implements AutoCloseable {
  private final ModelGradients gradients;
  private final String layerName;

  /**
   * Grad-CAM of {@code model}'s outputs at the layer called {@code layerName}.
   *
   * @param model any keras4j model of one input and one output
   * @param layerName the name of a layer with a 4-D output {@code [batch, height, width,
   *     channels]}, usually the last convolution
   * @throws IllegalArgumentException if the model has no layer of that name
   */
  public GradCam(Model model, String layerName) {
    this.gradients = new ModelGradients(model, model.getLayer(layerName));
    this.layerName = layerName;
  }

  /**
   * The class activation maps of {@code x} for {@code target}.
   *
   * @param x a batch of images (Java arrays or an NdArray, samples first)
   * @param target which output unit to explain
   * @return one map per image, shaped {@code [samples, height, width]} of the layer's output
   * @throws IllegalArgumentException if {@code x} does not fit the model, the target its output,
   *     or the layer's output is not 4-D
   */
  public Attributions explain(Object x, Target target) {
    ModelGradients.Batch batch = gradients.batch(x, target);
    Flat xs = batch.x();
    int n = xs.rows();
    int units = batch.units();
    float[][] maps = new float[n][];
    float[] scores = new float[n];
    Shape[] mapShape = new Shape[1];
    gradients.runInChunks(n, 1, xs.rowSize(), batch.targets(), units, xs::rows,
        (from, to, run) -> {
          Flat a = run.activations();
          if (a.shape().numDimensions() != 4) {
            throw new IllegalArgumentException("Grad-CAM needs a layer with a 4-D output [batch,"
                + " height, width, channels], such as Conv2D; layer '" + layerName + "' outputs "
                + a.sampleShape() + " per sample");
          }
          int h = (int) a.shape().get(1);
          int w = (int) a.shape().get(2);
          int c = (int) a.shape().get(3);
          mapShape[0] = Shape.of(n, h, w);
          float[] g = run.gradients().data();
          for (int i = 0; i < to - from; i++) {
            int base = i * h * w * c;
            double[] weights = new double[c];
            for (int p = 0; p < h * w; p++) {
              for (int k = 0; k < c; k++) {
                weights[k] += g[base + p * c + k] / (double) (h * w);
              }
            }
            float[] map = new float[h * w];
            for (int p = 0; p < h * w; p++) {
              double sum = 0;
              for (int k = 0; k < c; k++) {
                sum += weights[k] * a.data()[base + p * c + k];
              }
              map[p] = (float) Math.max(0, sum);
            }
            maps[from + i] = map;
            scores[from + i] = run.outputs().data()[i * units + batch.targets()[from + i]];
          }
        });
    int size = maps.length == 0 ? 0 : maps[0].length;
    float[] all = new float[n * size];
    for (int i = 0; i < n; i++) {
      System.arraycopy(maps[i], 0, all, i * size, size);
    }
    Shape shape = mapShape[0] != null ? mapShape[0] : Shape.of(0, 0, 0);
    return new Attributions(new Flat(shape, all), batch.targets(), scores);
  }

  @Override
  public void close() {
    gradients.close();
  }
}
