package keras4j.tuner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import keras4j.callbacks.Callback;
import keras4j.callbacks.History;
import keras4j.callbacks.ModelCheckpoint;
import keras4j.core.FitArg;
import keras4j.core.Kwarg;
import keras4j.core.TunerArg;
import keras4j.data.Dataset;
import keras4j.models.Model;
import keras4j.saving.Json;
import keras4j.utils.RandomSeed;

/**
 * A hyperparameter search, as KerasTuner's {@code Tuner} and its oracle: each trial builds a
 * model from the trial's {@link HyperParameters}, trains it with the arguments given to {@link
 * #search}, and scores it by the {@link Objective}'s best epoch. Trials are recorded in {@code
 * <directory>/<projectName>/trial_<id>/} (their {@code trial.json} and weights); a new tuner on
 * the same project resumes (KerasTuner's {@code overwrite=False}): finished trials are loaded,
 * not run again, and a trial the previous search did not finish runs again.
 *
 * <p>Subclasses decide the next trial's values ({@link RandomSearch}, {@link GridSearch},
 * {@link Hyperband}).
 */
public abstract class Tuner {
  /** The arguments every tuner takes, as KerasTuner's {@code Tuner} and {@code Oracle}. */
  static final Set<String> ARGS =
      Set.of("objective", "max_trials", "seed", "directory", "project_name", "overwrite");
  /** {@link #ARGS}, without {@code max_trials} unless {@code maxTrials}, and {@code own}. */
  static Set<String> accepted(boolean maxTrials, String... own) {
    Set<String> names = new HashSet<>(ARGS);
    if (!maxTrials) {
      names.remove("max_trials");
    }
    names.addAll(Arrays.asList(own));
    return Set.copyOf(names);
  }

  /** Hyperband's bookkeeping values, left out of a trial's identity as KerasTuner does. */
  private static final Set<String> SCHEDULE =
      Set.of("tuner/epochs", "tuner/initial_epoch", "tuner/bracket", "tuner/round");
  private static final int MAX_COLLISIONS = 100;

  private final Function<HyperParameters, Model> hypermodel;
  private final Objective objective;
  private final Integer maxTrials;
  private final long seed;
  private final Path projectDir;
  private final Map<String, Object> kw;
  /** The search space, discovered by the builds. */
  final Map<String, HyperParameter> space = new LinkedHashMap<>();
  private final List<Trial> trials = new ArrayList<>();

  /**
   * A tuner of the models {@code hypermodel} builds.
   *
   * @param hypermodel builds and compiles a model from a trial's hyperparameters
   * @param defaultMaxTrials the most trials when {@code maxTrials} is not given (null: no limit)
   * @param args {@code objective(..)} (default {@code "val_loss"}), {@code maxTrials(..)},
   *     {@code seed(..)}, {@code directory(..)}, {@code projectName(..)}, {@code overwrite(..)}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws UncheckedIOException if the project directory cannot be read or made
   */
  protected Tuner(Function<HyperParameters, Model> hypermodel, Integer defaultMaxTrials,
      TunerArg... args) {
    this(hypermodel, defaultMaxTrials, ARGS, args);
  }

  /** A tuner taking the arguments {@code accepted} (the subclass reads its own with {@link #arg}). */
  Tuner(Function<HyperParameters, Model> hypermodel, Integer defaultMaxTrials,
      Set<String> accepted, TunerArg... args) {
    kw = Kwarg.parse(getClass().getSimpleName(), accepted, args);
    if (hypermodel == null) {
      throw new IllegalArgumentException("The hypermodel (a function building a model from"
          + " HyperParameters) is null");
    }
    this.hypermodel = hypermodel;
    this.objective = (Objective) kw.getOrDefault("objective", Objective.of("val_loss"));
    this.maxTrials = (Integer) kw.getOrDefault("max_trials", defaultMaxTrials);
    this.seed = kw.containsKey("seed") ? ((Number) kw.get("seed")).longValue()
        : RandomSeed.next();
    this.projectDir = Path.of((String) kw.getOrDefault("directory", "."),
        (String) kw.getOrDefault("project_name", "untitled_project"));
    try {
      if ((Boolean) kw.getOrDefault("overwrite", false)) {
        deleteRecursively(projectDir);
      }
      Files.createDirectories(projectDir);
      reload();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use the tuner's directory " + projectDir, e);
    }
  }

  /**
   * The values of the next trial, or null when the search is over.
   *
   * @param trialIndex the number of trials created before this one (finished or not)
   * @param tried the values of every trial so far, as {@link #key} strings
   * @return the values by name (the parameters not given take their defaults), or null
   */
  protected abstract Map<String, Object> nextValues(int trialIndex, Set<String> tried);

  /**
   * The tuner's seed, for subclasses drawing values.
   *
   * @return the seed
   */
  protected final long seed() {
    return seed;
  }

  /** The value of argument {@code name} given to the constructor, or {@code otherwise}. */
  final Object arg(String name, Object otherwise) {
    return kw.getOrDefault(name, otherwise);
  }

  /**
   * The random numbers of trial {@code trialIndex}: they depend only on the seed and the index,
   * so that a resumed search draws what the uninterrupted one would have.
   */
  final SplittableRandom random(int trialIndex) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * trialIndex);
  }

  /**
   * Every active hyperparameter drawn at random (its sampling: linear, log, ...), as KerasTuner's
   * {@code _random_values}; null when 100 draws were all {@code tried} before (the space is
   * spent).
   */
  final Map<String, Object> randomValues(int trialIndex, Set<String> tried) {
    SplittableRandom random = random(trialIndex);
    for (int attempt = 0; attempt < MAX_COLLISIONS; attempt++) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (HyperParameter hp : space.values()) {
        if (hp.active(values)) {
          values.put(hp.name, hp.sample(random));
        }
      }
      if (!tried.contains(key(values))) {
        return values;
      }
    }
    return null;
  }

  /** The model of a trial: the hypermodel's (Hyperband's continued trials load a checkpoint). */
  Model build(HyperParameters hp) {
    return hypermodel.apply(hp);
  }

  /** The fit arguments a trial adds to the search's, such as Hyperband's epochs (none here). */
  List<FitArg> trialFitArgs(Map<String, Object> values) {
    return List.of();
  }

  /** {@code model} with the weights in {@code file}; closed if they do not load. */
  static Model withWeights(Model model, Path file) {
    try {
      model.loadWeights(file);
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Where trial {@code trialId} keeps the weights of its best epoch. */
  final Path checkpoint(String trialId) {
    return projectDir.resolve("trial_" + trialId).resolve("checkpoint.weights.h5");
  }

  /**
   * Runs the trials: trains on {@code x}, {@code y} with {@code args}, as {@code model.fit}.
   *
   * @param x the training samples
   * @param y their labels
   * @param args fit arguments, e.g. {@code epochs(5), validationData(xVal, yVal)}
   */
  public final void search(Object x, Object y, FitArg... args) {
    run((model, trialArgs) -> model.fit(x, y, join(args, trialArgs)));
  }

  /**
   * Runs the trials, training on a dataset with {@code args}.
   *
   * @param data the training batches
   * @param args fit arguments, e.g. {@code epochs(5), validationData(valDataset)}
   */
  public final void search(Dataset data, FitArg... args) {
    run((model, trialArgs) -> model.fit(data, join(args, trialArgs)));
  }

  /**
   * The search's fit arguments with a trial's own after them (the later of two wins), the
   * trial's callbacks appended to the search's.
   */
  @SuppressWarnings("unchecked")
  private static FitArg[] join(FitArg[] given, List<FitArg> trialArgs) {
    List<FitArg> out = new ArrayList<>();
    List<Callback> callbacks = new ArrayList<>();
    for (FitArg arg : Stream.concat(Arrays.stream(given), trialArgs.stream()).toList()) {
      Kwarg kwarg = (Kwarg) arg;
      if (kwarg.name().equals("callbacks")) {
        callbacks.addAll((List<Callback>) kwarg.value());
      } else {
        out.add(arg);
      }
    }
    out.add(new Kwarg("callbacks", callbacks));
    return out.toArray(FitArg[]::new);
  }

  private void run(BiFunction<Model, List<FitArg>, History> fit) {
    discoverSpace();
    // Values read back from trial.json (JSON numbers) as the space's types.
    trials.replaceAll(t -> new Trial(t.trialId(),
        new LinkedHashMap<>(new HyperParameters(space, t.hyperparameters()).values()), t.score(),
        t.bestStep(), t.status()));
    // A trial the last search left unfinished runs again first, with its values.
    for (Trial t : List.copyOf(trials)) {
      if (!Trial.COMPLETED.equals(t.status())) {
        runTrial(t.trialId(), t.hyperparameters(), fit);
      }
    }
    while (maxTrials == null || completed() < maxTrials) {
      Set<String> tried = new HashSet<>();
      trials.forEach(t -> tried.add(key(t.hyperparameters())));
      Map<String, Object> values = nextValues(trials.size(), tried);
      if (values == null) {
        break;
      }
      runTrial(id(trials.size()), values, fit);
    }
  }

  private long completed() {
    return trials.stream().filter(t -> Trial.COMPLETED.equals(t.status())).count();
  }

  private String id(int index) {
    // KerasTuner's width, len(str(max_trials)): 4 digits without a limit ("None").
    int width = maxTrials == null ? 4 : String.valueOf(maxTrials).length();
    return String.format("%0" + width + "d", index);
  }

  private void runTrial(String id, Map<String, Object> given,
      BiFunction<Model, List<FitArg>, History> fit) {
    HyperParameters hp = new HyperParameters(space, given);
    try (Model model = build(hp)) {
      Map<String, Object> values = new LinkedHashMap<>(hp.values());
      record(new Trial(id, values, null, 0, Trial.RUNNING));
      // As KerasTuner's SaveBestEpoch: the checkpoint holds the weights of the best epoch.
      ModelCheckpoint best = new ModelCheckpoint(checkpoint(id).toString()).saveBestOnly(true)
          .saveWeightsOnly(true).monitor(objective.name()).mode(objective.direction());
      List<FitArg> trialArgs = new ArrayList<>(trialFitArgs(values));
      trialArgs.add(new Kwarg("callbacks", List.of(best)));
      History history = fit.apply(model, trialArgs);
      List<Double> scores = history.history().get(objective.name());
      if (scores == null) {
        throw new IllegalArgumentException("The objective '" + objective.name() + "' is not"
            + " among the training logs " + history.history().keySet() + ": compile the metric"
            + " and give validation data, or choose another objective");
      }
      int bestEpoch = 0;
      for (int e = 1; e < scores.size(); e++) {
        if (objective.better(scores.get(e), scores.get(bestEpoch))) {
          bestEpoch = e;
        }
      }
      record(new Trial(id, values, scores.get(bestEpoch), history.epochs().get(bestEpoch),
          Trial.COMPLETED));
    }
  }

  /** Puts {@code trial} in the list and writes its trial.json (atomically). */
  private void record(Trial trial) {
    trials.replaceAll(t -> t.trialId().equals(trial.trialId()) ? trial : t);
    if (!trials.contains(trial)) {
      trials.add(trial);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("trial_id", trial.trialId());
    json.put("hyperparameters", Map.of("values", trial.hyperparameters()));
    json.put("score", trial.score());
    json.put("best_step", trial.bestStep());
    json.put("status", trial.status());
    Path dir = projectDir.resolve("trial_" + trial.trialId());
    try {
      Files.createDirectories(dir);
      Path temporary = dir.resolve("trial.json.tmp");
      Files.writeString(temporary, Json.write(json), StandardCharsets.UTF_8);
      Files.move(temporary, dir.resolve("trial.json"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record trial " + trial.trialId() + " in " + dir, e);
    }
  }

  @SuppressWarnings("unchecked")
  private void reload() throws IOException {
    try (Stream<Path> dirs = Files.list(projectDir)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("trial_")).sorted()
          .toList()) {
        Path file = dir.resolve("trial.json");
        if (!Files.exists(file)) {
          continue; // killed before its first record
        }
        Map<String, Object> json;
        try {
          json = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("The trial record " + file + " is damaged: " + e
              .getMessage() + ". Delete the trial's directory, or start afresh with"
              + " overwrite(true)", e);
        }
        Map<String, Object> values = (Map<String, Object>)
            ((Map<String, Object>) json.get("hyperparameters")).get("values");
        Object score = json.get("score");
        trials.add(new Trial((String) json.get("trial_id"), new LinkedHashMap<>(values),
            score == null ? null : ((Number) score).doubleValue(),
            ((Number) json.get("best_step")).intValue(), (String) json.get("status")));
      }
    }
  }

  /**
   * Builds the model once with the default values, then once per value of each Choice and
   * Boolean, so that the parameters of conditional scopes join the space before the first trial
   * (as KerasTuner's initial space population). The models are closed unused.
   */
  private void discoverSpace() {
    List<Map<String, Object>> pending = new ArrayList<>(List.of(Map.of()));
    Set<String> seen = new HashSet<>();
    boolean root = true;
    while (!pending.isEmpty()) {
      Map<String, Object> values = pending.remove(pending.size() - 1);
      if (!seen.add(key(values))) {
        continue;
      }
      int known = space.size();
      HyperParameters hp = new HyperParameters(space, values);
      hypermodel.apply(hp).close();
      // One value changed at a time, from the defaults and from each build that found new
      // parameters: enough to reach every scope without building the whole product.
      if (root || space.size() > known) {
        for (HyperParameter p : List.copyOf(space.values())) {
          if (p instanceof HyperParameter.Choice || p instanceof HyperParameter.Flag) {
            for (Object v : p.grid()) {
              Map<String, Object> next = new LinkedHashMap<>(hp.values());
              next.put(p.name, v);
              pending.add(next);
            }
          }
        }
      }
      root = false;
    }
  }

  /**
   * A canonical text of {@code values}: the same for the same values in any order; Hyperband's
   * epochs, bracket and round do not count (its {@code tuner/trial_id} does), as KerasTuner's
   * hash of a trial.
   */
  static String key(Map<String, Object> values) {
    Map<String, Object> sorted = new TreeMap<>();
    values.forEach((k, v) -> {
      if (!SCHEDULE.contains(k)) {
        sorted.put(k, v instanceof Number n ? n.doubleValue() : v);
      }
    });
    return Json.write(sorted);
  }

  /**
   * The finished trials, best first.
   *
   * @param n the most trials to return
   * @return up to {@code n} trials
   */
  public final List<Trial> getBestTrials(int n) {
    Comparator<Trial> byScore = Comparator.comparingDouble(Trial::score);
    return trials.stream().filter(t -> t.score() != null)
        .sorted("min".equals(objective.direction()) ? byScore : byScore.reversed())
        .limit(n).toList();
  }

  /**
   * The hyperparameters of the best trials, best first, as KerasTuner's {@code
   * get_best_hyperparameters}.
   *
   * @param n the most to return
   * @return up to {@code n} hyperparameter sets
   */
  public final List<HyperParameters> getBestHyperparameters(int n) {
    return getBestTrials(n).stream().map(t -> new HyperParameters(space, t.hyperparameters()))
        .toList();
  }

  /**
   * The models of the best trials, best first, rebuilt with their hyperparameters and the
   * weights of their best epoch (as KerasTuner); the caller closes them.
   *
   * @param n the most to return
   * @return up to {@code n} models
   */
  public final List<Model> getBestModels(int n) {
    List<Model> out = new ArrayList<>();
    for (Trial t : getBestTrials(n)) {
      out.add(withWeights(hypermodel.apply(new HyperParameters(space, t.hyperparameters())),
          checkpoint(t.trialId())));
    }
    return out;
  }

  /**
   * Every trial recorded so far, in the order they were created.
   *
   * @return the trials
   */
  public final List<Trial> trials() {
    return List.copyOf(trials);
  }

  /**
   * The objective.
   *
   * @return what the search optimises
   */
  public final Objective objective() {
    return objective;
  }

  /** Prints {@link #resultsSummaryText(int) resultsSummaryText(10)}, as KerasTuner. */
  public final void resultsSummary() {
    resultsSummary(10);
  }

  /**
   * Prints the {@code n} best trials, as KerasTuner's {@code results_summary(num_trials)}.
   *
   * @param n the number of trials to show
   */
  public final void resultsSummary(int n) {
    System.out.print(resultsSummaryText(n));
  }

  /**
   * KerasTuner's {@code results_summary} text: the project directory, the objective, then each
   * of the {@code n} best trials' summaries.
   *
   * @param n the number of trials to show
   * @return the text
   */
  public final String resultsSummaryText(int n) {
    StringBuilder out = new StringBuilder("Results summary\nResults in " + projectDir
        + "\nShowing " + n + " best trials\n" + objective + "\n");
    getBestTrials(n).forEach(t -> out.append('\n').append(t.summary()));
    return out.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
