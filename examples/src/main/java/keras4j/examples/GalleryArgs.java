package keras4j.examples;

import keras4j.datasets.Dataset;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.index.Indices;

/**
 * The arguments of the keras.io gallery ports: {@code fashion} trains on Fashion-MNIST (offline,
 * from Debian's package) where the original downloads MNIST; {@code epochs=N} and {@code
 * samples=N} shorten a run, as the integration tests' smoke runs do. Without them an example runs
 * as the original script.
 *
 * @param fashion whether to use Fashion-MNIST for MNIST
 * @param epochs the epochs to train instead of the script's, or null
 * @param samples the most training and test samples to use, or null for all
 */
record GalleryArgs(boolean fashion, Integer epochs, Integer samples) {
  /** Parses {@code fashion}, {@code epochs=N}, {@code samples=N}, in any order. */
  static GalleryArgs parse(String[] args) {
    boolean fashion = false;
    Integer epochs = null;
    Integer samples = null;
    for (String arg : args) {
      if (arg.equals("fashion")) {
        fashion = true;
      } else if (arg.startsWith("epochs=")) {
        epochs = Integer.parseInt(arg.substring("epochs=".length()));
      } else if (arg.startsWith("samples=")) {
        samples = Integer.parseInt(arg.substring("samples=".length()));
      } else {
        throw new IllegalArgumentException("Unknown argument '" + arg + "': expected fashion,"
            + " epochs=N or samples=N");
      }
    }
    return new GalleryArgs(fashion, epochs, samples);
  }

  /** The script's epochs, or the ones asked for. */
  int epochs(int original) {
    return epochs == null ? original : epochs;
  }

  /** MNIST, or Fashion-MNIST when asked, cut to {@code samples} rows. */
  Dataset<ByteNdArray, IntNdArray> mnist() {
    var data = MnistData.load(fashion ? new String[] {"fashion"} : new String[0]);
    return new Dataset<>(head(data.xTrain()), head(data.yTrain()), head(data.xTest()),
        head(data.yTest()));
  }

  /** The first {@code samples} images of {@code array}, or all of them. */
  ByteNdArray head(ByteNdArray array) {
    return cut(array.shape().get(0)) ? array.slice(Indices.range(0, samples)) : array;
  }

  /** The first {@code samples} labels of {@code array}, or all of them. */
  IntNdArray head(IntNdArray array) {
    return cut(array.shape().get(0)) ? array.slice(Indices.range(0, samples)) : array;
  }

  private boolean cut(long rows) {
    return samples != null && samples < rows;
  }
}
