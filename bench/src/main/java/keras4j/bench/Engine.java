package keras4j.bench;

/** One way of training and running an MLP that the benchmark times: keras4j or hand-written. */
interface Engine extends AutoCloseable {
  /** Trains one epoch, shuffled, {@code batch} samples per step; returns its seconds. */
  double epoch(FashionData data, int batch);

  /** The class probabilities of {@code rows}, fed from Java arrays as a caller would. */
  float[] predict(float[][] rows);

  /** The fraction of {@code data} classified right. */
  double accuracy(FashionData data);

  @Override
  void close();
}
