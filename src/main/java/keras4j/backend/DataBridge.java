package keras4j.backend;

/**
 * How the training loop reaches the rows behind a public {@code keras4j.data.Batch} without a
 * public method that would show a backend type: the pattern of {@link CoreBridge}. The data
 * package installs its {@link Access} when {@code Batch} initializes.
 */
public final class DataBridge {
  /** What the data package provides. */
  public interface Access {
    /** The inputs of a batch. */
    BatchPart x(Object batch);

    /** The labels of a batch, or null if it has none. */
    BatchPart y(Object batch);

    /** The sample weights of a batch, or null if it has none. */
    BatchPart sampleWeight(Object batch);
  }

  private static volatile Access access;

  private DataBridge() {}

  /** Called once by the data package. */
  public static void install(Access dataAccess) {
    if (access != null) {
      throw new IllegalStateException("The data access is installed already");
    }
    access = dataAccess;
  }

  // A Batch passed in has initialized its class, which installed the access.
  /** The inputs of {@code batch}. */
  public static BatchPart x(Object batch) {
    return access.x(batch);
  }

  /** The labels of {@code batch}, or null if it has none. */
  public static BatchPart y(Object batch) {
    return access.y(batch);
  }

  /** The sample weights of {@code batch}, or null if it has none. */
  public static BatchPart sampleWeight(Object batch) {
    return access.sampleWeight(batch);
  }
}
