package consumer.modular;

import static consumer.modular.Main.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.Keras;
import keras4j.callbacks.Callback;
import keras4j.core.KerasTensor;
import keras4j.core.LayerArg;
import keras4j.core.Variable;
import keras4j.layers.Dense;
import keras4j.layers.Layer;
import keras4j.losses.Loss;
import keras4j.metrics.Mean;
import keras4j.metrics.Metric;
import keras4j.models.Model;
import keras4j.models.Sequential;
import keras4j.ops.Ops;
import keras4j.optimizers.SGD;
import keras4j.saving.ConfigReader;
import keras4j.saving.ObjectRegistration;
import keras4j.tf.GradientTape;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * keras4j's extension points used from another module, as a Keras user writes them: a Layer with
 * its own weight and config, a Loss, a Metric, a Callback and a model overriding trainStep. The
 * model trains with fit, is saved, and loads again through the registry.
 */
final class Extensions {
  private Extensions() {}

  /** {@code x * scale}, one trainable scale per feature, starting at {@code initial}. */
  static final class Scale extends Layer {
    private final double initial;
    private Variable scale;

    Scale(double initial, LayerArg... args) {
      super(args);
      this.initial = initial;
    }

    public static Scale fromConfig(ConfigReader config) {
      return new Scale(config.doubleValue("initial", 1), Keras.name(config.string("name")));
    }

    @Override
    protected void build(Shape inputShape) {
      FloatNdArray start = NdArrays.ofFloats(Shape.of(inputShape.get(1)));
      start.scalars().forEach(s -> s.setFloat((float) initial));
      scale = addWeight("scale", start, true, null);
    }

    @Override
    protected KerasTensor call(KerasTensor inputs, boolean training) {
      return Ops.multiply(inputs, scale);
    }

    @Override
    public Map<String, Object> getConfig() {
      Map<String, Object> config = super.getConfig();
      config.put("initial", initial);
      return config;
    }
  }

  /** Half the mean squared error. */
  static final class HalfMse extends Loss {
    HalfMse() {
      super("half_mse");
    }

    @Override
    public KerasTensor call(KerasTensor yTrue, KerasTensor yPred) {
      return Ops.multiply(Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1), 0.5);
    }
  }

  /** The largest absolute error seen since the last reset. */
  static final class MaxAbsoluteError extends Metric {
    private final Variable largest = addVariable("largest", Shape.scalar(), 0);

    MaxAbsoluteError() {
      super("max_abs_error");
    }

    @Override
    public void updateState(KerasTensor yTrue, KerasTensor yPred, KerasTensor sampleWeight) {
      KerasTensor batchMax = Ops.max(Ops.reshape(Ops.abs(Ops.subtract(yTrue, yPred)), -1), 0);
      largest.assign(Ops.maximum(largest, batchMax));
    }

    @Override
    public KerasTensor result() {
      return largest.value();
    }

    @Override
    public String direction() {
      return "down";
    }
  }

  /** Records each epoch's logs. */
  static final class Recorder extends Callback {
    final List<Map<String, Double>> epochs = new ArrayList<>();

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      epochs.add(Map.copyOf(logs));
    }
  }

  /** A regression model whose training step adds 0.01 * mean(prediction^2) to the loss. */
  static final class Penalized extends Sequential {
    Penalized(Layer... layers) {
      super(layers);
    }

    public static Penalized fromConfig(ConfigReader config) {
      return new Penalized(Sequential.fromConfig(config).layers().toArray(Layer[]::new));
    }

    @Override
    public Map<String, KerasTensor> trainStep(KerasTensor x, KerasTensor y) {
      GradientTape tape = new GradientTape();
      KerasTensor yPred;
      KerasTensor loss;
      try (tape) {
        yPred = apply(x, true);
        loss = Ops.add(computeLoss(x, y, yPred), Ops.multiply(Ops.mean(Ops.square(yPred)), 0.01));
      }
      List<Variable> weights = trainableVariables();
      optimizer().applyGradients(tape.gradient(loss, weights), weights);
      // As Keras's "customizing what happens in fit" guide: the step updates the metrics itself.
      Map<String, KerasTensor> logs = new LinkedHashMap<>();
      for (Metric metric : metrics()) {
        if (metric instanceof Mean tracker && metric.name().equals("loss")) {
          tracker.updateState(loss, null);
        } else {
          metric.updateState(y, yPred, null);
        }
        logs.put(metric.name(), metric.result());
      }
      logs.put("penalized_loss", loss);
      return logs;
    }
  }

  /** Fits y = 2a - b + 1 with every extension, saves, loads through the registry, predicts. */
  static void trainSaveLoad() {
    ObjectRegistration.registerKerasSerializable("consumer", Scale.class, Scale::fromConfig);
    ObjectRegistration.registerKerasSerializable(
        "consumer", Penalized.class, Penalized::fromConfig);
    float[][] x = new float[64][2];
    float[][] y = new float[64][1];
    for (int i = 0; i < 64; i++) {
      x[i][0] = (i % 8) / 4f - 1;
      x[i][1] = (i / 8) / 4f - 1;
      y[i][0] = 2 * x[i][0] - x[i][1] + 1;
    }
    Recorder recorder = new Recorder();
    Path file = Path.of("extensions.keras");
    FloatNdArray trained;
    try (var model = new Penalized(new Scale(0.5, Keras.inputShape(2)), new Dense(1))) {
      model.compile(Keras.optimizer(new SGD(0.2)), Keras.loss(new HalfMse()),
          Keras.metrics(new MaxAbsoluteError()));
      model.fit(x, y, Keras.epochs(60), Keras.batchSize(16), Keras.verbose(0),
          Keras.callbacks(recorder));
      check(recorder.epochs.size() == 60, recorder.epochs.size() + " epochs recorded, not 60");
      Map<String, Double> first = recorder.epochs.get(0);
      Map<String, Double> last = recorder.epochs.get(59);
      check(last.keySet().containsAll(List.of("loss", "max_abs_error", "penalized_loss")),
          "logs " + last.keySet());
      check(last.get("loss") < first.get("loss") / 10,
          "loss " + first.get("loss") + " -> " + last.get("loss") + " should fall tenfold");
      check(last.get("penalized_loss") > 0 && last.get("max_abs_error") > 0, "last logs " + last);
      trained = model.predict(x);
      float[][] p = StdArrays.array2dCopyOf(trained);
      check(Math.abs(p[63][0] - y[63][0]) < 0.3f, "prediction " + p[63][0] + " for " + y[63][0]);
      model.save(file);
    }
    try (Model loaded = Model.load(file)) {
      check(loaded instanceof Penalized, "the model loads as " + loaded);
      check(loaded.layers().get(0) instanceof Scale, "the first layer loads as " + loaded.layers());
      Main.samePredictions(trained, loaded.predict(x));
    }
  }
}
