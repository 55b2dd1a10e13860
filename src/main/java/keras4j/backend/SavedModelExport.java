package keras4j.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * tensorflow/serving/predict}, one float32 input per model input and one output per model output,
 * named as the caller says (Keras's {@code model.export()}: the inputs by name, the outputs
 * {@code output_0}, {@code output_1}, ... or by their dict keys).
 */
public final class SavedModelExport {
  private SavedModelExport() {}

  /**
   * Exports the inference pass {@code forward}, taking inputs of {@code inputShapes} (batch
   * first) named {@code inputNames} and giving outputs named {@code outputNames}, to {@code dir}.
   * Its variables must not be live in another graph.
   */
  public static void export(UnaryOperator<List<Tensor>> forward, List<Shape> inputShapes,
      List<String> inputNames, List<String> outputNames, Path dir) throws IOException {
    try (ModelGraph graph = new ModelGraph()) {
      List<Placeholder<TFloat32>> x = new ArrayList<>();
      List<Tensor> inputs = new ArrayList<>();
      for (int i = 0; i < inputShapes.size(); i++) {
        Placeholder<TFloat32> in = graph.tf().withName(inputNames.get(i))
            .placeholder(TFloat32.class, Placeholder.shape(inputShapes.get(i)));
        x.add(in);
        inputs.add(new Tensor(graph, in));
      }
      List<Tensor> out = Trace.run(graph, false, () -> forward.apply(inputs)).value();
      Signature.Builder signature = Signature.builder(Signature.DEFAULT_KEY)
          .methodName("tensorflow/serving/predict");
      for (int i = 0; i < x.size(); i++) {
        signature.input(inputNames.get(i), x.get(i));
      }
      for (int i = 0; i < out.size(); i++) {
        Operand<TFloat32> y =
            graph.tf().withName(outputNames.get(i)).identity(out.get(i).operand());
        signature.output(outputNames.get(i), y);
      }
      graph.session().initialize();
      SavedModelBundle.exporter(dir.toString())
          .withTags(SavedModelBundle.DEFAULT_TAG)
          .withFunction(SessionFunction.create(signature.build(), graph.session()))
          .export();
    }
  }
}
