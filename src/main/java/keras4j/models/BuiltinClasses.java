package keras4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keras4j.layers.Activation;
import keras4j.layers.AveragePooling1D;
import keras4j.layers.AveragePooling2D;
import keras4j.layers.AveragePooling3D;
import keras4j.layers.BatchNormalization;
import keras4j.layers.CenterCrop;
import keras4j.layers.Conv1D;
import keras4j.layers.Conv1DTranspose;
import keras4j.layers.Conv2D;
import keras4j.layers.Conv2DTranspose;
import keras4j.layers.Conv3D;
import keras4j.layers.Cropping2D;
import keras4j.layers.Dense;
import keras4j.layers.DepthwiseConv1D;
import keras4j.layers.DepthwiseConv2D;
import keras4j.layers.Bidirectional;
import keras4j.layers.Dropout;
import keras4j.layers.TimeDistributed;
import keras4j.layers.Embedding;
import keras4j.layers.IntegerLookup;
import keras4j.layers.StringLookup;
import keras4j.layers.TextVectorization;
import keras4j.layers.GRU;
import keras4j.layers.LSTM;
import keras4j.layers.Masking;
import keras4j.layers.SimpleRNN;
import keras4j.layers.ELU;
import keras4j.layers.Flatten;
import keras4j.layers.GlobalAveragePooling1D;
import keras4j.layers.GlobalAveragePooling2D;
import keras4j.layers.GlobalMaxPooling1D;
import keras4j.layers.GlobalMaxPooling2D;
import keras4j.layers.InputLayer;
import keras4j.layers.Layer;
import keras4j.layers.LayerNormalization;
import keras4j.layers.LeakyReLU;
import keras4j.layers.MaxPooling1D;
import keras4j.layers.MaxPooling2D;
import keras4j.layers.MaxPooling3D;
import keras4j.layers.Normalization;
import keras4j.layers.PReLU;
import keras4j.layers.RandomFourierFeatures;
import keras4j.layers.Permute;
import keras4j.layers.RandomContrast;
import keras4j.layers.RandomCrop;
import keras4j.layers.RandomFlip;
import keras4j.layers.RandomRotation;
import keras4j.layers.RandomTranslation;
import keras4j.layers.RandomZoom;
import keras4j.layers.ReLU;
import keras4j.layers.RepeatVector;
import keras4j.layers.Rescaling;
import keras4j.layers.Reshape;
import keras4j.layers.Resizing;
import keras4j.layers.SeparableConv1D;
import keras4j.layers.SeparableConv2D;
import keras4j.layers.Softmax;
import keras4j.layers.UpSampling2D;
import keras4j.layers.ZeroPadding2D;
import keras4j.losses.BinaryCrossentropy;
import keras4j.losses.BinaryFocalCrossentropy;
import keras4j.losses.CategoricalCrossentropy;
import keras4j.losses.CategoricalFocalCrossentropy;
import keras4j.losses.CategoricalHinge;
import keras4j.losses.CosineSimilarity;
import keras4j.losses.Dice;
import keras4j.losses.Hinge;
import keras4j.losses.Huber;
import keras4j.losses.KLDivergence;
import keras4j.losses.LogCosh;
import keras4j.losses.Loss;
import keras4j.losses.MeanAbsoluteError;
import keras4j.losses.MeanAbsolutePercentageError;
import keras4j.losses.MeanSquaredError;
import keras4j.losses.MeanSquaredLogarithmicError;
import keras4j.losses.Poisson;
import keras4j.losses.SparseCategoricalCrossentropy;
import keras4j.losses.SquaredHinge;
import keras4j.losses.Tversky;
import keras4j.core.Kwarg;
import keras4j.optimizers.Adadelta;
import keras4j.optimizers.Adafactor;
import keras4j.optimizers.Adagrad;
import keras4j.optimizers.Adam;
import keras4j.optimizers.AdamW;
import keras4j.optimizers.Adamax;
import keras4j.optimizers.Ftrl;
import keras4j.optimizers.Lamb;
import keras4j.optimizers.Lion;
import keras4j.optimizers.LossScaleOptimizer;
import keras4j.optimizers.Nadam;
import keras4j.optimizers.Optimizer;
import keras4j.optimizers.RMSprop;
import keras4j.optimizers.SGD;
import keras4j.saving.ConfigReader;
import keras4j.saving.KerasClasses;
import org.tensorflow.ndarray.Shape;

/**
 * The built-in classes a saved file may name, by Keras class name, each with its {@code
 * fromConfig}: the tables {@code keras4j.saving} loads and saves through (with the user's
 * registered classes). Anything else is refused: loading never runs code from a file.
 */
final class BuiltinClasses {
  /** The layers of a Sequential or functional model. */
  static final KerasClasses<Layer> LAYERS = new KerasClasses<>("layer", Layer.class, "keras.layers")
      .add("InputLayer", InputLayer.class, InputLayer::fromConfig)
      .add("Dense", Dense.class, Dense::fromConfig)
      .add("Dropout", Dropout.class, Dropout::fromConfig)
      .add("Flatten", Flatten.class, Flatten::fromConfig)
      .add("Add", keras4j.layers.Add.class, keras4j.layers.Add::fromConfig)
      .add("Subtract", keras4j.layers.Subtract.class, keras4j.layers.Subtract::fromConfig)
      .add("Multiply", keras4j.layers.Multiply.class, keras4j.layers.Multiply::fromConfig)
      .add("Average", keras4j.layers.Average.class, keras4j.layers.Average::fromConfig)
      .add("Maximum", keras4j.layers.Maximum.class, keras4j.layers.Maximum::fromConfig)
      .add("Minimum", keras4j.layers.Minimum.class, keras4j.layers.Minimum::fromConfig)
      .add("Concatenate", keras4j.layers.Concatenate.class, keras4j.layers.Concatenate::fromConfig)
      .add("Dot", keras4j.layers.Dot.class, keras4j.layers.Dot::fromConfig)
      .add("Activation", Activation.class, Activation::fromConfig)
      .add("LeakyReLU", LeakyReLU.class, LeakyReLU::fromConfig)
      .add("ReLU", ReLU.class, ReLU::fromConfig)
      .add("Softmax", Softmax.class, Softmax::fromConfig)
      .add("Conv1D", Conv1D.class, Conv1D::fromConfig)
      .add("Conv2D", Conv2D.class, Conv2D::fromConfig)
      .add("Conv1DTranspose", Conv1DTranspose.class, Conv1DTranspose::fromConfig)
      .add("Conv2DTranspose", Conv2DTranspose.class, Conv2DTranspose::fromConfig)
      .add("Conv3D", Conv3D.class, Conv3D::fromConfig)
      .add("DepthwiseConv1D", DepthwiseConv1D.class, DepthwiseConv1D::fromConfig)
      .add("DepthwiseConv2D", DepthwiseConv2D.class, DepthwiseConv2D::fromConfig)
      .add("SeparableConv1D", SeparableConv1D.class, SeparableConv1D::fromConfig)
      .add("SeparableConv2D", SeparableConv2D.class, SeparableConv2D::fromConfig)
      .add("MaxPooling1D", MaxPooling1D.class, MaxPooling1D::fromConfig)
      .add("MaxPooling2D", MaxPooling2D.class, MaxPooling2D::fromConfig)
      .add("MaxPooling3D", MaxPooling3D.class, MaxPooling3D::fromConfig)
      .add("AveragePooling1D", AveragePooling1D.class, AveragePooling1D::fromConfig)
      .add("AveragePooling2D", AveragePooling2D.class, AveragePooling2D::fromConfig)
      .add("AveragePooling3D", AveragePooling3D.class, AveragePooling3D::fromConfig)
      .add("BatchNormalization", BatchNormalization.class, BatchNormalization::fromConfig)
      .add("Normalization", Normalization.class, Normalization::fromConfig)
      .add("GlobalAveragePooling2D", GlobalAveragePooling2D.class, GlobalAveragePooling2D::fromConfig)
      .add("GlobalMaxPooling2D", GlobalMaxPooling2D.class, GlobalMaxPooling2D::fromConfig)
      .add("GlobalAveragePooling1D", GlobalAveragePooling1D.class, GlobalAveragePooling1D::fromConfig)
      .add("GlobalMaxPooling1D", GlobalMaxPooling1D.class, GlobalMaxPooling1D::fromConfig)
      .add("ZeroPadding2D", ZeroPadding2D.class, ZeroPadding2D::fromConfig)
      .add("Cropping2D", Cropping2D.class, Cropping2D::fromConfig)
      .add("UpSampling2D", UpSampling2D.class, UpSampling2D::fromConfig)
      .add("Reshape", Reshape.class, Reshape::fromConfig)
      .add("Permute", Permute.class, Permute::fromConfig)
      .add("RepeatVector", RepeatVector.class, RepeatVector::fromConfig)
      .add("Rescaling", Rescaling.class, Rescaling::fromConfig)
      .add("LayerNormalization", LayerNormalization.class, LayerNormalization::fromConfig)
      .add("PReLU", PReLU.class, PReLU::fromConfig)
      // tf.keras's; Keras 3 lacks it, so its files name it as Keras names a user's class, which
      // a Keras 3 user with tf.keras's layer (custom_objects) loads.
      .add("RandomFourierFeatures", RandomFourierFeatures.class, RandomFourierFeatures::fromConfig,
          "keras.layers", "RandomFourierFeatures")
      .add("ELU", ELU.class, ELU::fromConfig)
      .add("RandomFlip", RandomFlip.class, RandomFlip::fromConfig)
      .add("RandomRotation", RandomRotation.class, RandomRotation::fromConfig)
      .add("RandomZoom", RandomZoom.class, RandomZoom::fromConfig)
      .add("RandomTranslation", RandomTranslation.class, RandomTranslation::fromConfig)
      .add("RandomContrast", RandomContrast.class, RandomContrast::fromConfig)
      .add("RandomCrop", RandomCrop.class, RandomCrop::fromConfig)
      .add("Resizing", Resizing.class, Resizing::fromConfig)
      .add("CenterCrop", CenterCrop.class, CenterCrop::fromConfig)
      .add("Embedding", Embedding.class, Embedding::fromConfig)
      .add("StringLookup", StringLookup.class, StringLookup::fromConfig)
      .add("IntegerLookup", IntegerLookup.class, IntegerLookup::fromConfig)
      .add("TextVectorization", TextVectorization.class, TextVectorization::fromConfig)
      .add("Masking", Masking.class, Masking::fromConfig)
      .add("SimpleRNN", SimpleRNN.class, SimpleRNN::fromConfig)
      .add("LSTM", LSTM.class, LSTM::fromConfig)
      .add("GRU", GRU.class, GRU::fromConfig)
      .add("Bidirectional", Bidirectional.class,
          c -> Bidirectional.fromConfig(c, BuiltinClasses::layer))
      .add("TimeDistributed", TimeDistributed.class,
          c -> TimeDistributed.fromConfig(c, BuiltinClasses::layer))
      .add("Attention", keras4j.layers.Attention.class, keras4j.layers.Attention::fromConfig)
      .add("AdditiveAttention", keras4j.layers.AdditiveAttention.class,
          keras4j.layers.AdditiveAttention::fromConfig)
      .add("MultiHeadAttention", keras4j.layers.MultiHeadAttention.class,
          keras4j.layers.MultiHeadAttention::fromConfig)
      .add("EinsumDense", keras4j.layers.EinsumDense.class, keras4j.layers.EinsumDense::fromConfig)
      .refuse("Lambda", "Lambda layers hold Python code, which keras4j never runs. Replace the"
          + " Lambda with built-in layers before saving in Python")
      .add("Sequential", Sequential.class, Sequential::fromConfig, "keras", null)
      .add("Functional", Model.class, Model::fromConfig, "keras.src.models.functional",
          "Functional")
      .add("Model", Model.class, Model::fromConfig);

  /** The models a file holds. Keras 3 writes functional models as {@code Functional}. */
  static final KerasClasses<Model> MODELS = new KerasClasses<>("model", Model.class, "keras")
      .add("Sequential", Sequential.class, Sequential::fromConfig)
      .add("Functional", Model.class, Model::fromConfig, "keras.src.models.functional",
          "Functional")
      .add("Model", Model.class, Model::fromConfig);

  /** The optimizers of a compile config. */
  static final KerasClasses<Optimizer> OPTIMIZERS =
      new KerasClasses<>("optimizer", Optimizer.class, "keras.optimizers")
          .add("Adam", Adam.class, Adam::fromConfig)
          .add("AdamW", AdamW.class, AdamW::fromConfig)
          .add("SGD", SGD.class, SGD::fromConfig)
          .add("RMSprop", RMSprop.class, RMSprop::fromConfig)
          .add("Adagrad", Adagrad.class, Adagrad::fromConfig)
          .add("Adadelta", Adadelta.class, Adadelta::fromConfig)
          .add("Adamax", Adamax.class, Adamax::fromConfig)
          .add("Nadam", Nadam.class, Nadam::fromConfig)
          .add("Lion", Lion.class, Lion::fromConfig)
          .add("Ftrl", Ftrl.class, Ftrl::fromConfig)
          .add("Adafactor", Adafactor.class, Adafactor::fromConfig)
          .add("LossScaleOptimizer", LossScaleOptimizer.class, BuiltinClasses::lossScaleOptimizer)
          .add("Lamb", Lamb.class, Lamb::fromConfig);

  /** Keras's {@code LossScaleOptimizer.from_config}: the inner optimizer, then the scaling. */
  private static LossScaleOptimizer lossScaleOptimizer(ConfigReader config) {
    return new LossScaleOptimizer(OPTIMIZERS.deserialize(config.object("inner_optimizer")),
        new Kwarg("name", config.string("name", "loss_scale_optimizer")),
        new Kwarg("initial_scale", config.doubleValue("initial_scale", Math.pow(2, 15))),
        new Kwarg("dynamic_growth_steps", config.doubleValue("dynamic_growth_steps", 2000)));
  }

  private BuiltinClasses() {}

  /** The losses of a compile config written as objects, each read by its {@code fromConfig}. */
  static final KerasClasses<Loss> LOSSES = new KerasClasses<>("loss", Loss.class, "keras.losses")
      .add("BinaryCrossentropy", BinaryCrossentropy.class, BinaryCrossentropy::fromConfig)
      .add("CategoricalCrossentropy", CategoricalCrossentropy.class, CategoricalCrossentropy::fromConfig)
      .add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy.class, SparseCategoricalCrossentropy::fromConfig)
      .add("MeanSquaredError", MeanSquaredError.class, MeanSquaredError::fromConfig)
      .add("MeanAbsoluteError", MeanAbsoluteError.class, MeanAbsoluteError::fromConfig)
      .add("Huber", Huber.class, Huber::fromConfig)
      .add("Hinge", Hinge.class, Hinge::fromConfig)
      .add("KLDivergence", KLDivergence.class, KLDivergence::fromConfig)
      .add("MeanAbsolutePercentageError", MeanAbsolutePercentageError.class, MeanAbsolutePercentageError::fromConfig)
      .add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError.class, MeanSquaredLogarithmicError::fromConfig)
      .add("SquaredHinge", SquaredHinge.class, SquaredHinge::fromConfig)
      .add("CategoricalHinge", CategoricalHinge.class, CategoricalHinge::fromConfig)
      .add("LogCosh", LogCosh.class, LogCosh::fromConfig)
      .add("Poisson", Poisson.class, Poisson::fromConfig)
      .add("CosineSimilarity", CosineSimilarity.class, CosineSimilarity::fromConfig)
      .add("BinaryFocalCrossentropy", BinaryFocalCrossentropy.class, BinaryFocalCrossentropy::fromConfig)
      .add("CategoricalFocalCrossentropy", CategoricalFocalCrossentropy.class, CategoricalFocalCrossentropy::fromConfig)
      .add("Dice", Dice.class, Dice::fromConfig)
      .add("Tversky", Tversky.class, Tversky::fromConfig);

  /** The layer a nested entry describes (a wrapper's layer), from {@link #LAYERS}. */
  private static Layer layer(ConfigReader entry) {
    return LAYERS.deserialize(entry);
  }

  /** A layer's serialized entry, with its {@code build_config} once built. */
  static Map<String, Object> serialize(Layer layer) {
    Map<String, Object> entry = LAYERS.serialize(layer, layer.getConfig());
    if (layer instanceof Model model && model.graph() != null) {
      // As Keras: a functional model rebuilds from its own inputs, not from a build shape.
      Map<String, Object> build = new java.util.HashMap<>();
      build.put("input_shape", null);
      entry.put("build_config", build);
    } else if (layer.builtInputShapes() != null && layer.positionalInputs() != null) {
      // As Keras's build config of a layer whose build takes shapes by name (query_shape, ...).
      Map<String, Object> shapes = new java.util.LinkedHashMap<>();
      for (int i = 0; i < layer.builtInputShapes().size(); i++) {
        shapes.put(layer.positionalInputs().get(i) + "_shape",
            shapeList(layer.builtInputShapes().get(i)));
      }
      entry.put("build_config", Map.of("shapes_dict", shapes));
    } else if (layer.builtInputShapes() != null && !(layer instanceof InputLayer)) {
      List<Shape> shapes = layer.builtInputShapes();
      // A layer called on a list (a merge) records the list of shapes.
      Object input = shapes.size() == 1 ? shapeList(shapes.get(0))
          : shapes.stream().map(BuiltinClasses::shapeList).toList();
      entry.put("build_config", Map.of("input_shape", input));
    }
    return entry;
  }

  /** A shape as Keras writes it: a list with null for unknown dimensions. */
  static List<Object> shapeList(Shape shape) {
    List<Object> out = new ArrayList<>();
    for (long d : shape.asArray()) {
      out.add(d < 0 ? null : d);
    }
    return out;
  }
}
