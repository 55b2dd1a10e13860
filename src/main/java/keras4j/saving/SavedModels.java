package keras4j.saving;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import keras4j.backend.SavedModelExport;
import keras4j.models.Model;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * {@code model.export(dir)}: the TensorFlow SavedModel of a model's inference graph; and the
 * checks a SavedModel from elsewhere passes before TensorFlow imports it.
 */
final class SavedModels {
  /**
   * The most bytes one graph constant may expand to. TensorFlow fills a constant whose proto
   * holds fewer values than its shape with the last one, so a 24 KB file can claim terabytes;
   * a real model's constants are small (its weights live in variables/).
   */
  static final long MAX_CONSTANT_BYTES = 1L << 30;
  /** The most bytes all of a graph's constants together may expand to. */
  static final long MAX_CONSTANTS_BYTES = 2L << 30;

  private SavedModels() {}

  static void export(Model model, Path dir) {
    Shape inputShape = model.inputShape();
    if (inputShape == null) {
      throw new IllegalStateException("Model '" + model.name() + "' has not been built: give its"
          + " first layer an inputShape(...) or call fit/predict before exporting");
    }
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("Cannot export to " + dir + ": it is not empty;"
                + " export into a new directory");
          }
        }
      }
      model.getWeights(); // builds every layer
      // The export graph takes over the weights: free the model's own graph first (it is rebuilt,
      // weights and optimizer state included, on the next fit or predict).
      model.close();
      String inputName = model.input() != null ? model.input().layer().name() : "inputs";
      SavedModelExport.export(model, inputShape, inputName, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a {@code saved_model.pb} that is not a SavedModel protobuf or whose constants ({@code
   * Const} nodes of its graphs and functions) have shapes their content does not fill or that
   * would expand past {@link #MAX_CONSTANT_BYTES}: TensorFlow would spend minutes and gigabytes
   * materializing them before failing.
   */
  static void checkConstants(Path dir) {
    Path pb = dir.resolve("saved_model.pb");
    SavedModel savedModel;
    try (InputStream in = Files.newInputStream(pb)) {
      savedModel = SavedModel.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(pb + " is not a SavedModel protobuf (truncated or"
          + " corrupt): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + pb + ": " + e.getMessage(), e);
    }
    long total = 0;
    for (MetaGraphDef meta : savedModel.getMetaGraphsList()) {
      GraphDef graph = meta.getGraphDef();
      for (NodeDef node : graph.getNodeList()) {
        total += constantBytes(node, pb, "");
      }
      for (FunctionDef function : graph.getLibrary().getFunctionList()) {
        for (NodeDef node : function.getNodeDefList()) {
          total += constantBytes(node, pb, "function " + function.getSignature().getName() + " ");
        }
      }
      if (total > MAX_CONSTANTS_BYTES) {
        throw new IllegalArgumentException(pb + ": the graph's constants together take " + total
            + " bytes (limit " + MAX_CONSTANTS_BYTES + "); refusing to load it");
      }
    }
  }

  /** The bytes {@code node} expands to if it is a constant, after checking it. */
  private static long constantBytes(NodeDef node, Path pb, String where) {
    AttrValue value = node.getAttrMap().get("value");
    if (!node.getOp().endsWith("Const") || value == null || !value.hasTensor()) {
      return 0;
    }
    TensorProto tensor = value.getTensor();
    String what = pb + ": constant " + where + "'" + node.getName() + "'";
    TensorShapeProto shape = tensor.getTensorShape();
    long elements = 1;
    boolean overflow = shape.getUnknownRank();
    for (TensorShapeProto.Dim dim : shape.getDimList()) {
      overflow |= dim.getSize() < 0;
      if (!overflow && dim.getSize() > 0 && elements > MAX_CONSTANT_BYTES / dim.getSize()) {
        overflow = true;
      }
      elements *= Math.max(dim.getSize(), 0);
    }
    int width = byteWidth(tensor.getDtype());
    if (overflow || elements * Math.max(width, 1) > MAX_CONSTANT_BYTES) {
      throw new IllegalArgumentException(what + " has the shape " + shapeText(shape) + ", more"
          + " than " + MAX_CONSTANT_BYTES + " bytes (or not a shape); the file is corrupt or"
          + " hostile. Refusing to load it");
    }
    long content = tensor.getTensorContent().size();
    if (width == 0) {
      return Math.max(elements, content); // strings: their content is all there is
    }
    if (content > 0 && content != elements * width) {
      throw new IllegalArgumentException(what + " has the shape " + shapeText(shape) + " ("
          + elements * width + " bytes of " + tensor.getDtype() + ") but holds " + content
          + " bytes; the file is corrupt. Refusing to load it");
    }
    long values = tensor.getFloatValCount() + tensor.getDoubleValCount() + tensor.getIntValCount()
        + tensor.getInt64ValCount() + tensor.getHalfValCount() + tensor.getBoolValCount()
        + tensor.getStringValCount() + tensor.getUint32ValCount() + tensor.getUint64ValCount()
        + tensor.getScomplexValCount() / 2 + tensor.getDcomplexValCount() / 2
        + tensor.getResourceHandleValCount() + tensor.getVariantValCount();
    if (values > elements) {
      throw new IllegalArgumentException(what + " has the shape " + shapeText(shape) + " but "
          + values + " values; the file is corrupt. Refusing to load it");
    }
    return elements * width;
  }

  private static String shapeText(TensorShapeProto shape) {
    return shape.getUnknownRank() ? "<unknown rank>"
        : shape.getDimList().stream().map(d -> Long.toString(d.getSize())).toList().toString();
  }

  /** Bytes per element of {@code type}; 0 for strings and other variable-size types. */
  private static int byteWidth(DataType type) {
    return switch (type) {
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_FLOAT, DT_INT32, DT_UINT32, DT_QINT32 -> 4;
      case DT_HALF, DT_BFLOAT16, DT_INT16, DT_UINT16, DT_QINT16, DT_QUINT16 -> 2;
      case DT_COMPLEX128 -> 16;
      case DT_STRING, DT_VARIANT, DT_RESOURCE -> 0;
      default -> 1;
    };
  }
}
