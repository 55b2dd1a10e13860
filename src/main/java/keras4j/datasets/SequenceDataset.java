package keras4j.datasets;

import org.tensorflow.ndarray.IntNdArray;

/**
 * A data set of word sequences split into training and test parts, as {@link Imdb#loadData} and
 * {@link Reuters#loadData} return it: the Java form of Keras's {@code (x_train, y_train), (x_test,
 * y_test)}, where each x is an object array of int lists.
 *
 * <p>Sequences have different lengths, so each part is a ragged {@code int[][]}: {@code
 * xTrain()[i]} holds the word indices of sample {@code i}, whose label is {@code
 * yTrain().getInt(i)}. The arrays are the record's own, not copies.
 *
 * @param xTrain the training sequences
 * @param yTrain the training labels, one per sequence
 * @param xTest the test sequences
 * @param yTest the test labels, one per sequence
 */
public record SequenceDataset(int[][] xTrain, IntNdArray yTrain, int[][] xTest, IntNdArray yTest) {}
