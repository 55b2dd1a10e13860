package keras4j.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes a model's inference graph as a TensorFlow SavedModel: a graph of its own holding the
 * forward pass only (Dropout off, BatchNormalization on its moving statistics; no optimizer,
 * loss or metric ops), its variables, and a {@code serving_default} signature with method {@code
 * tensorflow/serving/predict}, one float32 input and the output {@code output_0}, as Keras's
 * {@code model.export()} names it.
 */
public final class SavedModelExport {
  /** The signature's output name, as Keras 3's export. */
  public static final String OUTPUT_NAME = "output_0";

  private SavedModelExport() {}

  /**
   * Exports the inference pass {@code forward}, taking inputs of {@code inputShape} (batch first)
   * named {@code inputName}, to {@code dir}. Its variables must not be live in another graph.
   */
  public static void export(UnaryOperator<Tensor> forward, Shape inputShape, String inputName,
      Path dir) throws IOException {
    try (ModelGraph graph = new ModelGraph()) {
      Placeholder<TFloat32> x =
          graph.tf().withName(inputName).placeholder(TFloat32.class, Placeholder.shape(inputShape));
      Tensor out = Trace.run(graph, false, () -> forward.apply(new Tensor(graph, x))).value();
      Operand<TFloat32> y = graph.tf().withName(OUTPUT_NAME).identity(out.operand());
      graph.session().initialize();
      Signature signature = Signature.builder(Signature.DEFAULT_KEY)
          .methodName("tensorflow/serving/predict")
          .input(inputName, x)
          .output(OUTPUT_NAME, y)
          .build();
      SavedModelBundle.exporter(dir.toString())
          .withTags(SavedModelBundle.DEFAULT_TAG)
          .withFunction(SessionFunction.create(signature, graph.session()))
          .export();
    }
  }
}
