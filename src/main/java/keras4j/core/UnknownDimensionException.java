package keras4j.core;

/**
 * A layer needs a dimension its inputs leave unknown ({@code None}): a recurrent layer unrolls
 * over a known number of steps. {@code fit}, {@code evaluate} and {@code predict} on a model
 * whose Input has unknown non-batch dimensions catch it and trace their functions once per
 * concrete input shape instead; elsewhere it reaches the caller, naming the layer and the fix.
 */
public class UnknownDimensionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception saying what is unknown and how to make it known.
   *
   * @param message the layer, the shape and the fix
   */
  public UnknownDimensionException(String message) {
    super(message);
  }
}
