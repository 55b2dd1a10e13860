package keras4j.datasets;

import org.tensorflow.ndarray.NdArray;

/**
 * A data set split into training and test parts, as every {@code loadData()} in this package
 * returns it: the Java form of Keras's {@code (x_train, y_train), (x_test, y_test) = load_data()}.
 *
 * <p>The first dimension of each array counts the samples: {@code xTrain.shape().get(0)} equals
 * {@code yTrain.shape().get(0)}, and likewise for the test part.
 *
 * @param <X> the type of the inputs, e.g. {@code ByteNdArray} for images
 * @param <Y> the type of the targets, e.g. {@code IntNdArray} for class labels
 * @param xTrain the training inputs
 * @param yTrain the training targets
 * @param xTest the test inputs
 * @param yTest the test targets
 */
public record Dataset<X extends NdArray<?>, Y extends NdArray<?>>(X xTrain, Y yTrain, X xTest, Y yTest) {}
