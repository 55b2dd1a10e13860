package keras4j.saving;

import static keras4j.Keras.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import keras4j.core.KerasTensor;
import keras4j.layers.BatchNormalization;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Dropout;
import keras4j.layers.Flatten;
import keras4j.layers.Input;
import keras4j.models.Model;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.SavedModel;

class SavedModelTest {
  @TempDir Path dir;

  @Test
  void exportedInferenceGraphPredictsLikeTheModel() throws Exception {
    RandomSeed.set(8);
    KerasTensor in = Input.named("pixels", 5, 5, 1);
    KerasTensor h = new Conv2D(2, 3, activation("relu")).apply(in);
    h = new BatchNormalization().apply(h);
    h = new Dropout(0.5).apply(new Flatten().apply(h));
    KerasTensor out = new Dense(3, activation("softmax")).apply(h);
    FloatNdArray x = NdArrays.ofFloats(Shape.of(4, 5, 5, 1));
    java.util.Random random = new java.util.Random(1);
    x.scalars().forEach(s -> s.setFloat(random.nextFloat()));
    float[][] y = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
    Path export = dir.resolve("exported");
    float[] expected;
    try (Model model = new Model(in, out)) {
      model.compile(optimizer("adam"), loss("categorical_crossentropy"), metrics("accuracy"));
      model.fit(x, y, epochs(2), batchSize(2), verbose(0));
      expected = RoundTripTest.flat(model.predict(x));
      model.export(export);
      // The model keeps working after the export (its graph is rebuilt).
      assertArrayEquals(expected, RoundTripTest.flat(model.predict(x)));
      model.fit(x, y, epochs(1), batchSize(2), verbose(0));
    }
    SavedModel proto = SavedModel.parseFrom(Files.readAllBytes(export.resolve("saved_model.pb")));
    var meta = proto.getMetaGraphs(0);
    assertTrue(meta.getMetaInfoDef().getTagsList().contains("serve"));
    var signature = meta.getSignatureDefOrThrow("serving_default");
    assertEquals("tensorflow/serving/predict", signature.getMethodName());
    assertEquals(java.util.Set.of("pixels"), signature.getInputsMap().keySet());
    assertEquals(java.util.Set.of("output_0"), signature.getOutputsMap().keySet());
    // Inference only: no optimizer update, gradient, dropout or metric ops.
    for (var node : meta.getGraphDef().getNodeList()) {
      String op = node.getOp();
      assertTrue(!op.startsWith("Apply") && !op.contains("Grad") && !op.startsWith("Random")
          && !op.equals("AssignAdd"), "training op in the export: " + op + " " + node.getName());
    }
    try (SavedModelPredictor predictor = new SavedModelPredictor(export)) {
      assertEquals("pixels", predictor.inputName());
      assertArrayEquals(expected, RoundTripTest.flat(predictor.predict(x)), 1e-6f);
    }
  }

  @Test
  void tfKerasSavedModelPredictsItsExpectedOutput() {
    String folder = "keras-models/savedmodel_tfkeras2.11_functional_mnist_mlp/";
    try (SavedModelPredictor predictor =
        new SavedModelPredictor(Fixtures.path(folder + "saved_model"))) {
      assertEquals("input_1", predictor.inputName());
      Fixtures.assertClose(Fixtures.csv(folder + "expected_output.csv"),
          predictor.predict(Fixtures.images(folder + "input.csv", 28, 28, 1)), 1e-5);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> predictor.predict(new float[2][5]));
      assertTrue(e.getMessage().contains("(None, 28, 28, 1)"), e.getMessage());
    }
  }

  @Test
  void loadingASavedModelAsAKerasModelPointsToThePredictor() {
    Path savedModel = Fixtures.path(
        "keras-models/savedmodel_tfkeras2.11_functional_mnist_mlp/saved_model");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Model.load(savedModel));
    assertTrue(e.getMessage().contains("SavedModelPredictor"), e.getMessage());
  }

  @Test
  void exportRefusesANonEmptyDirectory() throws Exception {
    Files.writeString(dir.resolve("file.txt"), "x");
    KerasTensor in = Input.shape(2);
    try (Model model = new Model(in, new Dense(1).apply(in))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> model.export(dir));
      assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }
  }

  /**
   * A SavedModel whose one constant claims 2^20 x 2^20 elements (TensorFlow would fill them from
   * the few values present, for minutes) is refused before TensorFlow sees it, naming the node;
   * so is one whose constant's content does not fill its shape, and a truncated protobuf.
   */
  @Test
  void refusesConstantsWhoseShapeTheirContentDoesNotFill() throws Exception {
    Path export = dir.resolve("exported");
    try (Model model = new keras4j.models.Sequential(new Dense(3, inputShape(4)))) {
      model.export(export);
    }
    Path pb = export.resolve("saved_model.pb");
    SavedModel proto = SavedModel.parseFrom(Files.readAllBytes(pb));
    String constant = editFirstConstant(proto, false, 1L << 20, 1L << 20).getName();
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> new SavedModelPredictor(export).close());
    assertTrue(huge.getMessage().contains("'" + constant + "'")
        && huge.getMessage().contains("[1048576, 1048576]")
        && huge.getMessage().contains("holds 48 bytes"), huge.getMessage());

    editFirstConstant(proto, true, 1L << 20, 1L << 20);
    IllegalArgumentException filled = assertThrows(IllegalArgumentException.class,
        () -> new SavedModelPredictor(export).close());
    assertTrue(filled.getMessage().contains("4398046511104 bytes to fill from 1 values"),
        filled.getMessage());

    editFirstConstant(proto, false, -1, 3);
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new SavedModelPredictor(export).close());
    assertTrue(negative.getMessage().contains("[-1, 3], which no tensor can have"),
        negative.getMessage());

    byte[] bytes = proto.toByteArray();
    Files.write(pb, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> new SavedModelPredictor(export).close());
    assertTrue(truncated.getMessage().contains("not a SavedModel protobuf"),
        truncated.getMessage());
  }

  /**
   * Writes {@code proto} to {@code dir/exported} with its first constant that holds tensor bytes
   * reshaped to {@code dims} (and, if {@code splat}, its bytes replaced by one value), and returns
   * that constant's node.
   */
  private org.tensorflow.proto.NodeDef editFirstConstant(SavedModel proto, boolean splat,
      long... dims)
      throws java.io.IOException {
    SavedModel.Builder edited = proto.toBuilder();
    org.tensorflow.proto.GraphDef.Builder graph = edited.getMetaGraphsBuilder(0)
        .getGraphDefBuilder();
    for (int i = 0; i < graph.getNodeCount(); i++) {
      org.tensorflow.proto.NodeDef node = graph.getNode(i);
      var value = node.getAttrMap().get("value");
      if (node.getOp().equals("Const") && value != null
          && !value.getTensor().getTensorContent().isEmpty()) {
        var shape = org.tensorflow.proto.TensorShapeProto.newBuilder();
        for (long d : dims) {
          shape.addDim(org.tensorflow.proto.TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        var tensor = value.getTensor().toBuilder().setTensorShape(shape);
        if (splat) {
          tensor.setTensorContent(com.google.protobuf.ByteString.EMPTY).addFloatVal(0.5f);
        }
        graph.setNode(i, node.toBuilder().putAttr("value", value.toBuilder()
            .setTensor(tensor).build()));
        Files.write(dir.resolve("exported").resolve("saved_model.pb"),
            edited.build().toByteArray());
        return node;
      }
    }
    throw new AssertionError("the export has no constant with tensor bytes");
  }
}
