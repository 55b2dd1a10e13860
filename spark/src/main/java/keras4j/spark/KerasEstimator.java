package keras4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keras4j.callbacks.Callback;
import keras4j.models.Model;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

/**
 * A Spark ML {@link Estimator} that trains a compiled keras4j model data-parallel by synchronous
 * parameter averaging (as DL4J's and Elephas's synchronous modes): in each of {@code rounds}
 * rounds every partition trains a copy of the model on its rows from the driver's current
 * weights for {@code localEpochs} epochs, and the driver averages the copies' weights, weighted by
 * their row counts. {@link #fit} returns the {@link KerasModelTransformer} of the averaged model.
 *
 * <pre>{@code
 * model.compile(optimizer("adam"), loss("binary_crossentropy"), metrics("accuracy"));
 * KerasModelTransformer scorer = new KerasEstimator().setModel(model)
 *     .setFeaturesCol("features").setLabelCol("label").setRounds(10).setLocalEpochs(1)
 *     .fit(train);
 * }</pre>
 *
 * <p>Features come as {@link KerasModelTransformer} takes them ({@code array<float>}, {@code
 * array<double>} or a vector of the input's size); the label is a numeric column (a class index
 * or a 0/1 target, as Keras's sparse and binary losses take it, read as a float). The
 * partitions are read from Spark's internal rows (a batch DataFrame of a classic session, not a
 * streaming or Spark Connect one) into flat float arrays, cached for the rounds. With plain
 * SGD and one batch per partition a round is exactly one full-batch step on all rows.
 *
 * <p><b>Failures.</b> Each partition shuffles its rows from {@code seed}, the round and the
 * partition, so a task Spark retries returns what the first attempt would have, and the averaged
 * weights are those of a failure-free run bit for bit (given the partitions' rows in the same
 * order, as a cached or parallelized DataFrame gives them; layers that draw random numbers while
 * training, such as Dropout, are not reproduced).
 *
 * <p><b>Optimizer state</b> (Adam's moments, the iteration count, hence a learning-rate
 * schedule's step) is not averaged nor carried between rounds: every partition's copy starts
 * each round from the optimizer state of the model as given to {@link #setModel} (fresh, for a
 * model compiled and not yet trained), and only the weights are averaged. The fitted model
 * carries that same initial optimizer state. So prefer several local epochs per round to many
 * short rounds with an adaptive optimizer, whose first steps after a reset are its largest.
 *
 * <p><b>Logs.</b> {@link #history()} and the driver's {@linkplain #setCallbacks callbacks} get
 * each round's logs averaged over the partitions by row count: {@code loss} and the compiled
 * metrics of each partition's last local epoch, then, if {@linkplain #setValidationData
 * validation data} is set, {@code val_loss} and {@code val_<metric>} of the averaged model on it
 * (exact for means such as loss and accuracy; a metric that is not a mean of rows, such as AUC,
 * is the partitions' row-weighted mean).
 *
 * <p><b>Persistence.</b> {@link #write()} saves the parameters as Spark ML's default metadata
 * and the initial model file as {@code model/model.keras} in the stage directory, so an unfitted
 * {@code Pipeline} holding this stage saves whole; callbacks and validation data are not saved.
 */
public final class KerasEstimator extends Estimator<KerasModelTransformer>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final IntParam rounds;
  private final IntParam localEpochs;
  private final IntParam batchSize;
  private final LongParam seed;
  private final Param<String> validationIndicatorCol;
  private byte[] modelBytes;
  private transient Map<String, List<Double>> history = Map.of();
  private transient List<Callback> callbacks = List.of();
  private transient Dataset<?> validationData;

  /** An estimator with a random uid; set the model before fitting. */
  public KerasEstimator() {
    this(Identifiable.randomUID("KerasEstimator"));
  }

  /**
   * An estimator of the given uid (Spark ML's convention).
   *
   * @param uid the stage's unique id
   */
  public KerasEstimator(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "the features column");
    labelCol = new Param<>(this, "labelCol", "the numeric label column");
    predictionCol = new Param<>(this, "predictionCol", "the fitted transformer's output column");
    rounds = new IntParam(this, "rounds", "averaging rounds (> 0)", ParamValidators.<Object>gt(0));
    localEpochs = new IntParam(this, "localEpochs",
        "epochs each partition trains per round (> 0)", ParamValidators.<Object>gt(0));
    batchSize = new IntParam(this, "batchSize", "rows per training step (> 0)",
        ParamValidators.<Object>gt(0));
    seed = new LongParam(this, "seed", "seeds each partition's shuffling, with the round");
    validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "boolean column:"
        + " rows where it is true are the validation set, the others train (not set: none)");
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(rounds, 10);
    setDefault(localEpochs, 1);
    setDefault(batchSize, 32);
    setDefault(seed, (long) KerasEstimator.class.getName().hashCode());
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the features column parameter (default "features") */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** @return the label column parameter (default "label") */
  public Param<String> labelCol() {
    return labelCol;
  }

  /** @return the fitted transformer's output column parameter (default "prediction") */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** @return the rounds parameter: how many times the driver averages (default 10) */
  public IntParam rounds() {
    return rounds;
  }

  /** @return the local epochs parameter: epochs per partition per round (default 1) */
  public IntParam localEpochs() {
    return localEpochs;
  }

  /** @return the batch size parameter: rows per training step (default 32, Keras's) */
  public IntParam batchSize() {
    return batchSize;
  }

  /** @return the seed parameter (default: the class name's hash, as Spark ML's stages) */
  public LongParam seed() {
    return seed;
  }

  /**
   * @return the validation indicator column parameter (Spark ML's {@code
   *     validationIndicatorCol}; not set by default)
   */
  public Param<String> validationIndicatorCol() {
    return validationIndicatorCol;
  }

  /**
   * Sets the features column.
   *
   * @param column an {@code array<float>}, {@code array<double>} or vector column
   * @return this estimator
   */
  public KerasEstimator setFeaturesCol(String column) {
    set(featuresCol, column);
    return this;
  }

  /**
   * Sets the label column.
   *
   * @param column a numeric column
   * @return this estimator
   */
  public KerasEstimator setLabelCol(String column) {
    set(labelCol, column);
    return this;
  }

  /**
   * Sets the fitted transformer's output column.
   *
   * @param column the new {@code array<float>} column
   * @return this estimator
   */
  public KerasEstimator setPredictionCol(String column) {
    set(predictionCol, column);
    return this;
  }

  /**
   * Sets how many averaging rounds {@link #fit} runs.
   *
   * @param count rounds, positive
   * @return this estimator
   */
  public KerasEstimator setRounds(int count) {
    set(rounds, count);
    return this;
  }

  /**
   * Sets how many epochs each partition trains per round.
   *
   * @param epochs epochs, positive
   * @return this estimator
   */
  public KerasEstimator setLocalEpochs(int epochs) {
    set(localEpochs, epochs);
    return this;
  }

  /**
   * Sets the rows per training step.
   *
   * @param rows rows per step, positive
   * @return this estimator
   */
  public KerasEstimator setBatchSize(int rows) {
    set(batchSize, rows);
    return this;
  }

  /**
   * Sets the seed of the partitions' shuffling: with the round and the partition it fixes the
   * batches every local epoch draws, so that a retried task returns the same weights.
   *
   * @param value the seed
   * @return this estimator
   */
  public KerasEstimator setSeed(long value) {
    set(seed, value);
    return this;
  }

  /**
   * Sets a boolean column that splits the fitted DataFrame as Spark ML's {@code
   * validationIndicatorCol} does: rows where it is true are the validation set (evaluated as
   * {@link #setValidationData} rows are), the others train. Unlike separate validation data, the
   * flagged rows pass through a {@code Pipeline}'s earlier stages with the training rows.
   *
   * @param column a boolean column (rows where it is null are in neither set, as in Spark ML)
   * @return this estimator
   */
  public KerasEstimator setValidationIndicatorCol(String column) {
    set(validationIndicatorCol, column);
    return this;
  }

  /**
   * Sets the model to train: a compiled keras4j model as it is now (its weights are the first
   * round's starting point).
   *
   * @param model a compiled model; later changes to it are not seen
   * @return this estimator
   */
  public KerasEstimator setModel(Model model) {
    modelBytes = ModelBytes.of(model);
    return this;
  }

  /**
   * Sets the model to train as the bytes of a {@code .keras} file saved compiled.
   *
   * @param bytes the file's contents
   * @return this estimator
   */
  public KerasEstimator setModelBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("model bytes are empty: give a compiled .keras file's");
    }
    modelBytes = bytes.clone();
    return this;
  }

  /**
   * Sets callbacks that run on the driver: {@code onTrainBegin}, then {@code onEpochEnd(round,
   * logs)} after each round with that round's averaged logs, then {@code onTrainEnd}. They are
   * not saved with the estimator.
   *
   * @param list the callbacks, in call order
   * @return this estimator
   */
  public KerasEstimator setCallbacks(Callback... list) {
    callbacks = List.of(list);
    return this;
  }

  /**
   * Sets rows on which the averaged model is evaluated after each round (Keras's {@code
   * validation_data}): {@code val_loss} and {@code val_<metric>} join the round's logs. They need
   * the features and label columns as the estimator sees them: in a {@code Pipeline}, transform
   * them with the fitted feature stages first, or flag rows of the fitted DataFrame with {@link
   * #setValidationIndicatorCol} instead. Not saved with the estimator.
   *
   * @param rows the validation rows, or null for none
   * @return this estimator
   */
  public KerasEstimator setValidationData(Dataset<?> rows) {
    validationData = rows;
    return this;
  }

  /**
   * The initial model's file: what {@link #setModel} saved or {@link #setModelBytes} was given.
   *
   * @return the {@code .keras} file's bytes
   * @throws IllegalStateException if no model was set
   */
  public byte[] getModelBytes() {
    if (modelBytes == null) {
      throw new IllegalStateException("no model: call setModel or setModelBytes first");
    }
    return modelBytes.clone();
  }

  /**
   * The logs of the last {@link #fit}, one value per round, averaged by row count: {@code loss}
   * and the compiled metrics of each partition's last local epoch, then the {@code val_} ones.
   *
   * @return the logs by name, in round order
   */
  public Map<String, List<Double>> history() {
    return history;
  }

  @Override
  public KerasModelTransformer fit(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema());
    if (modelBytes == null) {
      throw new IllegalStateException("no model: call setModel or setModelBytes before fit");
    }
    Dataset<?> training = dataset;
    Dataset<?> validating = validationData;
    if (isDefined(validationIndicatorCol)) {
      Column flag = functions.col($(validationIndicatorCol));
      training = dataset.where(functions.not(flag));
      validating = dataset.where(flag);
    }
    JavaRDD<LabeledRows> rows = null;
    JavaRDD<LabeledRows> validationRows = null;
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
    Broadcast<byte[]> bytes = spark.broadcast(modelBytes);
    try (Model model = ModelBytes.load(modelBytes)) {
      if (model.optimizer() == null) {
        throw new IllegalArgumentException("model '" + model.name() + "' is not compiled;"
            + " compile it (optimizer, loss) before giving it to KerasEstimator");
      }
      ModelInput features = ModelInput.of($(featuresCol), 0,
          schema.apply($(featuresCol)).dataType(), model.inputShape());
      rows = labeledRows(training, features);
      if (validating != null) {
        checkColumns(validating.schema(), "validation ");
        validationRows = labeledRows(validating, ModelInput.of($(featuresCol), 0,
            validating.schema().apply($(featuresCol)).dataType(), model.inputShape()));
      }
      String modelId = ExecutorModels.idOf(modelBytes);
      List<long[]> shapes = ModelBytes.shapes(model.getWeights());
      List<float[]> weights = ModelBytes.flatten(model.getWeights());
      Map<String, List<Double>> logs = new LinkedHashMap<>();
      callbacks.forEach(callback -> callback.onTrainBegin(Map.of()));
      for (int round = 0; round < (Integer) $(rounds); round++) {
        Broadcast<List<float[]>> current = spark.broadcast(weights);
        List<PartitionResult> results = rows.mapPartitions(new PartitionTrainer(
            bytes, modelId, current, shapes, (Integer) $(localEpochs),
            (Integer) $(batchSize), (Long) $(seed), round)).collect();
        current.destroy();
        if (results.isEmpty()) {
          throw new IllegalArgumentException("the training DataFrame has no rows" + flagged(false));
        }
        weights = average(results);
        Map<String, Double> roundLogs = averageLogs(results);
        if (validationRows != null) {
          Broadcast<List<float[]>> averaged = spark.broadcast(weights);
          List<PartitionResult> validation = validationRows.mapPartitions(new PartitionEvaluator(
              bytes, modelId, averaged, shapes, (Integer) $(batchSize))).collect();
          averaged.destroy();
          if (validation.isEmpty()) {
            throw new IllegalArgumentException(
                "the validation DataFrame has no rows" + flagged(true));
          }
          averageLogs(validation).forEach((name, value) -> roundLogs.put("val_" + name, value));
        }
        roundLogs.forEach(
            (name, value) -> logs.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
        int done = round;
        callbacks.forEach(callback -> callback.onEpochEnd(done, Map.copyOf(roundLogs)));
      }
      callbacks.forEach(callback -> callback.onTrainEnd(Map.of()));
      history = logs;
      model.setWeights(ModelBytes.unflatten(weights, shapes));
      KerasModelTransformer fitted = new KerasModelTransformer(uid)
          .setModel(model).setInputCol($(featuresCol)).setOutputCol($(predictionCol));
      return fitted.setParent(this);
    } finally {
      bytes.destroy();
      if (rows != null) {
        rows.unpersist(false);
      }
      if (validationRows != null) {
        validationRows.unpersist(false);
      }
    }
  }

  /** Says, for an error message, which rows the validation indicator selected, if it is set. */
  private String flagged(boolean value) {
    return isDefined(validationIndicatorCol)
        ? " where '" + $(validationIndicatorCol) + "' is " + value : "";
  }

  /**
   * The (features, label) rows of {@code dataset}, one {@link LabeledRows} per partition, cached
   * for the rounds: rows are converted once, not every round, and the cache holds flat float
   * arrays rather than rows of boxed numbers.
   */
  private JavaRDD<LabeledRows> labeledRows(Dataset<?> dataset, ModelInput features) {
    String label = $(labelCol);
    Dataset<Row> columns = dataset.toDF()
        .select(functions.col($(featuresCol)), functions.col(label).cast(DataTypes.FloatType));
    return InternalRows.of(columns, "KerasEstimator")
        .mapPartitions(partition -> List.of(LabeledRows.read(partition, features, label))
            .iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The partitions' weights averaged by their row counts. */
  private static List<float[]> average(List<PartitionResult> results) {
    long total = results.stream().mapToLong(PartitionResult::rows).sum();
    List<float[]> mean = new ArrayList<>();
    for (int w = 0; w < results.get(0).weights().size(); w++) {
      double[] sum = new double[results.get(0).weights().get(w).length];
      for (PartitionResult result : results) {
        float[] values = result.weights().get(w);
        for (int i = 0; i < sum.length; i++) {
          sum[i] += (double) result.rows() * values[i];
        }
      }
      float[] averaged = new float[sum.length];
      for (int i = 0; i < sum.length; i++) {
        averaged[i] = (float) (sum[i] / total);
      }
      mean.add(averaged);
    }
    return mean;
  }

  private static Map<String, Double> averageLogs(List<PartitionResult> results) {
    long total = results.stream().mapToLong(PartitionResult::rows).sum();
    Map<String, Double> mean = new LinkedHashMap<>();
    for (String name : results.get(0).logs().keySet()) {
      mean.put(name, results.stream()
          .mapToDouble(result -> result.rows() * result.logs().get(name)).sum() / total);
    }
    return mean;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    checkColumns(schema, "");
    List<String> names = Arrays.asList(schema.fieldNames());
    if (isDefined(validationIndicatorCol)) {
      checkIndicator(schema, names);
    }
    if (names.contains($(predictionCol))) {
      throw new IllegalArgumentException("prediction column '" + $(predictionCol)
          + "' is already in the DataFrame; choose another predictionCol");
    }
    return schema.add(new StructField($(predictionCol),
        DataTypes.createArrayType(DataTypes.FloatType, false), false,
        org.apache.spark.sql.types.Metadata.empty()));
  }

  /** Checks the validation indicator column: boolean, and not beside separate validation data. */
  private void checkIndicator(StructType schema, List<String> names) {
    String column = $(validationIndicatorCol);
    if (!names.contains(column)) {
      throw new IllegalArgumentException("validation indicator column '" + column
          + "' is not in the DataFrame; its columns are " + names);
    }
    if (!schema.apply(column).dataType().equals(DataTypes.BooleanType)) {
      throw new IllegalArgumentException("validation indicator column '" + column + "' is "
          + schema.apply(column).dataType().simpleString() + "; it must be boolean (true for"
          + " validation rows)");
    }
    if (validationData != null) {
      throw new IllegalArgumentException("both validationIndicatorCol '" + column + "' and"
          + " validation data are set; give the validation rows one way only");
    }
  }

  /** Checks that {@code schema} has the features column and a numeric label column. */
  private void checkColumns(StructType schema, String which) {
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String column : List.of($(featuresCol), $(labelCol))) {
      if (!names.contains(column)) {
        throw new IllegalArgumentException("column '" + column + "' is not in the " + which
            + "DataFrame; its columns are " + names);
      }
    }
    if (!(schema.apply($(labelCol)).dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("label column '" + $(labelCol) + "' is "
          + schema.apply($(labelCol)).dataType().simpleString() + "; KerasEstimator takes a"
          + " numeric label (a class index or a 0/1 target)");
    }
  }

  @Override
  public KerasEstimator copy(ParamMap extra) {
    KerasEstimator copy = copyValues(new KerasEstimator(uid), extra);
    copy.modelBytes = modelBytes;
    copy.callbacks = callbacks;
    copy.validationData = validationData;
    return copy;
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /**
   * Spark ML's reader of saved estimators.
   *
   * @return a reader for {@link #write()}'s directories
   */
  public static MLReader<KerasEstimator> read() {
    return new Reader();
  }

  /**
   * Loads an estimator saved by {@code write().save(path)}.
   *
   * @param path the stage directory
   * @return the estimator, with its parameters and initial model (no callbacks or validation data)
   */
  public static KerasEstimator load(String path) {
    return read().load(path);
  }

  /** Saves the parameters as Spark ML's metadata and the initial model file beside them. */
  private static final class Writer extends MLWriter {
    private final KerasEstimator stage;

    Writer(KerasEstimator stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(stage, path, sparkSession());
      ModelBytes.writeToStage(
          path, stage.getModelBytes(), sparkSession().sparkContext().hadoopConfiguration());
    }
  }

  /** Reads what {@link Writer} saved. */
  private static final class Reader extends MLReader<KerasEstimator> {
    @Override
    public KerasEstimator load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(
          path, sparkSession(), KerasEstimator.class.getName());
      KerasEstimator stage = new KerasEstimator(metadata.uid());
      metadata.getAndSetParams(stage, Option.empty());
      stage.modelBytes = ModelBytes.readFromStage(
          path, sparkSession().sparkContext().hadoopConfiguration());
      return stage;
    }
  }
}
