package keras4j.data;

import java.util.List;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * One element of a {@link TextFolder}: texts and their labels, as the {@code (texts, labels)}
 * tuples of Keras's {@code text_dataset_from_directory}.
 *
 * @param texts the texts of the batch (one text for an unbatched folder)
 * @param labels their labels, encoded as the folder's label mode asks ({@code (n)} class
 *     indices, {@code (n, classes)} one-hot rows or {@code (n, 1)} 0/1; without the batch axis
 *     for an unbatched folder), or null without labels
 */
public record TextBatch(List<String> texts, FloatNdArray labels) {
  /**
   * A batch of texts.
   *
   * @param texts the texts, copied
   * @param labels the labels, or null
   */
  public TextBatch {
    texts = List.copyOf(texts);
  }
}
