package keras4j.saving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import keras4j.core.Shapes;
import keras4j.backend.HostArray;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Runs a TensorFlow SavedModel's {@code serving_default} signature: one written by {@code
 * model.export(dir)}, by Python's {@code model.export} / {@code tf.saved_model.save}, or by
 * tf.keras 2 {@code model.save(dir)}. The signature must take one float32 input and give one
 * float32 output. {@link #predict} may be called from many threads at once.
 */
public final class SavedModelPredictor implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String inputName;
  private final String outputName;
  private final Shape inputShape;

  /**
   * Loads the SavedModel in {@code dir} (tag {@code serve}).
   *
   * @param dir the SavedModel directory (holding {@code saved_model.pb} and {@code variables/})
   */
  public SavedModelPredictor(Path dir) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(dir + " is not a TensorFlow SavedModel directory (it"
          + " has no saved_model.pb)");
    }
    SavedModels.checkConstants(dir);
    SavedModelBundle loaded = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    try {
      this.function = loaded.function(Signature.DEFAULT_KEY);
      Signature signature = function.signature();
      if (signature.inputNames().size() != 1 || signature.outputNames().size() != 1) {
        throw new IllegalArgumentException(dir + ": the serving_default signature has inputs "
            + signature.inputNames() + " and outputs " + signature.outputNames()
            + "; SavedModelPredictor runs signatures with one of each");
      }
      this.inputName = signature.inputNames().iterator().next();
      this.outputName = signature.outputNames().iterator().next();
      Signature.TensorDescription input = signature.getInputs().get(inputName);
      Signature.TensorDescription output = signature.getOutputs().get(outputName);
      if (input.dataType != DataType.DT_FLOAT || output.dataType != DataType.DT_FLOAT) {
        throw new IllegalArgumentException(dir + ": serving_default takes " + input.dataType
            + " and gives " + output.dataType + "; SavedModelPredictor handles float32 only");
      }
      this.inputShape = input.shape;
      this.bundle = loaded;
    } catch (RuntimeException e) {
      loaded.close();
      throw e;
    }
  }

  /**
   * The signature's input name (e.g. the model's input layer).
   *
   * @return the signature's input name (e.g. the model's input layer)
   */
  public String inputName() {
    return inputName;
  }

  /**
   * The signature's output name ({@code output_0} for keras4j and Keras 3 exports).
   *
   * @return the signature's output name ({@code output_0} for keras4j and Keras 3 exports)
   */
  public String outputName() {
    return outputName;
  }

  /**
   * The input shape the signature declares, batch first (-1 for unknown).
   *
   * @return the input shape the signature declares, batch first (-1 for unknown)
   */
  public Shape inputShape() {
    return inputShape;
  }

  /**
   * The model's outputs for {@code x} (Java arrays or NdArrays, one sample per row).
   *
   * @param x the input samples
   * @return one output row per sample
   */
  public FloatNdArray predict(Object x) {
    HostArray data = HostArray.of(x, "x");
    if (!inputShape.isUnknown() && !Shapes.samplesCompatible(inputShape, data.shape())) {
      throw new IllegalArgumentException("The SavedModel expects inputs of shape "
          + Shapes.toKeras(inputShape) + " but x has shape " + Shapes.toKeras(data.shape()));
    }
    try (TType batch = data.batch(null, 0, data.samples());
        Result result = function.call(Map.<String, Tensor>of(inputName, batch))) {
      TFloat32 out = (TFloat32) result.get(outputName)
          .orElseThrow(() -> new IllegalStateException("the model gave no " + outputName));
      FloatNdArray copy = NdArrays.ofFloats(out.shape());
      out.copyTo(copy);
      return copy;
    }
  }

  /** Frees the TensorFlow session. */
  @Override
  public void close() {
    bundle.close();
  }
}
