package keras4j.data;

import java.util.List;
import java.util.Objects;

/**
 * How {@link FolderDataset#images} and {@link TextFolder#texts} read a folder of files, with the
 * arguments and defaults of Keras's {@code image_dataset_from_directory} and {@code
 * text_dataset_from_directory}: labels inferred from the sub-folders ({@code "int"} labels),
 * batches of 32, images resized to 256 × 256 RGB, shuffled, no validation split. Immutable: each
 * setter returns a new value.
 *
 * <pre>{@code
 * Folder folder = Folder.defaults().imageSize(180, 180).validationSplit(0.2).seed(1337);
 * List<FolderDataset> trainAndVal = FolderDataset.imagesSplit(Path.of("flowers"), folder);
 * }</pre>
 */
public final class Folder {
  private int[] labels;
  private boolean inferred = true;
  private String labelMode = "int";
  private List<String> classNames;
  private String colorMode = "rgb";
  private Integer batchSize = 32;
  private int height = 256;
  private int width = 256;
  private boolean shuffle = true;
  private Long seed;
  private Double validationSplit;
  private String subset;
  private boolean followLinks;
  private Integer maxLength;
  private boolean verbose = true;

  private Folder() {}

  /**
   * Keras's defaults.
   *
   * @return the default folder reading
   */
  public static Folder defaults() {
    return new Folder();
  }

  private Folder copy() {
    Folder c = new Folder();
    c.labels = labels;
    c.inferred = inferred;
    c.labelMode = labelMode;
    c.classNames = classNames;
    c.colorMode = colorMode;
    c.batchSize = batchSize;
    c.height = height;
    c.width = width;
    c.shuffle = shuffle;
    c.seed = seed;
    c.validationSplit = validationSplit;
    c.subset = subset;
    c.followLinks = followLinks;
    c.maxLength = maxLength;
    c.verbose = verbose;
    return c;
  }

  /**
   * Labels given explicitly, one per file in the alphanumeric order of the file paths (Keras's
   * {@code labels=[...]}); the folder structure is then ignored.
   *
   * @param labels the integer label of each file
   * @return the new reading
   */
  public Folder labels(int... labels) {
    Folder c = copy();
    c.labels = labels.clone();
    c.inferred = false;
    return c;
  }

  /**
   * No labels ({@code labels=None}): the elements are inputs only, for {@code predict}.
   *
   * @return the new reading
   */
  public Folder noLabels() {
    Folder c = copy();
    c.labels = null;
    c.inferred = false;
    c.labelMode = null;
    return c;
  }

  /**
   * How labels are encoded: {@code "int"} (class index, default), {@code "categorical"} (one-hot),
   * {@code "binary"} (0 or 1, shape (1), exactly 2 classes) or null (no labels).
   *
   * @param labelMode the encoding, or null
   * @return the new reading
   * @throws IllegalArgumentException for another name
   */
  public Folder labelMode(String labelMode) {
    if (labelMode != null && !List.of("int", "categorical", "binary").contains(labelMode)) {
      throw new IllegalArgumentException("labelMode must be one of \"int\", \"categorical\","
          + " \"binary\", or null. Received: labelMode=" + labelMode);
    }
    Folder c = copy();
    c.labelMode = labelMode;
    return c;
  }

  /**
   * The classes, in the order of their indices (default: the sub-folders, sorted); each must be a
   * sub-folder's name, and only these sub-folders are read.
   *
   * @param classNames the sub-folder of each class
   * @return the new reading
   */
  public Folder classNames(String... classNames) {
    Folder c = copy();
    c.classNames = List.of(classNames);
    return c;
  }

  /**
   * The channels of the images: {@code "grayscale"} (1), {@code "rgb"} (3, default) or {@code
   * "rgba"} (4).
   *
   * @param colorMode the mode
   * @return the new reading
   * @throws IllegalArgumentException for another name
   */
  public Folder colorMode(String colorMode) {
    if (!List.of("grayscale", "rgb", "rgba").contains(colorMode)) {
      throw new IllegalArgumentException("colorMode must be one of {\"rgb\", \"rgba\","
          + " \"grayscale\"}. Received: colorMode=" + colorMode);
    }
    Folder c = copy();
    c.colorMode = colorMode;
    return c;
  }

  /**
   * Samples per batch (default 32), or null for a dataset of single samples.
   *
   * @param batchSize the batch size, at least 1, or null
   * @return the new reading
   */
  public Folder batchSize(Integer batchSize) {
    if (batchSize != null && batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1 (or null for no batching), got "
          + batchSize);
    }
    Folder c = copy();
    c.batchSize = batchSize;
    return c;
  }

  /**
   * The size every image is resized to, bilinearly (default 256 × 256).
   *
   * @param height the height in pixels, at least 1
   * @param width the width in pixels, at least 1
   * @return the new reading
   */
  public Folder imageSize(int height, int width) {
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("imageSize must be positive, got (" + height + ", "
          + width + ")");
    }
    Folder c = copy();
    c.height = height;
    c.width = width;
    return c;
  }

  /**
   * Whether to shuffle the files (default true); false keeps the alphanumeric order.
   *
   * @param shuffle whether to shuffle
   * @return the new reading
   */
  public Folder shuffle(boolean shuffle) {
    Folder c = copy();
    c.shuffle = shuffle;
    return c;
  }

  /**
   * The seed of the shuffles: the file list is shuffled with it exactly as Keras (NumPy) does, so
   * a split holds the same files as Keras's.
   *
   * @param seed the seed, in [0, 2**32)
   * @return the new reading
   */
  public Folder seed(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be in [0, 2**32) as NumPy's, got " + seed);
    }
    Folder c = copy();
    c.seed = seed;
    return c;
  }

  /**
   * The share of the files held out for validation, in (0, 1): the last {@code
   * int(split * n)} files of the shuffled list. Needs a {@link #subset} (or {@link
   * FolderDataset#imagesSplit}) and, when shuffling, a {@link #seed}.
   *
   * @param validationSplit the fraction
   * @return the new reading
   */
  public Folder validationSplit(double validationSplit) {
    if (!(validationSplit > 0 && validationSplit < 1)) {
      throw new IllegalArgumentException("validationSplit must be between 0 and 1, received: "
          + validationSplit);
    }
    Folder c = copy();
    c.validationSplit = validationSplit;
    return c;
  }

  /**
   * Which part of a {@link #validationSplit} to read: {@code "training"} or {@code
   * "validation"} (both at once: {@link FolderDataset#imagesSplit}).
   *
   * @param subset the part
   * @return the new reading
   */
  public Folder subset(String subset) {
    if (!List.of("training", "validation", "both").contains(subset)) {
      throw new IllegalArgumentException("subset must be either \"training\", \"validation\" or"
          + " \"both\", received: " + subset);
    }
    Folder c = copy();
    c.subset = subset;
    return c;
  }

  /**
   * Whether to enter sub-folders that are symbolic links (default false).
   *
   * @param followLinks whether to follow links
   * @return the new reading
   */
  public Folder followLinks(boolean followLinks) {
    Folder c = copy();
    c.followLinks = followLinks;
    return c;
  }

  /**
   * Texts only: the number of characters each text is cut to (default: whole texts).
   *
   * @param maxLength the maximum length, at least 1
   * @return the new reading
   */
  public Folder maxLength(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    Folder c = copy();
    c.maxLength = maxLength;
    return c;
  }

  /**
   * Whether to print how many files and classes were found, as Keras (default true).
   *
   * @param verbose whether to print
   * @return the new reading
   */
  public Folder verbose(boolean verbose) {
    Folder c = copy();
    c.verbose = verbose;
    return c;
  }

  /** {@code "inferred"}: labels from sub-folders. */
  boolean inferred() {
    return inferred;
  }

  int[] explicitLabels() {
    return labels;
  }

  /** The label mode, null when there are no labels. */
  String labelMode() {
    return inferred || labels != null ? labelMode : null;
  }

  List<String> classNames() {
    return classNames;
  }

  int channels() {
    return switch (colorMode) {
      case "grayscale" -> 1;
      case "rgba" -> 4;
      default -> 3;
    };
  }

  Integer batchSize() {
    return batchSize;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  boolean shuffle() {
    return shuffle;
  }

  Long seed() {
    return seed;
  }

  Double validationSplit() {
    return validationSplit;
  }

  String subset() {
    return subset;
  }

  boolean followLinks() {
    return followLinks;
  }

  Integer maxLength() {
    return maxLength;
  }

  boolean verbose() {
    return verbose;
  }

  /** The same reading for the given subset. */
  Folder withSubset(String subset) {
    Folder c = copy();
    c.subset = Objects.requireNonNull(subset);
    return c;
  }
}
