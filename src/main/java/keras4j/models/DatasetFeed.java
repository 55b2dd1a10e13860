package keras4j.models;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import keras4j.backend.BatchPart;
import keras4j.backend.DType;
import keras4j.backend.DataBridge;
import keras4j.backend.HostRows;
import keras4j.backend.StreamFeeder;
import keras4j.core.Shapes;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.data.DatasetIterator;
import keras4j.data.PyDataset;
import org.tensorflow.ndarray.Shape;

/**
 * A {@link Dataset} read batch by batch by {@code fit}, {@code evaluate} or {@code predict}, as
 * Keras's {@code EpochIterator} over its dataset, generator and {@code PyDataset} adapters: with
 * a number of steps per epoch, one pass goes on from epoch to epoch; without, each epoch is a
 * new pass to the end. Batches are checked (a batch axis, labels where needed, the shape of the
 * first batch) and grouped {@code stepsPerExecution} at a time when their shapes allow, and the
 * next group is read while the model runs the current one. Nothing is copied but into the
 * tensors that feed the model.
 */
final class DatasetFeed implements AutoCloseable {
  private final Dataset data;
  private final Integer steps;
  private final SplittableRandom batchOrder;
  private final String what;
  private final boolean labels;
  private final Model model;
  private final List<DType> xDtypes;
  private final List<Shape> xShapes;
  private final int most;
  private final Map<?, ?> classWeight;
  private final StreamFeeder feeder;
  // Read by the feeder's thread, one read at a time; the main thread touches them between reads.
  private final Deque<HostRows[]> ahead = new ArrayDeque<>();
  private DatasetIterator pass;
  private boolean fresh;
  private boolean passEnded;
  private long batchIndex;
  private int readInEpoch;
  private Shape[] firstShapes;
  private Shape[] feedShapes;
  private String[] partNames;
  private boolean weighted;
  // The main thread's.
  private int stepsRun;

  /**
   * A feed of {@code data}; {@code steps} batches per epoch (null: to the end of each pass);
   * {@code batchOrder} shuffles the batches of a {@link PyDataset} (null: in order); {@code
   * what} names the data in errors ("" or "validation "); {@code labels} whether batches must
   * have them (fit, evaluate) or they are left out (predict, with the sample weights); the
   * batches' arrays matched to {@code model}'s inputs and outputs as {@code fit} matches arrays
   * (one, a list in the model's order, or a map by name), inputs converted to the model's input
   * dtypes (labels and weights to float32), whose unknown dimensions (None) may change from
   * batch to batch (sequences of several lengths); up to {@code most} batches a group; {@code
   * classWeight} (null: none) weighs each sample by its label's class, as Keras's dataset
   * adapter maps {@code class_weight} to sample weights.
   */
  DatasetFeed(Dataset data, Integer steps, SplittableRandom batchOrder, String what,
      boolean labels, Model model, int most, Map<?, ?> classWeight) {
    if (data == null) {
      throw new IllegalArgumentException(what + "x is null");
    }
    this.data = data;
    this.steps = steps;
    this.batchOrder = batchOrder;
    this.what = what;
    this.labels = labels;
    this.model = model;
    this.xDtypes = model.inputDtypes();
    this.xShapes = model.inputShapes();
    this.most = most;
    this.classWeight = classWeight;
    if (classWeight != null) {
      ArrayData.checkClassWeightable(model);
    }
    this.feeder = new StreamFeeder(this::group);
  }

  /** The shapes of the tensors feeding the model's inputs, batch unknown: the first batch's. */
  List<Shape> xShapes() {
    return List.of(feedShapes()).subList(0, xDtypes.size());
  }

  /** The shapes of the tensors feeding the labels, one per output, batch unknown. */
  List<Shape> yShapes() {
    int inputs = xDtypes.size();
    return List.of(feedShapes()).subList(inputs, inputs + model.dataOutputNames().size());
  }

  /** Whether the batches carry sample weights (fed after the labels, one array per output). */
  boolean weighted() {
    feedShapes();
    return weighted;
  }

  /**
   * The shapes of the tensors feeding the model, batch unknown: the first batch's, read now if
   * not yet (it opens the first pass).
   *
   * @throws IllegalArgumentException if the dataset is empty or the batch unfit
   */
  private Shape[] feedShapes() {
    if (firstShapes == null) {
      pass = open();
      fresh = true;
      if (!readOne()) {
        throw new IllegalArgumentException("The " + what + "dataset is empty: it gave no batch,"
            + " so there is nothing to " + (labels ? "train or evaluate on" : "predict"));
      }
    }
    return feedShapes;
  }

  /** The batches of one epoch if known (the steps given, else the dataset's size), else 0. */
  int knownSteps() {
    if (steps != null) {
      return steps;
    }
    long n = data.cardinality();
    return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : 0;
  }

  /** Starts an epoch: a new pass, unless a number of steps lets the current one go on. */
  void beginEpoch() {
    if (pass != null && !fresh && (steps == null || passEnded)) {
      pass.close();
      pass = null;
    }
    if (pass == null) {
      pass = open();
      passEnded = false;
    }
    fresh = false;
    readInEpoch = 0;
    stepsRun = 0;
  }

  /**
   * Ends an epoch; if a number of steps was given and the data ran out before, warns as Keras
   * does (the next epoch starts a new pass).
   *
   * @return the number of batches the epoch ran
   */
  int endEpoch() {
    if (steps != null && stepsRun < steps && passEnded) {
      System.err.println("UserWarning: Your input ran out of data; interrupting training. Make"
          + " sure that your dataset or generator can generate at least `steps_per_epoch *"
          + " epochs` batches. You may need to use the `.repeat()` function when building your"
          + " dataset.");
    }
    return stepsRun;
  }

  /** The next group of this epoch, stacked into tensors; null at the end of the epoch. */
  StreamFeeder.Fed next() {
    if (steps != null && stepsRun >= steps) {
      return null;
    }
    StreamFeeder.Fed fed = feeder.next();
    if (fed != null) {
      stepsRun += fed.batches();
    }
    return fed;
  }

  /** Starts reading the next group while the model runs the current one, if the epoch has one. */
  void prefetch() {
    if (steps == null || stepsRun < steps) {
      feeder.prefetch();
    }
  }

  private DatasetIterator open() {
    if (batchOrder != null && data instanceof PyDataset py) {
      int[] order = new int[py.numBatches()];
      for (int i = 0; i < order.length; i++) {
        int j = batchOrder.nextInt(i + 1); // Fisher-Yates, inside out
        order[i] = order[j];
        order[j] = i;
      }
      return py.iterator(order);
    }
    return data.iterator();
  }

  // The feeder's source: up to `most` batches of one shape, within the epoch's steps.
  private HostRows[][] group() {
    int remaining = steps == null ? Integer.MAX_VALUE : steps - readInEpoch;
    if (remaining <= 0) {
      return null;
    }
    int want = remaining >= most ? most : 1;
    while (ahead.size() < want && readOne()) {
      // reading ahead
    }
    if (ahead.isEmpty()) {
      return null;
    }
    // Batches stack into one run only if their shapes agree (sizes, and sequence lengths).
    HostRows[] first = ahead.peekFirst();
    int n = ahead.size() >= want && ahead.stream().limit(want).allMatch(
        b -> sameShapes(b, first)) ? want : 1;
    HostRows[][] group = new HostRows[n][];
    for (int i = 0; i < n; i++) {
      group[i] = ahead.removeFirst();
    }
    readInEpoch += n;
    return group;
  }

  private static boolean sameShapes(HostRows[] a, HostRows[] b) {
    for (int p = 0; p < a.length; p++) {
      if (!Arrays.equals(a[p].shape().asArray(), b[p].shape().asArray())) {
        return false;
      }
    }
    return true;
  }

  /** Reads and checks one batch into {@link #ahead}; false at the end of the pass. */
  private boolean readOne() {
    if (passEnded) {
      return false;
    }
    Batch batch;
    try {
      if (!pass.hasNext()) {
        passEnded = true;
        return false;
      }
      batch = pass.next();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Reading batch " + batchIndex + " of the " + what
          + "dataset failed: " + e.getMessage(), e);
    }
    ahead.addLast(checked(batch));
    batchIndex++;
    return true;
  }

  private HostRows[] checked(Batch batch) {
    String name = "Batch " + batchIndex + " of the " + what + "dataset";
    BatchPart x = DataBridge.x(batch);
    BatchPart y = DataBridge.y(batch);
    BatchPart sampleWeight = DataBridge.sampleWeight(batch);
    if (!x.batched()) {
      throw new IllegalArgumentException(name + " is one sample " + batch + ", not a batch:"
          + " batch the dataset with .batch(n), or give Batch.of(x, y) a batch axis");
    }
    if (labels && y == null) {
      throw new IllegalArgumentException(name + " has no labels " + batch + ": fit and evaluate"
          + " need batches Batch.of(x, y)");
    }
    // Converted as fit converts arrays: ints to float, whole floats to ints, fractions refused.
    List<String> outputs = model.dataOutputNames();
    List<HostRows> parts = new ArrayList<>(ArrayData.byName(model, x.structure(),
        model.dataInputNames(), name + "'s x", "input",
        (rows, part, i) -> ((HostRows) rows).as(xDtypes.get(i), part)));
    if (labels) {
      ArrayData.Convert<HostRows> floats = (rows, part, i) -> ((HostRows) rows).as(DType.FLOAT32,
          part);
      List<HostRows> labelRows = ArrayData.byName(model, y.structure(), outputs, name + "'s y",
          "output", floats);
      parts.addAll(labelRows);
      if (classWeight != null && sampleWeight != null) {
        throw new IllegalArgumentException(name + " has sample weights, and classWeight was"
            + " given too: you cannot `class_weight` and `sample_weight` at the same time, pass"
            + " one of them");
      }
      if (classWeight != null) {
        parts.add(HostRows.all(ArrayData.classWeights(labelRows.get(0).toNdArray(),
            classWeight)));
      }
      if (firstShapes != null && weighted != (sampleWeight != null || classWeight != null)) {
        throw new IllegalArgumentException(name + (weighted ? " has no sample weights but batch"
            + " 0 had them" : " has sample weights but batch 0 had none") + ": give every batch"
            + " sample weights, or none");
      }
      if (sampleWeight != null) {
        parts.addAll(ArrayData.sampleWeights(model, sampleWeight.structure(), outputs,
            name + "'s sampleWeight", floats, HostRows::shape));
      }
    }
    HostRows[] all = parts.toArray(HostRows[]::new);
    if (firstShapes == null) {
      weighted = labels && (sampleWeight != null || classWeight != null);
      partNames = partNames(all.length);
      firstShapes = Arrays.stream(all).map(HostRows::shape).toArray(Shape[]::new);
      feedShapes = Arrays.stream(all).map(r -> r.feedShape(-1)).toArray(Shape[]::new);
      return all;
    }
    for (int p = 0; p < all.length; p++) {
      Shape shape = all[p].shape();
      if (!sameSamples(p, shape, firstShapes[p])) {
        throw new IllegalArgumentException(name + " has " + partNames[p] + " of shape "
            + Shapes.toKeras(shape) + ", but batch 0 had " + partNames[p] + " of shape "
            + Shapes.toKeras(firstShapes[p]) + ": every batch must have the shape of the first"
            + " but for the batch size" + (p < xDtypes.size() && xShapes != null
            && Shapes.sample(xShapes.get(p)).hasUnknownDimension()
            ? " and the dimensions the model's Input leaves unknown (None)" : ""));
      }
    }
    return all;
  }

  /** The parts' names in errors: {@code x} or {@code x['image']}, then y, then sampleWeight. */
  private String[] partNames(int count) {
    List<String> names = new ArrayList<>();
    for (String part : List.of("x", "y", "sampleWeight")) {
      List<String> keys = part.equals("x") ? model.dataInputNames() : model.dataOutputNames();
      for (String key : keys) {
        names.add(keys.size() == 1 ? part : part + "['" + key + "']");
      }
    }
    return names.subList(0, count).toArray(String[]::new);
  }

  /**
   * Whether samples of {@code shape} fit with those of the first batch's {@code first}: the
   * same but for the batch size and, for the inputs, the model input's unknown dimensions.
   */
  private boolean sameSamples(int p, Shape shape, Shape first) {
    if (shape.numDimensions() != first.numDimensions()) {
      return false;
    }
    Shape input = p < xDtypes.size() && xShapes != null ? xShapes.get(p) : null;
    for (int i = 1; i < shape.numDimensions(); i++) {
      boolean free = input != null && input.numDimensions() == shape.numDimensions()
          && input.get(i) < 0;
      if (shape.get(i) != first.get(i) && !free) {
        return false;
      }
    }
    return true;
  }

  /** Stops the reader thread and the dataset's threads, and frees the tensors. */
  @Override
  public void close() {
    feeder.close();
    if (pass != null) {
      pass.close();
    }
  }
}
