package keras4j.examples;

import java.io.UncheckedIOException;
import keras4j.datasets.Dataset;
import keras4j.datasets.FashionMnist;
import keras4j.datasets.Mnist;
import org.tensorflow.ndarray.ByteNdArray;
import org.tensorflow.ndarray.IntNdArray;

/** The MNIST examples' data: MNIST, or Fashion-MNIST when the first argument is "fashion". */
final class MnistData {

  private MnistData() {}

  /**
   * Loads the data set the arguments name. When it is neither on this machine nor downloadable,
   * prints keras4j's message (which files, where to put them, where to get them) and exits with
   * status 1: the message is all a user needs, a stack trace would only bury it.
   */
  static Dataset<ByteNdArray, IntNdArray> load(String[] args) {
    try {
      return args.length > 0 && args[0].equals("fashion")
          ? FashionMnist.loadData() : Mnist.loadData();
    } catch (UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      throw e;
    }
  }
}
