package keras4j.examples;

import static keras4j.Keras.*;
import static keras4j.utils.ArrayOps.divide;
import static keras4j.utils.ArrayOps.reshape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.Keras;
import keras4j.core.KerasTensor;
import keras4j.core.Variable;
import keras4j.layers.Conv2D;
import keras4j.layers.Dense;
import keras4j.layers.Flatten;
import keras4j.layers.LeakyReLU;
import keras4j.layers.MaxPooling2D;
import keras4j.losses.KLDivergence;
import keras4j.losses.Loss;
import keras4j.losses.SparseCategoricalCrossentropy;
import keras4j.metrics.Metric;
import keras4j.metrics.SparseCategoricalAccuracy;
import keras4j.models.Model;
import keras4j.models.Models;
import keras4j.models.Sequential;
import keras4j.ops.Ops;
import keras4j.optimizers.Adam;
import keras4j.optimizers.Optimizer;
import keras4j.tf.GradientTape;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * keras.io's {@code examples/vision/knowledge_distillation.py} ("Knowledge Distillation", Kenneth
 * Borup), ported line for line: a {@code Distiller} model overrides {@code compile}, {@code
 * trainStep} and {@code testStep} to train a small student on a teacher's softened logits as well
 * as on the labels; the student is then compared with a clone of it trained from scratch.
 * Arguments: see {@link GalleryArgs} ({@code fashion} for Fashion-MNIST offline).
 */
public final class KnowledgeDistillation {
  private KnowledgeDistillation() {}

  /** The distiller: a student trained to match a fixed teacher. */
  static final class Distiller extends Model {
    // The original assigns these two crosswise (self.teacher = student); the port does what its
    // text describes.
    private final Model teacher;
    private final Model student;
    private Loss studentLossFn;
    private Loss distillationLossFn;
    private double alpha;
    private double temperature;

    Distiller(Model student, Model teacher) {
      this.teacher = teacher;
      this.student = student;
    }

    /**
     * Configures the distiller.
     *
     * @param optimizer optimizer for the student weights
     * @param metrics metrics for evaluation
     * @param studentLossFn loss between student predictions and ground truth
     * @param distillationLossFn loss between soft student and soft teacher predictions
     * @param alpha weight of studentLossFn, and 1 - alpha of distillationLossFn
     * @param temperature for softening probability distributions: larger is softer
     */
    void compile(Optimizer optimizer, List<Metric> metrics, Loss studentLossFn,
        Loss distillationLossFn, double alpha, double temperature) {
      super.compile(Keras.optimizer(optimizer), Keras.metrics(metrics.toArray()));
      this.studentLossFn = studentLossFn;
      this.distillationLossFn = distillationLossFn;
      this.alpha = alpha;
      this.temperature = temperature;
    }

    @Override
    public KerasTensor call(KerasTensor x) {
      return student.apply(x);
    }

    @Override
    public Map<String, KerasTensor> trainStep(KerasTensor x, KerasTensor y) {
      // Forward pass of teacher
      KerasTensor teacherPredictions = teacher.apply(x, false);

      GradientTape tape = new GradientTape();
      KerasTensor studentPredictions;
      KerasTensor studentLoss;
      KerasTensor distillationLoss;
      KerasTensor loss;
      try (tape) {
        // Forward pass of student
        studentPredictions = student.apply(x, true);

        // Compute losses
        studentLoss = studentLossFn.apply(y, studentPredictions);
        distillationLoss = distillationLossFn.apply(
            Ops.softmax(Ops.divide(teacherPredictions, temperature), 1),
            Ops.softmax(Ops.divide(studentPredictions, temperature), 1));
        loss = Ops.add(Ops.multiply(alpha, studentLoss),
            Ops.multiply(1 - alpha, distillationLoss));
      }

      // Compute gradients and update weights
      List<Variable> trainableVars = student.trainableVariables();
      optimizer().applyGradients(tape.gradient(loss, trainableVars), trainableVars);

      // Update the metrics configured in compile(), and return a map of performance
      Map<String, KerasTensor> results =
          new LinkedHashMap<>(computeMetrics(x, y, studentPredictions));
      results.remove("loss");
      results.put("student_loss", studentLoss);
      results.put("distillation_loss", distillationLoss);
      return results;
    }

    @Override
    public Map<String, KerasTensor> testStep(KerasTensor x, KerasTensor y) {
      // Compute predictions and the loss
      KerasTensor yPrediction = student.apply(x, false);
      KerasTensor studentLoss = studentLossFn.apply(y, yPrediction);

      // Update the metrics, and return a map of performance
      Map<String, KerasTensor> results = new LinkedHashMap<>(computeMetrics(x, y, yPrediction));
      results.remove("loss");
      results.put("student_loss", studentLoss);
      return results;
    }
  }

  /**
   * Runs the script.
   *
   * @param args {@code fashion}, {@code epochs=N}, {@code samples=N} (all optional)
   */
  public static void main(String[] args) {
    run(args);
  }

  /** The script; returns the distilled student's test scores. */
  static Map<String, Double> run(String... args) {
    GalleryArgs options = GalleryArgs.parse(args);
    // Create the teacher
    try (Sequential teacher = new Sequential(List.of(
            new Conv2D(256, new int[] {3, 3}, strides(2, 2), padding("same"),
                inputShape(28, 28, 1)),
            new LeakyReLU(0.2),
            new MaxPooling2D(poolSize(2, 2), strides(1, 1), padding("same")),
            new Conv2D(512, new int[] {3, 3}, strides(2, 2), padding("same")),
            new Flatten(),
            new Dense(10)), name("teacher"));
        // Create the student
        Sequential student = new Sequential(List.of(
            new Conv2D(16, new int[] {3, 3}, strides(2, 2), padding("same"),
                inputShape(28, 28, 1)),
            new LeakyReLU(0.2),
            new MaxPooling2D(poolSize(2, 2), strides(1, 1), padding("same")),
            new Conv2D(32, new int[] {3, 3}, strides(2, 2), padding("same")),
            new Flatten(),
            new Dense(10)), name("student"));
        // Clone student for later comparison
        Model studentScratch = Models.cloneModel(student)) {

      // Prepare the train and test dataset
      int batchSize = 64;
      var data = options.mnist();
      FloatNdArray xTrain = reshape(divide(data.xTrain(), 255.0), -1, 28, 28, 1);
      FloatNdArray xTest = reshape(divide(data.xTest(), 255.0), -1, 28, 28, 1);

      // Train teacher as usual
      teacher.compile(optimizer(new Adam()), loss(new SparseCategoricalCrossentropy(true)),
          metrics(new SparseCategoricalAccuracy("sparse_categorical_accuracy")));
      teacher.fit(xTrain, data.yTrain(), epochs(options.epochs(5)), batchSize(batchSize));
      teacher.evaluate(xTest, data.yTest());

      // Initialize and compile distiller, then distill teacher to student
      try (Distiller distiller = new Distiller(student, teacher)) {
        distiller.compile(new Adam(),
            List.of(new SparseCategoricalAccuracy("sparse_categorical_accuracy")),
            new SparseCategoricalCrossentropy(true), new KLDivergence(), 0.1, 10);
        distiller.fit(xTrain, data.yTrain(), epochs(options.epochs(3)), batchSize(batchSize));

        // Evaluate student on test dataset
        Map<String, Double> distilled = distiller.evaluate(xTest, data.yTest());

        // Train student as done usually, for comparison
        studentScratch.compile(optimizer(new Adam()),
            loss(new SparseCategoricalCrossentropy(true)),
            metrics(new SparseCategoricalAccuracy("sparse_categorical_accuracy")));
        studentScratch.fit(xTrain, data.yTrain(), epochs(options.epochs(3)),
            batchSize(batchSize));
        studentScratch.evaluate(xTest, data.yTest());
        return distilled;
      }
    }
  }
}
