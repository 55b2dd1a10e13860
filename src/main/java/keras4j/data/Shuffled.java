package keras4j.data;

import java.util.SplittableRandom;

/**
 * {@link Dataset#shuffle}: tf.data's shuffle buffer. Each pass draws its order from a generator
 * split off the dataset's seed, so the n-th pass of two datasets of one seed is the same.
 */
final class Shuffled extends Dataset {
  private final Dataset input;
  private final int bufferSize;
  private final SplittableRandom passes;

  Shuffled(Dataset input, int bufferSize, long seed) {
    this.input = input;
    this.bufferSize = bufferSize;
    this.passes = new SplittableRandom(seed);
  }

  @Override
  public DatasetIterator iterator() {
    SplittableRandom random;
    synchronized (passes) {
      random = passes.split();
    }
    DatasetIterator in = input.iterator();
    return new DatasetIterator() {
      private Batch[] buffer;
      private int count;

      @Override
      protected Batch pull() {
        if (buffer == null) {
          buffer = new Batch[bufferSize];
          while (count < bufferSize && in.hasNext()) {
            buffer[count++] = in.next();
          }
        }
        if (count == 0) {
          return null;
        }
        int pick = random.nextInt(count);
        Batch out = buffer[pick];
        if (in.hasNext()) {
          buffer[pick] = in.next();
        } else {
          buffer[pick] = buffer[--count];
          buffer[count] = null;
        }
        return out;
      }

      @Override
      protected void release() {
        buffer = null;
        in.close();
      }
    };
  }

  @Override
  public long cardinality() {
    return input.cardinality();
  }
}
