package keras4j.examples;

import java.util.Map;

/**
 * The keras.io example scripts ported to Java, by the name of their main class, for callers that
 * want a run's final scores (the integration tests) rather than its printout.
 */
public final class Gallery {
  private Gallery() {}

  /**
   * Runs one port as its main does.
   *
   * @param example the class name, e.g. {@code "MnistConvnet"}
   * @param args its arguments ({@code fashion}, {@code epochs=N}, {@code samples=N}, ...)
   * @return the scores the script ends with (test scores, or the last epoch's logs)
   * @throws Exception what the script throws
   */
  public static Map<String, Double> run(String example, String... args) throws Exception {
    return switch (example) {
      case "MnistConvnet" -> MnistConvnet.run(args);
      case "Antirectifier" -> Antirectifier.run(args);
      case "ImbalancedClassification" -> ImbalancedClassification.run(args);
      case "KnowledgeDistillation" -> KnowledgeDistillation.run(args);
      case "QuasiSvm" -> QuasiSvm.run(args);
      default -> throw new IllegalArgumentException("No gallery example " + example);
    };
  }
}
