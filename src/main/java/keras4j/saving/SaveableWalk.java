package keras4j.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keras4j.core.Variable;
import keras4j.utils.Naming;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Keras 3's weights layout, as {@code saving_lib._save_state} / {@code _load_state} walk it: every
 * {@link KerasSaveable} keeps its own variables in {@code <path>/vars/0..n-1} (with its name as
 * the group's {@code name} attribute) and its children nest under {@code <path>/<attribute>}; a
 * container's elements are named by class and counter ({@code layers/dense}, {@code
 * layers/dense_1}), and an object met twice (a shared layer) is saved once.
 */
final class SaveableWalk {
  private SaveableWalk() {}

  /** Writes {@code root}'s state, and its children's, into {@code out}. */
  static void save(KerasSaveable root, H5Writer out) {
    save(root, out, "", identitySet());
  }

  private static void save(KerasSaveable object, H5Writer out, String path,
      Set<KerasSaveable> visited) {
    if (!visited.add(object)) {
      return;
    }
    object.saveOwnVariables(new H5WeightWriter(out, join(path, "vars"), object.name()));
    for (SaveableChild child : object.saveableChildren()) {
      String base = join(path, child.attribute());
      Map<String, Integer> counts = new HashMap<>();
      for (KerasSaveable element : child.objects()) {
        save(element, out, child.container() ? join(base, groupName(element, counts)) : base,
            visited);
      }
    }
  }

  /** A store that {@code root} and its children have been counted into, reading no values. */
  static H5WeightWriter count(KerasSaveable root) {
    H5WeightWriter counter = H5WeightWriter.counting();
    count(root, counter, identitySet());
    return counter;
  }

  private static void count(KerasSaveable object, H5WeightWriter counter,
      Set<KerasSaveable> visited) {
    if (visited.add(object)) {
      object.saveOwnVariables(counter);
      for (SaveableChild child : object.saveableChildren()) {
        for (KerasSaveable element : child.objects()) {
          count(element, counter, visited);
        }
      }
    }
  }

  /**
   * Loads {@code root}'s state, and its children's, from {@code file}: every value is checked
   * before any variable is assigned. {@code what} names the file in errors.
   */
  static void load(KerasSaveable root, Group file, String what) {
    Map<Variable, FloatNdArray> pending = new LinkedHashMap<>();
    List<String> unused = new ArrayList<>();
    try {
      load(root, file, "", identitySet(), pending, unused);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(what + " has weights for " + unused + ", which '"
          + root.name() + "' does not have: the file was saved from a different architecture");
    }
    pending.forEach(Variable::assign);
  }

  private static void load(KerasSaveable object, Group group, String path,
      Set<KerasSaveable> visited, Map<Variable, FloatNdArray> pending, List<String> unused) {
    if (!visited.add(object)) {
      return;
    }
    Group vars = child(group, "vars");
    object.loadOwnVariables(vars == null
        ? new H5WeightReader(null, join(path, "vars"), pending)
        : new H5WeightReader(numbered(vars), named(vars), join(path, "vars"), pending));
    for (SaveableChild child : object.saveableChildren()) {
      String base = join(path, child.attribute());
      Group childGroup = child(group, child.attribute());
      if (!child.container()) {
        for (KerasSaveable element : child.objects()) {
          load(element, childGroup, base, visited, pending, unused);
        }
        continue;
      }
      Map<String, Integer> counts = new HashMap<>();
      List<String> used = new ArrayList<>();
      for (KerasSaveable element : child.objects()) {
        String name = groupName(element, counts);
        used.add(name);
        load(element, child(childGroup, name), join(base, name), visited, pending, unused);
      }
      if (childGroup != null) {
        for (Node node : childGroup) {
          if (!used.contains(node.getName()) && node instanceof Group g && hasData(g)) {
            unused.add(join(base, node.getName()));
          }
        }
      }
    }
  }

  /**
   * Gives {@code root} and its children their assets: {@code assets/<path>/<file>} of the archive
   * {@code files} reads (null for a missing file).
   */
  static void loadAssets(KerasSaveable root, java.util.function.Function<String, byte[]> files) {
    loadAssets(root, files, "", identitySet());
  }

  private static void loadAssets(KerasSaveable object,
      java.util.function.Function<String, byte[]> files, String path, Set<KerasSaveable> visited) {
    if (!visited.add(object)) {
      return;
    }
    object.loadAssets(new Assets(files, KerasArchive.ASSETS + (path.isEmpty() ? "" : path + "/")));
    for (SaveableChild child : object.saveableChildren()) {
      String base = join(path, child.attribute());
      Map<String, Integer> counts = new HashMap<>();
      for (KerasSaveable element : child.objects()) {
        loadAssets(element, files,
            child.container() ? join(base, groupName(element, counts)) : base, visited);
      }
    }
  }

  /** {@code dense}, {@code dense_1}, ...: Keras's per-class counter over a container. */
  private static String groupName(KerasSaveable object, Map<String, Integer> counts) {
    String base = Naming.toSnakeCase(object.kerasClassName());
    int n = counts.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }

  /**
   * The datasets "0", "1", ... of a Keras {@code vars} group, in numeric order; a dataset named
   * otherwise is state a layer saves by name (a lookup's {@code idf_weights}), not a variable.
   */
  static List<Dataset> numbered(Group vars) {
    List<Dataset> out = new ArrayList<>();
    Map<String, Node> children = vars.getChildren();
    for (int i = 0; children.get(Integer.toString(i)) instanceof Dataset d; i++) {
      out.add(d);
    }
    long named = children.keySet().stream().filter(k -> !k.matches("[0-9]+")).count();
    if (out.size() + named != children.size()) {
      throw new IllegalArgumentException(vars.getPath() + " should hold datasets named 0.."
          + (children.size() - 1) + " but holds " + children.keySet());
    }
    return out;
  }

  /** The datasets of a Keras {@code vars} group named otherwise than "0", "1", ..., by name. */
  static Map<String, Dataset> named(Group vars) {
    Map<String, Dataset> out = new HashMap<>();
    vars.getChildren().forEach((name, node) -> {
      if (!name.matches("[0-9]+") && node instanceof Dataset d) {
        out.put(name, d);
      }
    });
    return out;
  }

  private static Group child(Group group, String name) {
    return group == null ? null : H5Reader.childGroup(group, name);
  }

  private static boolean hasData(Group group) {
    for (Node child : group) {
      if (child instanceof Dataset || (child instanceof Group g && hasData(g))) {
        return true;
      }
    }
    return false;
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }

  private static Set<KerasSaveable> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
