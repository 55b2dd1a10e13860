package keras4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keras4j.models.Model;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.Shape;
import scala.Option;

/**
 * A Spark ML transformer that scores a DataFrame with a keras4j or Keras-written model
 * (a {@code .keras} or legacy {@code .h5} file): each row's input column(s) go through the model
 * and its output(s) come back as {@code array<float>} columns.
 *
 * <pre>{@code
 * KerasModelTransformer scorer = new KerasModelTransformer()
 *     .setModelPath("hdfs:///models/classifier.keras")
 *     .setInputCol("features").setOutputCol("probabilities").setBatchSize(256);
 * Dataset<Row> scored = scorer.transform(df);
 * }</pre>
 *
 * <p><b>Inputs.</b> {@code inputCol} for a model of one input, or {@code inputCols} in the
 * model's input order; each column is {@code array<float>}, {@code array<double>} or an ML
 * {@code Vector} holding the input's values past the batch axis, row-major (784 values for an
 * input of shape {@code (None, 28, 28)}). {@code outputCol} (default {@code "prediction"}) or
 * {@code outputCols} name the outputs, in the model's order.
 *
 * <p><b>Execution.</b> The model file travels to each executor once, as a broadcast variable;
 * each executor JVM loads it once (keyed by the file's SHA-256) and every task there shares it,
 * as keras4j's {@code predict} is thread-safe. Rows are scored {@code batchSize} at a time, one
 * TensorFlow run per batch. In a task, TensorFlow's intra-op pool gets the task's cores
 * ({@code spark.task.cpus}) unless {@code keras4j.utils.Threading} was set, and if no model ran
 * in that JVM before. The driver loads the model too, to check the columns against its inputs.
 * Rows are read and written as Spark holds them ({@code InternalRow}), not as {@code Row}s:
 * hence a batch DataFrame of a classic session; a streaming DataFrame is refused (score each
 * micro-batch in {@code writeStream().foreachBatch}), as is a Spark Connect client's.
 *
 * <p><b>Invalid rows</b> (a null value, a null element, the wrong number of values) fail the job
 * with a message naming the column and the expected shape; {@code handleInvalid} "skip" drops
 * them and "keep" keeps them with null outputs, as Spark's feature stages do.
 *
 * <p><b>Persistence.</b> {@link #write()} saves the parameters as Spark ML's default metadata
 * and the model file as {@code model/model.keras} (or {@code model.h5}) in the stage directory;
 * {@link #load(String)} reads both, so a {@code PipelineModel} holding this stage saves whole.
 * {@link KerasEstimator#fit} returns one of these (a Spark ML {@code Model}, as estimators must).
 */
public final class KerasModelTransformer extends org.apache.spark.ml.Model<KerasModelTransformer>
    implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> inputCol;
  private final StringArrayParam inputCols;
  private final Param<String> outputCol;
  private final StringArrayParam outputCols;
  private final IntParam batchSize;
  private final Param<String> modelPath;
  private final Param<String> handleInvalid;
  private byte[] modelBytes;
  private String modelId;
  private transient Broadcast<byte[]> broadcast;

  /** A transformer with a random uid; set the model and the columns before use. */
  public KerasModelTransformer() {
    this(Identifiable.randomUID("KerasModelTransformer"));
  }

  /**
   * A transformer of the given uid (Spark ML's convention, used when loading).
   *
   * @param uid the stage's unique id
   */
  public KerasModelTransformer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "the input column, for a model of one input");
    inputCols = new StringArrayParam(this, "inputCols", "the input columns, in the model's order");
    outputCol = new Param<>(this, "outputCol", "the output column, for a model of one output");
    outputCols = new StringArrayParam(
        this, "outputCols", "the output columns, in the model's order");
    batchSize = new IntParam(this, "batchSize", "rows per TensorFlow run (> 0)",
        ParamValidators.<Object>gt(0));
    modelPath = new Param<>(this, "modelPath",
        "the .keras or .h5 model file (any Hadoop file system); read when the model is first needed");
    handleInvalid = new Param<>(this, "handleInvalid",
        "what to do with rows whose values are null or of the wrong length: 'error' (fail the"
            + " job), 'skip' (drop the row) or 'keep' (null outputs)",
        ParamValidators.inArray(List.of("error", "skip", "keep")));
    setDefault(outputCol, "prediction");
    setDefault(batchSize, 32);
    setDefault(handleInvalid, "error");
  }

  @Override
  public String uid() {
    return uid;
  }

  /** @return the input column parameter, for a model of one input */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** @return the input columns parameter, one per model input in the model's order */
  public StringArrayParam inputCols() {
    return inputCols;
  }

  /** @return the output column parameter (default "prediction"), for a model of one output */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** @return the output columns parameter, one per model output in the model's order */
  public StringArrayParam outputCols() {
    return outputCols;
  }

  /** @return the batch size parameter: rows per TensorFlow run (default 32, Keras's) */
  public IntParam batchSize() {
    return batchSize;
  }

  /** @return the model path parameter: a .keras or .h5 file on any Hadoop file system */
  public Param<String> modelPath() {
    return modelPath;
  }

  /** @return the invalid-row parameter: "error" (default), "skip" or "keep" */
  public Param<String> handleInvalid() {
    return handleInvalid;
  }

  /**
   * Sets the input column, for a model of one input.
   *
   * @param column an {@code array<float>}, {@code array<double>} or vector column
   * @return this transformer
   */
  public KerasModelTransformer setInputCol(String column) {
    set(inputCol, column);
    return this;
  }

  /**
   * Sets the input columns, one per model input in the model's order.
   *
   * @param columns {@code array<float>}, {@code array<double>} or vector columns
   * @return this transformer
   */
  public KerasModelTransformer setInputCols(String... columns) {
    set(inputCols, columns);
    return this;
  }

  /**
   * Sets the output column, for a model of one output.
   *
   * @param column the new {@code array<float>} column
   * @return this transformer
   */
  public KerasModelTransformer setOutputCol(String column) {
    set(outputCol, column);
    return this;
  }

  /**
   * Sets the output columns, one per model output in the model's order.
   *
   * @param columns the new {@code array<float>} columns
   * @return this transformer
   */
  public KerasModelTransformer setOutputCols(String... columns) {
    set(outputCols, columns);
    return this;
  }

  /**
   * Sets how many rows one TensorFlow run scores.
   *
   * @param rows rows per batch, positive
   * @return this transformer
   */
  public KerasModelTransformer setBatchSize(int rows) {
    set(batchSize, rows);
    return this;
  }

  /**
   * Sets what to do with invalid rows: "error", "skip" or "keep".
   *
   * @param mode "error", "skip" or "keep"
   * @return this transformer
   */
  public KerasModelTransformer setHandleInvalid(String mode) {
    set(handleInvalid, mode);
    return this;
  }

  /**
   * Sets the model file, read (through Hadoop's file systems) when the model is first needed.
   *
   * @param path a {@code .keras} or {@code .h5} file: a local path, {@code hdfs://...}, ...
   * @return this transformer
   */
  public KerasModelTransformer setModelPath(String path) {
    set(modelPath, path);
    setBytes(null);
    return this;
  }

  /**
   * Sets the model as the bytes of a {@code .keras} or {@code .h5} file.
   *
   * @param bytes the file's contents
   * @return this transformer
   */
  public KerasModelTransformer setModelBytes(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("model bytes are empty: give a .keras or .h5 file's");
    }
    setBytes(bytes.clone());
    return this;
  }

  /**
   * Sets the model to a keras4j model as it is now, saved as {@code .keras}.
   *
   * @param model the model; later changes to it are not seen
   * @return this transformer
   */
  public KerasModelTransformer setModel(Model model) {
    setBytes(ModelBytes.of(model));
    return this;
  }

  /**
   * The model file's bytes: those given, or read from {@code modelPath}.
   *
   * @return the model file's bytes
   * @throws IllegalStateException if neither bytes nor a path were set
   */
  public byte[] getModelBytes() {
    return modelBytes().clone();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    Model model = driverModel();
    StructType outSchema = transformSchema(schema);
    List<String> columns = inputColumns();
    List<ModelInput> inputs = new ArrayList<>();
    List<Shape> shapes = inputShapes(model);
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      inputs.add(ModelInput.of(column, schema.fieldIndex(column),
          schema.apply(column).dataType(), shapes.get(i)));
    }
    PartitionScorer scorer = new PartitionScorer(broadcast(dataset.sparkSession()), modelId,
        inputs, outputColumns(model).size(), (Integer) $(batchSize), $(handleInvalid));
    return InternalRows.mapPartitions(dataset, "KerasModelTransformer", scorer, outSchema);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    Model model = driverModel();
    List<String> columns = inputColumns();
    List<Shape> shapes = inputShapes(model);
    if (columns.size() != shapes.size()) {
      throw new IllegalArgumentException("the model has " + shapes.size() + " input(s) "
          + model.inputNames() + " but " + columns.size() + " input column(s) " + columns
          + " are set; set inputCols to one column per model input, in the model's order");
    }
    List<String> names = Arrays.asList(schema.fieldNames());
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (!names.contains(column)) {
        throw new IllegalArgumentException(
            "input column '" + column + "' is not in the DataFrame; its columns are " + names);
      }
      ModelInput.of(column, i, schema.apply(column).dataType(), shapes.get(i));
    }
    StructType out = schema;
    boolean nullable = $(handleInvalid).equals("keep");
    for (String column : outputColumns(model)) {
      if (names.contains(column)) {
        throw new IllegalArgumentException("output column '" + column
            + "' is already in the DataFrame; choose another outputCol(s)");
      }
      out = out.add(new StructField(column,
          DataTypes.createArrayType(DataTypes.FloatType, false), nullable,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return out;
  }

  @Override
  public KerasModelTransformer copy(ParamMap extra) {
    KerasModelTransformer copy = copyValues(new KerasModelTransformer(uid), extra);
    copy.modelBytes = modelBytes;
    copy.modelId = modelId;
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /**
   * Spark ML's reader of saved transformers.
   *
   * @return a reader for {@link #write()}'s directories
   */
  public static MLReader<KerasModelTransformer> read() {
    return new Reader();
  }

  /**
   * Loads a transformer saved by {@code write().save(path)}.
   *
   * @param path the stage directory
   * @return the transformer, with its parameters and model
   */
  public static KerasModelTransformer load(String path) {
    return read().load(path);
  }

  private void setBytes(byte[] bytes) {
    modelBytes = bytes;
    modelId = bytes == null ? null : ExecutorModels.idOf(bytes);
    broadcast = null;
  }

  private byte[] modelBytes() {
    if (modelBytes == null) {
      if (!isDefined(modelPath)) {
        throw new IllegalStateException(
            "no model: call setModelPath, setModelBytes or setModel before using the transformer");
      }
      setBytes(ModelBytes.read(new org.apache.hadoop.fs.Path($(modelPath)), hadoopConf()));
    }
    return modelBytes;
  }

  /** The model on the driver, from the same per-JVM cache the executors use. */
  private Model driverModel() {
    byte[] bytes = modelBytes();
    return ExecutorModels.get(modelId, () -> bytes);
  }

  private Broadcast<byte[]> broadcast(SparkSession spark) {
    if (broadcast == null || spark.sparkContext().isStopped()) {
      broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes());
    }
    return broadcast;
  }

  private List<String> inputColumns() {
    boolean single = isSet(inputCol);
    boolean multi = isSet(inputCols);
    if (single == multi) {
      throw new IllegalArgumentException(single
          ? "both inputCol and inputCols are set; set inputCol for a model of one input or"
              + " inputCols for several"
          : "no input column: set inputCol (or inputCols for a model of several inputs)");
    }
    return single ? List.of($(inputCol)) : List.of($(inputCols));
  }

  private List<String> outputColumns(Model model) {
    int outputs = Math.max(1, model.outputs().size());
    List<String> columns = isSet(outputCols) ? List.of($(outputCols)) : List.of($(outputCol));
    if (columns.size() != outputs) {
      throw new IllegalArgumentException("the model has " + outputs + " output(s) "
          + model.outputNames() + " but " + columns.size() + " output column(s) " + columns
          + " are set; set outputCols to one column per model output, in the model's order");
    }
    return columns;
  }

  private static List<Shape> inputShapes(Model model) {
    if (!model.inputs().isEmpty()) {
      return model.inputs().stream().map(input -> input.shape()).toList();
    }
    Shape shape = model.inputShape();
    if (shape == null) {
      throw new IllegalArgumentException("model '" + model.name() + "' has no input shape yet;"
          + " build it (give its first layer an inputShape, or fit or predict once) before saving");
    }
    return List.of(shape);
  }

  private static Configuration hadoopConf() {
    return SparkSession.active().sparkContext().hadoopConfiguration();
  }

  /** Saves the parameters as Spark ML's metadata and the model file beside them. */
  private static final class Writer extends MLWriter {
    private final KerasModelTransformer stage;

    Writer(KerasModelTransformer stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(stage, path, sparkSession());
      ModelBytes.writeToStage(
          path, stage.modelBytes(), sparkSession().sparkContext().hadoopConfiguration());
    }
  }

  /** Reads what {@link Writer} saved. */
  private static final class Reader extends MLReader<KerasModelTransformer> {
    @Override
    public KerasModelTransformer load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(
          path, sparkSession(), KerasModelTransformer.class.getName());
      KerasModelTransformer stage = new KerasModelTransformer(metadata.uid());
      metadata.getAndSetParams(stage, Option.empty());
      stage.setBytes(ModelBytes.readFromStage(
          path, sparkSession().sparkContext().hadoopConfiguration()));
      return stage;
    }
  }
}
