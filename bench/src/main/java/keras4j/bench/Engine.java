package keras4j.bench;

/**
 * One way of training and running a Fashion-MNIST model (an MLP, the CNN) that the benchmark
 * times: keras4j or hand-written.
 */
interface Engine extends AutoCloseable {
  /** Trains one epoch, shuffled, {@code batch} samples per step; returns its seconds. */
  double epoch(FashionData data, int batch);

  /** The class probabilities of {@code rows}, fed from Java arrays as a caller would. */
  float[] predict(float[][] rows);

  /** The fraction of {@code data} classified right. */
  double accuracy(FashionData data);

  /** This engine training on {@code data}, as a section times it. */
  default Contender on(FashionData data) {
    Engine engine = this;
    return new Contender() {
      @Override
      public double epoch(int batch) {
        return engine.epoch(data, batch);
      }

      @Override
      public int samples() {
        return data.size();
      }

      @Override
      public void close() {
        engine.close();
      }
    };
  }

  @Override
  void close();
}
