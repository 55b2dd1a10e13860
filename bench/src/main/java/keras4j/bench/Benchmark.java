package keras4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import keras4j.data.Batch;
import keras4j.data.Dataset;
import keras4j.utils.RandomSeed;

/**
 * keras4j's speed against a hand-written TensorFlow Java loop, measured in one run on
 * Fashion-MNIST; prints markdown tables. Run it with {@code bench/run} (which compiles first).
 *
 * <p>Sections, all on by default ({@code
 * --sections=predict,train,cnn,lstm,sweep,data,peers,precision,startup,memory,lstm-memory,explain} picks some):
 * <ul>
 *   <li>predict: latency of {@code predict} and of a raw {@code Session.run} of the same graph,
 *       1 row and 128 rows, p50 and p99.
 *   <li>train: samples/s of {@code fit} and of the hand-written loop ({@link RawMlp}) on
 *       784-128-10 and 784-512-512-10 ({@code --model=784-128-10} picks one), batch 128, median
 *       of {@code --rounds} (7) epochs taken in turns, so that a busy machine slows every
 *       contender alike; ratios, and the share of the matmul ceiling.
 *   <li>cnn: samples/s of {@code fit} and of a hand-written TF Java loop of the same small CNN
 *       ({@link RawNet#cnn}: Conv2D-BatchNormalization-ReLU-MaxPooling2D twice, Dense) on the
 *       first {@code --cnn-samples} (6144) training images, batch 128, median of {@code
 *       --rounds} epochs in turns; ratios to the loop with TF's threads and with the same.
 *   <li>lstm: the same for Embedding-LSTM(64)-Dense ({@link RawLstm}, unrolled in raw ops) on
 *       {@code --lstm-samples} (2560) generated sequences of 80 word ids ({@link SequenceData}).
 *       With {@code --python=PATH} (a Python with keras and tensorflow), cnn and lstm also time
 *       Keras's own {@code fit} of the same model on the same arrays ({@link PythonKeras}).
 *   <li>sweep: hidden width 128/512/2048 by batch 32/128/512 (784-h-10), samples/s and share of
 *       the ceiling.
 *   <li>data: samples/s of {@code fit} on a {@code Dataset} against {@code fit} on the arrays
 *       (784-128-10, batch 128, in turns): the arrays as a shuffled dataset of samples batched
 *       again, a generator of batches ready in memory, with and without a sleep of 1 ms per
 *       batch, with and without {@code prefetch(2)}, and a {@code PyDataset} whose 2 workers
 *       copy each batch from the arrays after sleeping 1 ms; then the generators again at
 *       batch 256, where a step takes longer than the sleep.
 *   <li>startup: fresh JVMs on the small MLP: time from JVM start to the first finished batch;
 *       RSS after epochs 2 and 20, peak RSS and test accuracy after 20 epochs.
 *   <li>memory: fresh JVMs on the small MLP, one epoch each: peak RSS (VmHWM), median of {@code
 *       --rounds} JVMs taken in turns, and its ratio to the hand-written loop's.
 *   <li>lstm-memory: fresh JVMs training the LSTM 1,000 steps ({@link LstmMemory}): graph
 *       operations and RSS after steps 100 and 1,000, which must stay flat.
 *   <li>explain: integrated gradients of 100 digits images at 64 steps ({@link ExplainBench}).
 *   <li>peers: with {@code --python=PATH}, the train section's MLPs in Keras 3 (TensorFlow and
 *       JAX backends) and PyTorch ({@link PythonKeras}; {@code --peers=tensorflow,jax,torch}),
 *       against the hand-written loop and tuned keras4j (with and without XLA) in the same run.
 *   <li>precision: the 2048x2048 matmul ceiling in bfloat16 against float32, and the CPU's flags.
 * </ul>
 *
 * <p>Contenders are specs: {@code raw:INTER[:INTRA]} is the hand-written loop, {@code
 * keras:STEPS:INTER[:INTRA]} is keras4j {@code fit} with {@code stepsPerExecution(STEPS)} ({@code
 * xla:...} the same with {@code jitCompile(true)}), with
 * INTER inter-op threads and INTRA intra-op threads. TensorFlow sizes the intra-op pool once per
 * process, so a spec with INTRA other than 0 trains in a JVM of its own ({@link RemoteEngine}),
 * still in turns with the others. {@code --engines=spec,spec,...} replaces the train section's
 * list; {@code --steps=16} and {@code --inter=-1} set the tuned keras4j rows.
 *
 * <p>Shares of the matmul ceiling count the FLOPs a training step needs: per multiply-add of
 * the kernels, 2 forward, 2 for the kernel's gradient and 2 for the gradient of the layer's input,
 * which the first layer does not need (TF skips it). The training table also gives the share with
 * 6 FLOPs per weight, the cruder count of the issue that set the targets. The ceiling is the
 * median of 2048x2048 MatMul runs measured between the rounds of the same section, so that both
 * see the same machine load.
 */
public final class Benchmark {
  private static final int[] SMALL = {784, 128, 10};
  private static final int[] LARGE = {784, 512, 512, 10};
  private static final int BATCH = 128;

  private final Map<String, String> options;
  private final int rounds;
  private final int tunedSteps;
  private final int tunedInterOp;
  private final List<Double> ceilings = new ArrayList<>();
  private final List<Double> allCeilings = new ArrayList<>();
  private final MatmulCeiling ceiling;
  private String pythonVersions;

  private Benchmark(Map<String, String> options) {
    this.options = options;
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "7"));
    this.tunedSteps = Integer.parseInt(options.getOrDefault("steps", "16"));
    this.tunedInterOp = Integer.parseInt(options.getOrDefault("inter", "-1"));
    // The first session sizes TensorFlow's intra-op pool for the whole process: TF's default.
    this.ceiling = new MatmulCeiling();
  }

  /** The tuned keras4j spec: stepsPerExecution and inter-op threads from the options. */
  private String tuned(int intraOpThreads) {
    return "keras:" + tunedSteps + ":" + tunedInterOp
        + (intraOpThreads == 0 ? "" : ":" + intraOpThreads);
  }

  /** Runs the benchmark; {@code --name=value} options as the class comment lists. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    List<String> sections = List.of(options.getOrDefault("sections",
        "predict,train,cnn,lstm,sweep,data,peers,precision,startup,memory,lstm-memory,explain").split(","));
    Benchmark bench = new Benchmark(options);
    System.out.println("## keras4j benchmark: " + Runtime.getRuntime().availableProcessors()
        + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", rounds " + bench.rounds);
    FashionData[] data = FashionData.load();
    // Latency first, in a fresh process: run after the training sections, predict of 128 rows
    // once measured 6x slower than alone, which says more about the heap left behind.
    if (sections.contains("predict")) {
      bench.predict(data[1]);
    }
    if (sections.contains("train")) {
      bench.train(data[0]);
    }
    if (sections.contains("cnn")) {
      bench.cnn(data[0]);
    }
    if (sections.contains("lstm")) {
      bench.lstm();
    }
    if (sections.contains("sweep")) {
      bench.sweep(data[0]);
    }
    if (sections.contains("peers")) {
      bench.peers(data[0]);
    }
    if (sections.contains("precision")) {
      bench.precision();
    }
    if (sections.contains("data")) {
      bench.data(data[0]);
    }
    if (sections.contains("startup")) {
      bench.startup();
    }
    if (sections.contains("memory")) {
      bench.memory();
    }
    if (sections.contains("lstm-memory")) {
      bench.lstmMemory();
    }
    if (sections.contains("explain")) {
      ExplainBench.run(bench.rounds);
    }
    bench.ceiling.close();
    RemoteEngine.shutdown();
    if (!bench.allCeilings.isEmpty()) {
      System.out.println();
      System.out.println(Table.format("Matmul ceiling over the whole run: median %.0f GFLOP/s of"
          + " %d measurements (min %.0f, max %.0f).", Table.median(bench.allCeilings),
          bench.allCeilings.size(), Collections.min(bench.allCeilings),
          Collections.max(bench.allCeilings)));
    }
  }

  private void measureCeiling() {
    List<Double> gflops = ceiling.measure(1, 8);
    ceilings.addAll(gflops);
    allCeilings.addAll(gflops);
  }

  /** The median ceiling measured since the last call, which starts the next section. */
  private double sectionCeiling() {
    double median = Table.median(ceilings);
    ceilings.clear();
    return median;
  }

  // ---- training throughput

  /**
   * An engine by spec: "raw:INTER[:INTRA]" (the hand-written loop) or
   * "keras:STEPS:INTER[:INTRA]" (keras4j fit with stepsPerExecution STEPS), with the given
   * inter-op threads and, when INTRA is given and not 0, that many intra-op threads in a JVM of
   * its own.
   */
  private static Engine engine(String spec, int[] widths, FashionData data) {
    int intra = intraOf(spec);
    return intra == 0 ? localEngine(spec, widths, 0) : new RemoteEngine(spec, widths, intra, data);
  }

  /** An engine of this process, whose intra-op pool has {@code intra} threads. */
  static Engine localEngine(String spec, int[] widths, int intra) {
    String[] p = spec.split(":");
    RandomSeed.set(42);
    return p[0].equals("raw")
        ? new RawMlp(widths, 42, intra, Integer.parseInt(p[1]))
        : new KerasMlp(widths, Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[0].equals("xla"));
  }

  private static int intraOf(String spec) {
    String[] p = spec.split(":");
    int at = p[0].equals("raw") ? 2 : 3;
    return p.length > at ? Integer.parseInt(p[at]) : 0;
  }

  private static String interOf(String spec) {
    String[] p = spec.split(":");
    return p[p[0].equals("raw") ? 1 : 2];
  }

  static String label(String spec) {
    String[] p = spec.split(":");
    String threads = "inter-op " + threads(interOf(spec))
        + (intraOf(spec) == 0 ? "" : ", intra-op " + intraOf(spec));
    if (p[0].equals("py")) {
      return "Keras (Python) fit, steps_per_execution " + p[1] + ", TF default threads";
    }
    return p[0].equals("raw")
        ? "hand-written TF Java, 1 run/batch, " + threads
        : "keras4j fit" + (p[0].equals("xla") ? " + XLA" : "") + ", stepsPerExecution " + p[1]
            + ", " + threads;
  }

  private static String threads(String inter) {
    return switch (inter) {
      case "-1" -> "-1 (caller)";
      case "0" -> "0 (TF default)";
      default -> inter;
    };
  }

  /** The thread settings of a spec, to find the hand-written loop with the same ones. */
  private static String rawTwin(String spec) {
    return "raw:" + interOf(spec) + (intraOf(spec) == 0 ? "" : ":" + intraOf(spec));
  }

  static int[] widths(String name) {
    return Arrays.stream(name.split("-")).mapToInt(Integer::parseInt).toArray();
  }

  /** FLOPs of one training sample: 6 per multiply-add, 4 in the first layer. */
  private static double flopsPerSample(int[] widths) {
    double flops = 0;
    for (int i = 1; i < widths.length; i++) {
      flops += (i == 1 ? 4.0 : 6.0) * widths[i - 1] * widths[i];
    }
    return flops;
  }

  /** The count: 6 FLOPs per kernel weight. */
  private static double sixPerWeight(int[] widths) {
    double weights = 0;
    for (int i = 1; i < widths.length; i++) {
      weights += (double) widths[i - 1] * widths[i];
    }
    return 6 * weights;
  }

  private static String share(double samplesPerSecond, double flopsPerSample, double gflops) {
    return Table.format("%.0f %%", 100 * samplesPerSecond * flopsPerSample / 1e9 / gflops);
  }

  static String name(int[] widths) {
    return String.join("-", Arrays.stream(widths).mapToObj(String::valueOf).toList());
  }

  /** Median samples/s of each engine over {@code rounds} epochs taken in turns. */
  private Map<String, Double> rates(
      List<String> specs, int[] widths, FashionData data, int batch, int rounds) {
    return rates(specs, spec -> engine(spec, widths, data).on(data), batch, rounds);
  }

  /**
   * Median samples/s of each contender (made by {@code make} from its spec) over {@code rounds}
   * epochs taken in turns, so that a busy machine slows every contender alike, after one warm-up
   * epoch each (graph optimisation, JIT).
   */
  private Map<String, Double> rates(
      List<String> specs, Function<String, Contender> make, int batch, int rounds) {
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    List<Contender> contenders = new ArrayList<>();
    try {
      for (String spec : specs) {
        Contender contender = make.apply(spec);
        contenders.add(contender);
        contender.epoch(batch);
        samples.put(spec, new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        measureCeiling();
        for (int i = 0; i < specs.size(); i++) {
          Contender contender = contenders.get(i);
          samples.get(specs.get(i)).add(contender.samples() / contender.epoch(batch));
        }
      }
    } finally {
      contenders.forEach(Contender::close);
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    samples.forEach((spec, values) -> medians.put(spec, Table.median(values)));
    return medians;
  }

  private void train(FashionData data) {
    String defaults = "raw:0,keras:1:0,raw:-1,keras:1:-1," + tuned(0) + ",raw:-1:1," + tuned(1);
    List<String> specs = List.of(options.getOrDefault("engines", defaults).split(","));
    Table table = new Table("model", "implementation", "samples/s", "vs hand-written (inter-op 0)",
        "vs hand-written, same threads", "% of matmul ceiling", "(6 FLOPs/weight)");
    Map<int[], Map<String, Double>> all = new LinkedHashMap<>();
    for (int[] widths : options.containsKey("model") ? new int[][] {widths(options.get("model"))}
        : new int[][] {SMALL, LARGE}) {
      all.put(widths, rates(specs, widths, data, BATCH, rounds));
    }
    double gflops = sectionCeiling();
    all.forEach((widths, rates) -> {
      double base = rates.get(specs.get(0));
      for (String spec : specs) {
        Double sameThreads = rates.get(rawTwin(spec));
        double rate = rates.get(spec);
        table.row(name(widths), label(spec), Table.format("%,.0f", rate),
            Table.format("%.2f", rate / base),
            sameThreads == null ? "" : Table.format("%.2f", rate / sameThreads),
            share(rate, flopsPerSample(widths), gflops), share(rate, sixPerWeight(widths), gflops));
      }
    });
    table.print(Table.format("Training, Fashion-MNIST, batch %d, Adam, float32 (median of %d"
        + " epochs each; matmul ceiling %.0f GFLOP/s)", BATCH, rounds, gflops));
  }

  // ---- peer frameworks

  /**
   * keras4j (tuned, with and without XLA) against Keras 3 on TensorFlow and on JAX and against
   * PyTorch, on the train section's MLPs, in turns with the hand-written loop as everywhere.
   */
  private void peers(FashionData data) {
    if (!options.containsKey("python")) {
      System.out.println("\n(peers: skipped; give --python=PATH, a Python with keras 3,"
          + " tensorflow, jax and torch)");
      return;
    }
    List<String> specs = new ArrayList<>(List.of("raw:0", tuned(0),
        tuned(0).replace("keras:", "xla:")));
    for (String framework : options.getOrDefault("peers", "tensorflow,jax,torch").split(",")) {
      specs.add("peer:" + framework);
    }
    Path[] files = {PythonKeras.write(data.x()), PythonKeras.write(data.y())};
    Table table = new Table("model", "implementation", "samples/s",
        "vs hand-written (inter-op 0)", "best keras4j vs it");
    Map<String, String> versions = new LinkedHashMap<>();
    for (int[] widths : options.containsKey("model") ? new int[][] {widths(options.get("model"))}
        : new int[][] {SMALL, LARGE}) {
      Map<String, Double> rates = rates(specs, spec -> {
        if (!spec.startsWith("peer:")) {
          return engine(spec, widths, data).on(data);
        }
        PythonKeras peer = new PythonKeras(options.get("python"), "mlp-" + name(widths),
            spec.substring(5), files[0], files[1], data.size(), 1);
        versions.put(spec, peer.versions());
        return peer;
      }, BATCH, rounds);
      double keras4j = Math.max(rates.get(specs.get(1)), rates.get(specs.get(2)));
      double base = rates.get(specs.get(0));
      for (String spec : specs) {
        table.row(name(widths), spec.startsWith("peer:") ? versions.get(spec) + ", "
            + (spec.equals("peer:torch") ? "eager loop" : "fit, its defaults") : label(spec),
            Table.format("%,.0f", rates.get(spec)), Table.format("%.2f", rates.get(spec) / base),
            Table.format("%.2f", keras4j / rates.get(spec)));
      }
    }
    sectionCeiling();
    table.print(Table.format("Training against peer frameworks, Fashion-MNIST, batch %d, Adam,"
        + " float32 (median of %d epochs each, in turns; each framework its default threads)",
        BATCH, rounds));
  }

  // ---- precision

  /**
   * The matmul ceiling in bfloat16 against float32, in turns: what {@code mixed_bfloat16} could
   * gain at most. Without bfloat16 instructions (AVX512-BF16, AMX) TensorFlow converts to float.
   * Then keras4j's MLP under each dtype policy ({@link MixedPrecisionBench}).
   */
  private void precision() {
    List<Double> floats = new ArrayList<>();
    List<Double> bfloats = new ArrayList<>();
    try (MatmulCeiling f32 = new MatmulCeiling();
        MatmulCeiling bf16 = new MatmulCeiling(org.tensorflow.types.TBfloat16.class)) {
      for (int r = 0; r < rounds; r++) {
        floats.addAll(f32.measure(1, 4));
        bfloats.addAll(bf16.measure(1, 4));
      }
    }
    Table table = new Table("MatMul 2048x2048", "GFLOP/s", "vs float32");
    double base = Table.median(floats);
    table.row("float32", Table.format("%.1f", base), "1.00");
    table.row("bfloat16", Table.format("%.1f", Table.median(bfloats)),
        Table.format("%.2f", Table.median(bfloats) / base));
    table.print("Precision: the matmul ceiling by dtype (median of " + rounds + " rounds in"
        + " turns; CPU flags: " + cpuFlags() + ")");
    MixedPrecisionBench.run(rounds);
  }

  /** The CPU's vector and bfloat16 flags, from /proc/cpuinfo. */
  private static String cpuFlags() {
    try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
      return lines.filter(line -> line.startsWith("flags")).findFirst()
          .map(line -> String.join(" ", Arrays.stream(line.split("\\s+"))
              .filter(flag -> flag.matches("avx.*|fma|amx.*|.*bf16.*")).toList()))
          .orElse("unknown");
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  // ---- CNN and LSTM against their hand-written twins

  /**
   * The contenders of the cnn and lstm sections: TF's default threads first, as in train; keras4j
   * with TF's default inter-op pool too, since the recurrent graph runs ops side by side.
   */
  private List<String> modelSpecs() {
    List<String> specs =
        new ArrayList<>(List.of("raw:0", "raw:-1", "keras:1:0", "keras:1:-1", tuned(0)));
    if (options.containsKey("python")) {
      specs.addAll(List.of("py:1:0", "py:" + tunedSteps + ":0"));
    }
    return specs;
  }

  /**
   * Keras in Python ({@code --python=PATH}) serving {@code model} on {@code x} and {@code y},
   * written to files once per section; notes the versions it reports for the table's title.
   */
  private Contender python(String spec, String model, Path[] files, int samples) {
    PythonKeras keras = new PythonKeras(options.get("python"), model, "tensorflow", files[0],
        files[1], samples, Integer.parseInt(spec.split(":")[1]));
    pythonVersions = keras.versions();
    return keras;
  }

  /** The title's note on the Python contenders ({@code more} after it), empty without them. */
  private String pythonNote(String more) {
    return pythonVersions == null ? "" : Table.format("; %s in Python, TF's default threads,"
        + " jit_compile auto (off on a CPU)%s", pythonVersions, more);
  }

  private void cnn(FashionData train) {
    FashionData data = train.head(Integer.parseInt(options.getOrDefault("cnn-samples", "6144")));
    Path[] files = options.containsKey("python")
        ? new Path[] {PythonKeras.write(data.x()), PythonKeras.write(data.y())} : null;
    Map<String, Double> rates = rates(modelSpecs(), spec -> {
      String[] p = spec.split(":");
      RandomSeed.set(42);
      if (p[0].equals("py")) {
        return python(spec, "cnn", files, data.size());
      }
      Engine engine = p[0].equals("raw")
          ? new RawMlp(RawNet.cnn(), FashionData.PIXELS, 10, 42, 0, Integer.parseInt(p[1]))
          : KerasMlp.cnn(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
      return engine.on(data);
    }, BATCH, rounds);
    sectionCeiling();
    ratios(rates).print(Table.format("CNN, Fashion-MNIST (first %,d images), (Conv2D 3x3-BN-ReLU"
        + "-MaxPool) x2 with 16 and 32 filters, Dense(10); batch %d, Adam, float32 (median of %d"
        + " epochs each, in turns%s)", data.size(), BATCH, rounds, pythonNote("")));
  }

  private void lstm() {
    SequenceData data = SequenceData.generate(
        Integer.parseInt(options.getOrDefault("lstm-samples", "2560")), 42);
    Path[] files = options.containsKey("python")
        ? new Path[] {PythonKeras.write(data.tokens()), PythonKeras.write(data.labels())} : null;
    Map<String, Double> rates = rates(modelSpecs(), spec -> {
      String[] p = spec.split(":");
      RandomSeed.set(42);
      if (p[0].equals("py")) {
        return python(spec, "lstm", files, data.size());
      }
      return p[0].equals("raw") ? new RawLstm(data, 42, Integer.parseInt(p[1]))
          : new KerasLstm(data, Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }, BATCH, rounds);
    sectionCeiling();
    ratios(rates).print(Table.format("LSTM, %,d generated sequences of %d word ids, Embedding(%d,"
        + " %d)-LSTM(%d)-Dense(2), unrolled over the steps; batch %d, Adam, float32 (median of %d"
        + " epochs each, in turns%s)", data.size(), SequenceData.STEPS, SequenceData.VOCABULARY,
        RawLstm.EMBEDDING, RawLstm.UNITS, BATCH, rounds,
        pythonNote("; Keras's LSTM runs a while loop instead")));
  }

  /** Samples/s and the ratios to the hand-written loop with TF's threads and with the same. */
  private static Table ratios(Map<String, Double> rates) {
    Table table = new Table("implementation", "samples/s", "vs hand-written (inter-op 0)",
        "vs hand-written, same threads");
    double base = rates.get("raw:0");
    rates.forEach((spec, rate) -> {
      Double sameThreads = rates.get(rawTwin(spec));
      table.row(label(spec), Table.format("%,.0f", rate), Table.format("%.2f", rate / base),
          sameThreads == null ? "" : Table.format("%.2f", rate / sameThreads));
    });
    return table;
  }

  // ---- predict latency

  private void predict(FashionData test) {
    List<String> specs = List.of("keras:1:-1", "raw:-1", "raw:0");
    Table table = new Table("rows", "implementation", "p50 µs", "p99 µs");
    for (int rows : new int[] {1, 128}) {
      float[][] x = new float[rows][];
      for (int i = 0; i < rows; i++) {
        x[i] = Arrays.copyOfRange(test.x(), i * FashionData.PIXELS, (i + 1) * FashionData.PIXELS);
      }
      Map<String, List<Double>> micros = new LinkedHashMap<>();
      List<Engine> engines = new ArrayList<>();
      try {
        for (String spec : specs) {
          engines.add(engine(spec, SMALL, test));
          micros.put(spec, new ArrayList<>());
        }
        int calls = rows == 1 ? 2000 : 500;
        // Enough calls first for the JIT's optimising compiler to take every path (it compiles
        // a method after some 10,000 calls), as in a server that predicts all day.
        for (Engine engine : engines) {
          for (int i = 0; i < 10 * calls; i++) {
            engine.predict(x);
          }
        }
        for (int block = 0; block < 2 + rounds; block++) {
          for (int e = 0; e < engines.size(); e++) {
            for (int i = 0; i < calls / 5; i++) {
              long start = System.nanoTime();
              engines.get(e).predict(x);
              if (block >= 2) { // the first two blocks warm up
                micros.get(specs.get(e)).add((System.nanoTime() - start) / 1e3);
              }
            }
          }
        }
      } finally {
        engines.forEach(Engine::close);
      }
      for (String spec : specs) {
        String label = spec.startsWith("keras") ? "keras4j predict, inter-op -1 (default)"
            : "raw Session.run of the same graph, inter-op " + threads(spec.split(":")[1]);
        table.row(rows, label, Table.format("%.0f", Table.median(micros.get(spec))),
            Table.format("%.0f", Table.percentile(micros.get(spec), 99)));
      }
    }
    table.print("Predict latency, 784-128-10, in-process (" + rounds + " blocks per case)");
  }

  // ---- width and batch sweep

  private void sweep(FashionData train) {
    List<String> specs = List.of("raw:0", "keras:1:-1", tuned(0), tuned(1));
    Table table = new Table("hidden", "batch", "hand-written (inter-op 0) samples/s", "% ceiling",
        "keras4j default samples/s", "% ceiling", "keras4j stepsPerExecution " + tunedSteps
            + " samples/s", "% ceiling", "same, intra-op 1 samples/s", "% ceiling");
    int sweepRounds = Math.max(3, rounds - 2);
    List<Object[]> rows = new ArrayList<>();
    for (int hidden : new int[] {128, 512, 2048}) {
      FashionData data = train.head(hidden == 128 ? 59904 : hidden == 512 ? 30720 : 10240);
      int[] widths = {784, hidden, 10};
      for (int batch : new int[] {32, 128, 512}) {
        Map<String, Double> rates = rates(specs, widths, data, batch, sweepRounds);
        rows.add(new Object[] {widths, batch, rates});
      }
    }
    double gflops = sectionCeiling();
    for (Object[] row : rows) {
      int[] widths = (int[]) row[0];
      @SuppressWarnings("unchecked")
      Map<String, Double> rates = (Map<String, Double>) row[2];
      List<Object> cells = new ArrayList<>(List.of(widths[1], row[1]));
      for (String spec : specs) {
        cells.add(Table.format("%,.0f", rates.get(spec)));
        cells.add(share(rates.get(spec), flopsPerSample(widths), gflops));
      }
      table.row(cells.toArray());
    }
    table.print(Table.format("Sweep, 784-hidden-10, Adam, float32 (median of %d epochs each;"
        + " matmul ceiling %.0f GFLOP/s)", sweepRounds, gflops));
  }

  // ---- datasets

  private void data(FashionData train) {
    Map<String, Dataset> sources = new LinkedHashMap<>();
    sources.put(BASELINE, null);
    sources.put("Dataset.fromArrays(x, y).shuffle(60000).batch(128)",
        Dataset.fromArrays(train.images(), train.labels()).shuffle(train.size()).batch(BATCH));
    sources.put("Dataset.fromArrays(x, y).batch(128) (not shuffled)",
        Dataset.fromArrays(train.images(), train.labels()).batch(BATCH));
    List<Batch> batches = copiedBatches(train, BATCH);
    sources.put("generator of ready batches, prefetch(2)", generator(batches, 0).prefetch(2));
    sources.put("same, sleeping 1 ms per batch, prefetch(2)", generator(batches, 1).prefetch(2));
    sources.put("same, sleeping 1 ms per batch, no prefetch", generator(batches, 1));
    sources.put("PyDataset, 2 workers each copying a batch and sleeping 1 ms",
        new SlowPyDataset(train, 2));
    compare(sources, train, BATCH);
    // A sequential generator is hidden only while it makes a batch faster than a step takes:
    // at batch 256 a step outlasts the sleep.
    int larger = 2 * BATCH;
    List<Batch> largerBatches = copiedBatches(train, larger);
    Map<String, Dataset> slow = new LinkedHashMap<>();
    slow.put(BASELINE, null);
    slow.put("generator of ready batches, prefetch(2)", generator(largerBatches, 0).prefetch(2));
    slow.put("same, sleeping 1 ms per batch, prefetch(2)",
        generator(largerBatches, 1).prefetch(2));
    slow.put("same, sleeping 1 ms per batch, no prefetch", generator(largerBatches, 1));
    compare(slow, train, larger);
  }

  private static final String BASELINE = "fit on the arrays (baseline)";

  /** Prints the samples/s of fit from each of {@code sources} (null: the arrays) at {@code batch}. */
  private void compare(Map<String, Dataset> sources, FashionData train, int batch) {
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, KerasMlp> models = new LinkedHashMap<>();
    try {
      for (var source : sources.entrySet()) {
        RandomSeed.set(42);
        KerasMlp model = new KerasMlp(SMALL, 1, -1, false);
        models.put(source.getKey(), model);
        rates.put(source.getKey(), new ArrayList<>());
        epoch(model, source.getValue(), train, batch); // warm-up
      }
      for (int r = 0; r < rounds; r++) {
        for (var source : sources.entrySet()) {
          double seconds = epoch(models.get(source.getKey()), source.getValue(), train, batch);
          rates.get(source.getKey()).add(train.size() / seconds);
        }
      }
    } finally {
      models.values().forEach(KerasMlp::close);
    }
    Table table = new Table("data", "samples/s", "vs fit on the arrays");
    double base = Table.median(rates.get(BASELINE));
    rates.forEach((name, values) -> table.row(name, Table.format("%,.0f", Table.median(values)),
        Table.format("%.2f", Table.median(values) / base)));
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      sleep(1);
    }
    double sleepMillis = (System.nanoTime() - start) / 1e6 / 200;
    table.print(Table.format("fit from a Dataset, Fashion-MNIST, 784-128-10, batch %d, Adam"
        + " (median of %d epochs each, in turns; a baseline step takes %.2f ms, Thread.sleep(1)"
        + " %.2f ms)", batch, rounds, 1e3 * batch / base, sleepMillis));
  }

  private static double epoch(KerasMlp model, Dataset source, FashionData train, int batch) {
    return source == null ? model.epoch(train, batch) : model.epoch(source);
  }

  /** Batches of {@code batch} copied from the arrays into new Java arrays, as a file reader does. */
  private static Batch copiedBatch(FashionData train, int index, int batch) {
    int from = index * batch;
    int to = Math.min(train.size(), from + batch);
    float[][] x = new float[to - from][];
    for (int i = from; i < to; i++) {
      x[i - from] = Arrays.copyOfRange(train.x(), i * FashionData.PIXELS,
          (i + 1) * FashionData.PIXELS);
    }
    return Batch.of(x, Arrays.copyOfRange(train.y(), from, to));
  }

  private static List<Batch> copiedBatches(FashionData train, int batch) {
    List<Batch> out = new ArrayList<>();
    for (int b = 0; b < (train.size() + batch - 1) / batch; b++) {
      out.add(copiedBatch(train, b, batch));
    }
    return out;
  }

  /** A generator handing out {@code batches}, after sleeping {@code sleepMillis} per batch. */
  private static Dataset generator(List<Batch> batches, long sleepMillis) {
    return Dataset.fromGenerator(() -> batches.stream().map(batch -> {
      sleep(sleepMillis);
      return batch;
    }).iterator());
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** A slow loader, as Keras's PyDataset: each batch copied from the arrays after 1 ms. */
  private static final class SlowPyDataset extends keras4j.data.PyDataset {
    private final FashionData train;

    SlowPyDataset(FashionData train, int workers) {
      super(workers, 10);
      this.train = train;
    }

    @Override
    public int numBatches() {
      return (train.size() + BATCH - 1) / BATCH;
    }

    @Override
    public Batch getItem(int index) {
      sleep(1);
      return copiedBatch(train, index, BATCH);
    }
  }

  // ---- fresh JVMs: startup, memory, accuracy

  private void startup() throws IOException, InterruptedException {
    Map<String, List<Double>> firstBatch = new LinkedHashMap<>();
    for (String spec : List.of("raw:0", "keras:1:-1")) {
      firstBatch.put(spec, new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (var entry : firstBatch.entrySet()) {
        entry.getValue().add(Double.parseDouble(child(entry.getKey(), "first").get("first")));
      }
    }
    Table table = new Table("implementation", "JVM start to first batch done", "RSS after epoch 2",
        "RSS after epoch 20", "change", "peak RSS (VmHWM)", "test accuracy after 20 epochs");
    for (String spec : List.of("raw:0", "keras:1:-1", tuned(1))) {
      Map<String, String> r = child(spec, "epochs");
      double rss2 = Double.parseDouble(r.get("rss2"));
      double rss20 = Double.parseDouble(r.get("rss20"));
      List<Double> first = firstBatch.get(spec);
      table.row(label(spec), first == null ? "" : Table.format("%.0f ms", Table.median(first)),
          Table.format("%.0f MB", rss2), Table.format("%.0f MB", rss20),
          Table.format("%+.1f %%", 100 * (rss20 / rss2 - 1)), r.get("hwm") + " MB",
          Table.format("%.2f %%", 100 * Double.parseDouble(r.get("acc"))));
    }
    table.print("Fresh JVMs: 784-128-10, batch " + BATCH + ", seed 42 (first batch: median of "
        + rounds + " JVMs; RSS after a full GC; 20 epochs)");
  }

  private void memory() throws IOException, InterruptedException {
    Map<String, List<Double>> peak = new LinkedHashMap<>();
    for (String spec : List.of("raw:0", "keras:1:-1", tuned(1))) {
      peak.put(spec, new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (var entry : peak.entrySet()) {
        entry.getValue().add(Double.parseDouble(child(entry.getKey(), "epoch").get("hwm")));
      }
    }
    double raw = Table.median(peak.get("raw:0"));
    Table table = new Table("implementation", "peak RSS (VmHWM)", "ratio to the loop");
    peak.forEach((spec, mb) -> table.row(label(spec), Table.format("%.0f MB", Table.median(mb)),
        Table.format("%.2f", Table.median(mb) / raw)));
    table.print("Fresh JVMs: 784-128-10, batch " + BATCH + ", one epoch, seed 42 (median of "
        + rounds + " JVMs in turns)");
  }

  private void lstmMemory() throws IOException, InterruptedException {
    Table table = new Table("implementation", "graph ops after step 100", "after step 1,000",
        "RSS after step 100", "after step 1,000", "change", "peak RSS (VmHWM)");
    for (String spec : List.of("raw:0", "keras:1:-1", tuned(0))) {
      Map<String, String> r = child(LstmMemory.class, spec);
      double rss100 = Double.parseDouble(r.get("rss100"));
      double rss1000 = Double.parseDouble(r.get("rss1000"));
      table.row(label(spec), r.get("ops100"), r.get("ops1000"), Table.format("%.0f MB", rss100),
          Table.format("%.0f MB", rss1000), Table.format("%+.1f %%", 100 * (rss1000 / rss100 - 1)),
          r.get("hwm") + " MB");
    }
    table.print("Fresh JVMs: the LSTM, 1,000 steps of batch 128 (fit of 1 epoch, then of 9),"
        + " seed 42; RSS after a full GC");
  }

  private static Map<String, String> child(String spec, String mode)
      throws IOException, InterruptedException {
    return child(Startup.class, spec, mode);
  }

  /** The RESULT line of {@code main} run in a fresh JVM with {@code args} (a spec first). */
  private static Map<String, String> child(Class<?> main, String... args)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Map<String, String> result = new LinkedHashMap<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("RESULT ")) {
          for (String kv : line.substring(7).split(" ")) {
            String[] p = kv.split("=", 2);
            result.put(p[0], p[1]);
          }
        }
      }
    }
    if (process.waitFor() != 0 || result.isEmpty()) {
      throw new IllegalStateException("The fresh-JVM run " + main.getSimpleName() + " "
          + String.join(" ", args) + " failed");
    }
    return result;
  }
}
