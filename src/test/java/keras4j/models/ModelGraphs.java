package keras4j.models;

/**
 * Test and benchmark access to a model's graph: its number of operations, which stays flat over
 * the steps of {@code fit} unless something is traced again on each call.
 */
public final class ModelGraphs {
  private ModelGraphs() {}

  /** The number of operations in {@code model}'s graph, 0 before it first runs. */
  public static int size(Model model) {
    return model.trainer().graphSize();
  }
}
