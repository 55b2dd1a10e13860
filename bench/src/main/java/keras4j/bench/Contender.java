package keras4j.bench;

/** One contender of a throughput section: trains epochs of the data it was made for. */
interface Contender extends AutoCloseable {
  /** Trains one shuffled epoch, {@code batch} samples per step; returns its seconds. */
  double epoch(int batch);

  /** The number of samples of an epoch. */
  int samples();

  @Override
  void close();
}
