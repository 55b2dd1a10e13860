package keras4j.tuner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import keras4j.core.FitArg;
import keras4j.core.Kwarg;
import keras4j.core.TunerArg;
import keras4j.models.Model;

/**
 * Hyperband, as KerasTuner's {@code Hyperband} and its {@code HyperbandOracle} (Li et al., JMLR
 * 18, 2018): brackets of successive halving, from the most aggressive (many random trials of
 * few epochs, the best third trained on, ...) to plain random search at {@code maxEpochs}.
 *
 * <p>Bracket {@code b} (from {@code B - 1} down to 0, where {@code B} is how many times {@code
 * maxEpochs} can be divided by {@code factor} while it stays at least 1) has {@code b + 1}
 * rounds; round {@code r} has {@code ceil(ceil(1 + log_factor(maxEpochs)) / (b + 1) *
 * factor^(b - r))} trials trained up to epoch {@code ceil(maxEpochs / factor^(b - r))}. Round 0
 * draws its trials at random; each trial of a later round continues the best trial of the
 * previous round not yet continued, from that trial's best-epoch checkpoint. Every trial's values
 * carry KerasTuner's {@code tuner/epochs}, {@code tuner/initial_epoch}, {@code tuner/bracket},
 * {@code tuner/round} and, for a continued trial, {@code tuner/trial_id}; {@code search} trains
 * it with {@code epochs} and {@code initialEpoch} set from them. One Hyperband iteration is all
 * the brackets; {@code hyperbandIterations} runs them again. Trial ids are four digits ({@code
 * "0000"}), as KerasTuner's without {@code max_trials}.
 *
 * <p>The schedule is replayed from the recorded trials, so a resumed search continues it where it
 * stopped.
 */
public final class Hyperband extends Tuner {
  private static final Set<String> ACCEPTED =
      accepted(false, "max_epochs", "factor", "hyperband_iterations");

  private final int maxEpochs;
  private final int factor;
  private final int iterations;

  /**
   * A Hyperband search.
   *
   * @param hypermodel builds and compiles a model from a trial's hyperparameters
   * @param args {@code objective(..)}, {@code maxEpochs(..)} (default 100), {@code factor(..)}
   *     (default 3), {@code hyperbandIterations(..)} (default 1), {@code seed(..)}, {@code
   *     directory(..)}, {@code projectName(..)}, {@code overwrite(..)}; not {@code maxTrials},
   *     which Hyperband's schedule decides
   * @throws IllegalArgumentException if an argument is invalid
   */
  public Hyperband(Function<HyperParameters, Model> hypermodel, TunerArg... args) {
    super(hypermodel, null, ACCEPTED, args);
    this.maxEpochs = (Integer) arg("max_epochs", 100);
    this.factor = (Integer) arg("factor", 3);
    this.iterations = (Integer) arg("hyperband_iterations", 1);
  }

  @Override
  protected Map<String, Object> nextValues(int trialIndex, Set<String> tried) {
    List<Trial> trials = trials();
    Schedule schedule = new Schedule();
    for (int i = 0; i < trials.size(); i++) {
      schedule.replay(trials.subList(0, i), trials.get(i));
    }
    return schedule.next(trials, () -> randomValues(trialIndex, tried));
  }

  @Override
  Model build(HyperParameters hp) {
    Model model = super.build(hp);
    Object parent = hp.values().get("tuner/trial_id");
    // A continued trial starts from the best epoch of the trial it continues, as KerasTuner.
    return parent == null ? model : withWeights(model, checkpoint((String) parent));
  }

  @Override
  List<FitArg> trialFitArgs(Map<String, Object> values) {
    return List.of(new Kwarg("epochs", number(values, "tuner/epochs")),
        new Kwarg("initial_epoch", number(values, "tuner/initial_epoch")));
  }

  /** KerasTuner's {@code _get_num_brackets}. */
  int brackets() {
    double epochs = maxEpochs;
    int brackets = 0;
    while (epochs >= 1) {
      epochs = epochs / factor;
      brackets++;
    }
    return brackets;
  }

  /** KerasTuner's {@code _get_size}: the trials of a round, each bracket about as costly. */
  int size(int bracket, int round) {
    // Python's math.log(x, base) is log(x) / log(base), rounding included: log_3 9 is 2.0 there
    // and with Math.log (checked for every x to 1000 and base to 10), 2.0000000000000004 with
    // StrictMath.log, which would add a trial to every round.
    double lastRoundOfBracket0 = Math.ceil(1 + Math.log(maxEpochs) / Math.log(factor));
    return (int) Math.ceil(lastRoundOfBracket0 / (bracket + 1) * Math.pow(factor, bracket - round));
  }

  /** KerasTuner's {@code _get_epochs}: the epoch a round's trials train up to. */
  int epochs(int bracket, int round) {
    return (int) Math.ceil(maxEpochs / Math.pow(factor, bracket - round));
  }

  private static int number(Map<String, Object> values, String name) {
    return ((Number) values.get(name)).intValue();
  }

  /** A trial of a round: its id and the id of the trial it continues (null in round 0). */
  private record Entry(String pastId, String id) {}

  /** A bracket's rounds, each the trials created for it so far. */
  private record Bracket(int num, List<List<Entry>> rounds) {
    Bracket(int num) {
      this(num, new ArrayList<>());
      for (int r = 0; r <= num; r++) {
        rounds.add(new ArrayList<>());
      }
    }
  }

  /** What the oracle decides for a trial: a round of a bracket, and the trial it continues. */
  private record Plan(Bracket bracket, int round, Trial parent, int currentBracket) {}

  /** KerasTuner's oracle state: the open brackets, the current bracket and iteration. */
  private final class Schedule {
    private int current = brackets() - 1;
    private int iteration;
    private final List<Bracket> open = new ArrayList<>(List.of(new Bracket(current)));

    /** KerasTuner's {@code populate_space} given the finished trials, or null to stop. */
    private Plan plan(List<Trial> done) {
      open.removeIf(b -> b.rounds().get(b.num()).size() == size(b.num(), b.num()));
      for (Bracket b : open) {
        if (b.rounds().get(0).size() < size(b.num(), 0)) {
          return new Plan(b, 0, null, current);
        }
        for (int r = 1; r < b.rounds().size(); r++) {
          Set<String> continued = new HashSet<>();
          b.rounds().get(r).forEach(e -> continued.add(e.pastId()));
          Trial best = null;
          int candidates = 0;
          for (Entry e : b.rounds().get(r - 1)) {
            Trial t = find(done, e.id());
            if (continued.contains(e.id()) || t == null || !Trial.COMPLETED.equals(t.status())) {
              continue;
            }
            candidates++;
            // The first of equal scores, as Python's stable sort.
            if (best == null || objective().better(t.score(), best.score())) {
              best = t;
            }
          }
          // More finished than the round throws away: the best of them goes on.
          if (candidates > size(b.num(), r - 1) - size(b.num(), r)) {
            return new Plan(b, r, best, current);
          }
        }
      }
      if (current == 0 && iteration + 1 == iterations) {
        return null;
      }
      current--;
      if (current < 0) {
        current = brackets() - 1;
        iteration++;
      }
      Bracket b = new Bracket(current);
      open.add(b);
      return new Plan(b, 0, null, current);
    }

    /** Replays the creation of recorded {@code trial}, checking it is what the oracle decides. */
    void replay(List<Trial> before, Trial trial) {
      Plan plan = plan(before);
      Map<String, Object> v = trial.hyperparameters();
      boolean same = plan != null && v.containsKey("tuner/bracket") && v.containsKey("tuner/round")
          && number(v, "tuner/bracket") == plan.currentBracket()
          && number(v, "tuner/round") == plan.round()
          && Objects.equals(v.get("tuner/trial_id"),
              plan.parent() == null ? null : plan.parent().trialId());
      if (!same) {
        throw new IllegalStateException("Trial " + trial.trialId() + " in this project is not"
            + " the trial this Hyperband (maxEpochs " + maxEpochs + ", factor " + factor
            + ", hyperbandIterations " + iterations + ") would have made: the project was made"
            + " by another tuner or other arguments. Give those arguments, another projectName,"
            + " or overwrite(true)");
      }
      plan.bracket().rounds().get(plan.round()).add(new Entry(
          plan.parent() == null ? null : plan.parent().trialId(), trial.trialId()));
    }

    /** The values of the next trial, or null when the schedule is done or the space spent. */
    Map<String, Object> next(List<Trial> done, Supplier<Map<String, Object>> random) {
      Plan plan = plan(done);
      if (plan == null) {
        return null;
      }
      int b = plan.bracket().num();
      Map<String, Object> values;
      if (plan.parent() == null) {
        values = random.get();
        if (values == null) {
          return null;
        }
        values.put("tuner/epochs", epochs(b, 0));
        values.put("tuner/initial_epoch", 0);
      } else {
        values = new LinkedHashMap<>(plan.parent().hyperparameters());
        values.put("tuner/trial_id", plan.parent().trialId());
        values.put("tuner/epochs", epochs(b, plan.round()));
        values.put("tuner/initial_epoch", epochs(b, plan.round() - 1));
      }
      values.put("tuner/bracket", plan.currentBracket());
      values.put("tuner/round", plan.round());
      return values;
    }
  }

  private static Trial find(List<Trial> trials, String id) {
    for (Trial t : trials) {
      if (t.trialId().equals(id)) {
        return t;
      }
    }
    return null;
  }
}
