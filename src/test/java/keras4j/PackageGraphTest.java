package keras4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package structure of the compiled module (target/classes): no package cycles, and the
 * layering of issue 8's design for the packages already in their place. Edges still to be
 * removed are listed below; a listed edge that no longer exists fails the test, so that the lists
 * can only shrink.
 */
class PackageGraphTest {
  /**
   * What each package already in its place may use, bottom to top: utils nothing of keras4j, the
   * TensorFlow plumbing in backend only utils, the core types only those two, the op vocabulary
   * and the low-level tf API only what is below them, the file formats and serialization
   * contracts of saving only utils, backend and core (no layer, model, optimizer, loss or metric).
   * A package joins this table once it reaches its place in the design.
   */
  private static final Map<String, Set<String>> MAY_USE = Map.of(
      "utils", Set.of(),
      "backend", Set.of("utils"),
      "core", Set.of("utils", "backend"),
      "ops", Set.of("utils", "backend", "core"),
      "tf", Set.of("utils", "backend", "core", "ops"),
      "saving", Set.of("utils", "backend", "core"),
      "data", Set.of("utils", "backend", "core"),
      "tuner", Set.of("utils", "backend", "core", "saving", "data", "callbacks", "models",
          "layers", "losses", "metrics", "optimizers", "activations", "initializers",
          "regularizers", "ops", "tf"));

  /** Edges against {@link #MAY_USE}, allowed for now (the lead removes them). */
  private static final Set<String> UPWARD_FOR_NOW = Set.of();

  /** Edges that close a package cycle, allowed for now: the upward ones above. */
  private static final Set<String> CYCLE_EDGES_FOR_NOW = UPWARD_FOR_NOW;

  private final PackageGraph graph = PackageGraph.ofCompiledModule();

  @Test
  void noPackageCycleBeyondTheEdgesAllowedForNow() {
    List<String> cycles = graph.cycles(CYCLE_EDGES_FOR_NOW).stream().map(graph::describe).toList();
    assertEquals(List.of(), cycles, "keras4j packages that depend on each other (each cycle with"
        + " one class use behind each edge): break each cycle by moving the named use to a lower"
        + " package or behind an interface declared there");
  }

  @Test
  void theLowerPackagesUseOnlyThePackagesBelowThem() {
    List<String> upward = new ArrayList<>();
    MAY_USE.forEach((pkg, allowed) -> graph.uses(pkg).stream()
        .filter(used -> !allowed.contains(used) && !UPWARD_FOR_NOW.contains(pkg + " -> " + used))
        .forEach(used -> upward.add(graph.describe(pkg, used))));
    upward.sort(null);
    assertEquals(List.of(), upward, "uses against the layering of issue 8 (utils, then backend,"
        + " then core): move the code or the type it uses down, or reach it through an interface"
        + " declared below");
  }

  @Test
  void everyEdgeAllowedForNowStillExists() {
    Set<String> gone = new TreeSet<>();
    for (String edge : CYCLE_EDGES_FOR_NOW) {
      String[] ends = edge.split(" -> ");
      if (!graph.hasEdge(ends[0], ends[1])) {
        gone.add(edge);
      }
    }
    assertEquals(Set.of(), gone, "these allowed edges no longer exist: delete them from"
        + " PackageGraphTest's lists, so that they cannot come back");
  }

  /** Mentions keras4j types in each way a class file can, and in a string that must not count. */
  @SuppressWarnings("unused")
  private static final class Mentions {
    keras4j.optimizers.Optimizer fieldDescriptor;
    List<keras4j.losses.Loss> genericSignatureOnly;
    keras4j.metrics.Metric[] arrayDescriptor;

    Object checkcast(Object o) {
      return (keras4j.layers.Layer) o;
    }

    String literal() {
      return "Lkeras4j/models/Model; keras4j/saving/Saving";
    }
  }

  @Test
  void theClassFileReaderFindsDescriptorsSignaturesAndClassesButNotStrings() {
    Set<String> used = new TreeSet<>(PackageGraph.classesUsedBy(PackageGraph
        .classPathRoot(Mentions.class).resolve("keras4j/PackageGraphTest$Mentions.class")));
    // Leave out the JDK's classes and the nest (Mentions and its outer test class).
    used.removeIf(name -> !name.startsWith("keras4j/") || name.startsWith("keras4j/PackageGraph"));
    assertEquals(Set.of("keras4j/layers/Layer", "keras4j/losses/Loss", "keras4j/metrics/Metric",
        "keras4j/optimizers/Optimizer"), used);
    // And the module's own graph has an edge known from the source: Model.fit returns History.
    assertTrue(graph.hasEdge("models", "callbacks"));
  }
}
