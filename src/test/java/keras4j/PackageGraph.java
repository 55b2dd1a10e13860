package keras4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The keras4j package dependency graph of the compiled classes, read from each class file's
 * constant pool: the classes it names (CONSTANT_Class) and the types in its field and method
 * descriptors and generic signatures. String literals do not count. Constants the compiler
 * inlines (static final primitives and strings) leave no trace, as with any class-file analysis.
 *
 * <p>Packages are written without the {@code keras4j.} prefix ({@code "backend"}); the root
 * package {@code keras4j} itself is {@code "keras4j"}.
 */
final class PackageGraph {
  private static final String ROOT = "keras4j";
  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L(keras4j/[^;<]+)[;<]");

  /** Package → package it uses → the first class use, in name order, behind that edge. */
  private final Map<String, Map<String, String>> edges = new TreeMap<>();

  private PackageGraph() {}

  /** The graph of the module's compiled classes (target/classes, where {@link Keras} is). */
  static PackageGraph ofCompiledModule() {
    return of(classPathRoot(Keras.class));
  }

  /** The directory (or jar) {@code type} was loaded from. */
  static Path classPathRoot(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The graph of the class files under {@code classes} (a class-path root). */
  static PackageGraph of(Path classes) {
    PackageGraph graph = new PackageGraph();
    try (Stream<Path> files = Files.walk(classes)) {
      List<Path> classFiles = files.filter(f -> f.toString().endsWith(".class"))
          .filter(f -> !f.getFileName().toString().equals("module-info.class"))
          .sorted().toList();
      classFiles.forEach(file -> graph.add(ClassRefs.read(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** The classes (internal names, {@code keras4j/core/Variable}) one class file mentions. */
  static Set<String> classesUsedBy(Path classFile) {
    return ClassRefs.read(classFile).used;
  }

  private void add(ClassRefs refs) {
    String from = packageOf(refs.name);
    for (String used : refs.used) {
      String to = used.startsWith(ROOT + "/") ? packageOf(used) : from;
      if (!to.equals(from)) {
        edges.computeIfAbsent(from, k -> new TreeMap<>())
            .putIfAbsent(to, from + "." + simpleName(refs.name) + " uses " + to + "."
                + simpleName(used));
      }
    }
  }

  private static String packageOf(String internalName) {
    String pkg = internalName.substring(0, Math.max(0, internalName.lastIndexOf('/')));
    return pkg.equals(ROOT) ? ROOT : pkg.substring(ROOT.length() + 1).replace('/', '.');
  }

  private static String simpleName(String internalName) {
    return internalName.substring(internalName.lastIndexOf('/') + 1);
  }

  /** Every package with a class or a dependency. */
  Set<String> packages() {
    Set<String> all = new TreeSet<>(edges.keySet());
    edges.values().forEach(to -> all.addAll(to.keySet()));
    return all;
  }

  /** The keras4j packages {@code pkg} uses, in name order. */
  Set<String> uses(String pkg) {
    return edges.getOrDefault(pkg, Map.of()).keySet();
  }

  /** Whether {@code from} uses {@code to}. */
  boolean hasEdge(String from, String to) {
    return uses(from).contains(to);
  }

  /** {@code "backend → layers (backend.Executor uses layers.Layer)"}: an edge and one use. */
  String describe(String from, String to) {
    return from + " → " + to + " (" + edges.get(from).get(to) + ")";
  }

  /** {@code "a → b (a.X uses b.Y) → a (b.Y uses a.Z)"}: a cycle and one use per edge. */
  String describe(List<String[]> cycle) {
    StringBuilder text = new StringBuilder(cycle.get(0)[0]);
    for (String[] edge : cycle) {
      text.append(" → ").append(edge[1]).append(" (").append(edges.get(edge[0]).get(edge[1]))
          .append(")");
    }
    return text.toString();
  }

  /**
   * One cycle of each strongly connected component with more than one package, once the {@code
   * ignored} edges ({@code "from -> to"}) are taken out: each as the list of its edges, {@code
   * a → b}, {@code b → c}, ..., back to {@code a}. Empty when the rest of the graph is acyclic.
   */
  List<List<String[]>> cycles(Set<String> ignored) {
    Map<String, List<String>> kept = new TreeMap<>();
    for (String from : packages()) {
      kept.put(from, uses(from).stream().filter(to -> !ignored.contains(from + " -> " + to))
          .toList());
    }
    List<List<String[]>> out = new ArrayList<>();
    for (Set<String> component : new Tarjan(kept).components) {
      if (component.size() > 1) {
        out.add(shortestCycle(kept, component));
      }
    }
    return out;
  }

  /** A shortest cycle through the first package of {@code component}, by breadth-first search. */
  private static List<String[]> shortestCycle(
      Map<String, List<String>> graph, Set<String> component) {
    String start = component.iterator().next();
    Map<String, String> parent = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String node = queue.removeFirst();
      for (String next : graph.get(node)) {
        if (next.equals(start)) {
          List<String[]> cycle = new ArrayList<>();
          cycle.add(new String[] {node, start});
          for (String n = node; !n.equals(start); n = parent.get(n)) {
            cycle.add(0, new String[] {parent.get(n), n});
          }
          return cycle;
        }
        if (component.contains(next) && !parent.containsKey(next)) {
          parent.put(next, node);
          queue.addLast(next);
        }
      }
    }
    throw new IllegalStateException("a strongly connected component without a cycle: " + component);
  }

  /** Tarjan's strongly connected components, each in name order. */
  private static final class Tarjan {
    final List<Set<String>> components = new ArrayList<>();
    private final Map<String, List<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();

    Tarjan(Map<String, List<String>> graph) {
      this.graph = graph;
      graph.keySet().forEach(node -> {
        if (!index.containsKey(node)) {
          visit(node);
        }
      });
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.push(node);
      onStack.add(node);
      for (String next : graph.getOrDefault(node, List.of())) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        components.add(component);
      }
    }
  }

  /** The class names one class file mentions, read from its constant pool (JVMS §4.4). */
  private static final class ClassRefs {
    final String name;
    final Set<String> used = new TreeSet<>();

    static ClassRefs read(Path classFile) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(classFile))) {
        return new ClassRefs(new DataInputStream(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + classFile, e);
      }
    }

    private ClassRefs(DataInputStream in) throws IOException {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IOException("not a class file");
      }
      in.readUnsignedShort(); // minor version
      in.readUnsignedShort(); // major version
      int count = in.readUnsignedShort();
      Map<Integer, String> utf8 = new LinkedHashMap<>();
      Map<Integer, Integer> classes = new HashMap<>(); // CONSTANT_Class → its name's Utf8
      BitSet literals = new BitSet();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8.put(i, in.readUTF());
          case 7 -> classes.put(i, in.readUnsignedShort());
          case 8 -> literals.set(in.readUnsignedShort());
          case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
          case 15 -> in.skipBytes(3); // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++; // a long or double takes two entries
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort(); // access flags
      this.name = utf8.get(classes.get(in.readUnsignedShort()));
      Set<Integer> classNames = Set.copyOf(classes.values());
      utf8.forEach((index, text) -> {
        if (classNames.contains(index) && !text.startsWith("[")) {
          used.add(text);
        } else if (!literals.get(index)) {
          // Descriptors, generic signatures and array class names mention types as Lname;.
          Matcher m = TYPE_IN_DESCRIPTOR.matcher(text);
          while (m.find()) {
            used.add(m.group(1));
          }
        }
      });
    }
  }
}
