package keras4j.saving;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import keras4j.backend.CoreBridge;
import keras4j.backend.SavedModelExport;
import keras4j.core.KerasTensor;
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
   * The most bytes one graph constant may be filled to. TensorFlow repeats the last value of a
   * constant whose proto holds fewer values than its shape, so a 24 KB file can claim terabytes;
   * real graphs fill zeros or ones of a layer's size.
   */
  static final long MAX_FILLED_BYTES = 1L << 30;
  /** The most bytes all of a SavedModel's constants together may be filled to. */
  static final long MAX_TOTAL_FILLED_BYTES = 2L << 30;
  /** The size of one TensorFlow string element. */
  private static final int TSTRING_BYTES = 24;

  private SavedModels() {}

  static void export(Path dir, List<Shape> inputShapes, List<String> inputNames,
      List<String> outputNames, Function<List<KerasTensor>, List<KerasTensor>> forward) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("Cannot export to " + dir + ": it is not empty;"
                + " export into a new directory");
          }
        }
      }
      SavedModelExport.export(x -> forward.apply(x.stream()
              .map(t -> CoreBridge.<KerasTensor>kerasTensor(t)).toList())
              .stream().map(CoreBridge::tensor).toList(),
          inputShapes, inputNames, outputNames, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not export to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a {@code saved_model.pb} that is not a SavedModel protobuf or whose constants ({@code
   * Const} nodes of its graphs and functions) have shapes that do not match their content or
   * that would be filled past {@link #MAX_FILLED_BYTES}: TensorFlow would spend minutes and
   * gigabytes materializing them before failing.
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
        total += filledBytes(node, pb, "");
      }
      for (FunctionDef function : graph.getLibrary().getFunctionList()) {
        for (NodeDef node : function.getNodeDefList()) {
          total += filledBytes(node, pb, "function " + function.getSignature().getName() + " ");
        }
      }
      if (total > MAX_TOTAL_FILLED_BYTES) {
        throw new IllegalArgumentException(pb + ": the graph's constants together fill " + total
            + " bytes (limit " + MAX_TOTAL_FILLED_BYTES + "); refusing to load it");
      }
    }
  }

  /**
   * The bytes {@code node} expands to beyond what the file holds (TensorFlow repeats the last
   * value of a constant with fewer values than its shape), if it is a constant, after checking its
   * shape against its content.
   */
  private static long filledBytes(NodeDef node, Path pb, String where) {
    AttrValue value = node.getAttrMap().get("value");
    if (!node.getOp().endsWith("Const") || value == null || !value.hasTensor()) {
      return 0;
    }
    TensorProto tensor = value.getTensor();
    String what = pb + ": constant " + where + "'" + node.getName() + "' has the shape "
        + shapeText(tensor.getTensorShape());
    long elements = 1;
    boolean valid = !tensor.getTensorShape().getUnknownRank();
    for (TensorShapeProto.Dim dim : tensor.getTensorShape().getDimList()) {
      long size = dim.getSize();
      valid &= size >= 0 && (size == 0 || elements <= Long.MAX_VALUE / 32 / size);
      elements = valid ? elements * size : 0;
    }
    if (!valid) {
      throw new IllegalArgumentException(what + ", which no tensor can have; the file is corrupt"
          + " or hostile. Refusing to load it");
    }
    long values = tensor.getFloatValCount() + tensor.getDoubleValCount() + tensor.getIntValCount()
        + tensor.getInt64ValCount() + tensor.getHalfValCount() + tensor.getBoolValCount()
        + tensor.getStringValCount() + tensor.getUint32ValCount() + tensor.getUint64ValCount()
        + tensor.getScomplexValCount() / 2 + tensor.getDcomplexValCount() / 2
        + tensor.getResourceHandleValCount() + tensor.getVariantValCount();
    if (values > elements) {
      throw new IllegalArgumentException(what + " but " + values + " values; the file is"
          + " corrupt. Refusing to load it");
    }
    int width = byteWidth(tensor.getDtype());
    long content = tensor.getTensorContent().size();
    if (content > 0) {
      // Fixed-size types hold exactly their bytes; strings take a length byte at least each.
      if (width == 0 && elements > content) {
        throw new IllegalArgumentException(what + " but holds " + content + " bytes, less than"
            + " one per string; the file is corrupt. Refusing to load it");
      }
      if (width > 0 && content != elements * width) {
        throw new IllegalArgumentException(what + " (" + elements * width + " bytes of "
            + tensor.getDtype() + ") but holds " + content + " bytes; the file is corrupt."
            + " Refusing to load it");
      }
      return 0;
    }
    long bytes = elements * (width > 0 ? width : TSTRING_BYTES);
    if (bytes > MAX_FILLED_BYTES) {
      throw new IllegalArgumentException(what + ", " + bytes + " bytes to fill from " + values
          + " values (limit " + MAX_FILLED_BYTES + "); the file is corrupt or hostile. Refusing"
          + " to load it");
    }
    return bytes;
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
