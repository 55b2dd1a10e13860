package keras4j.saving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import keras4j.models.Model;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * The fuzz test's child JVM: reads cases ({@code id TAB kind TAB path TAB reference}) from stdin,
 * loads each (and predicts once with what loaded), and answers {@code FUZZ START id} before and
 * {@code FUZZ END id OUTCOME detail} after each, so the parent sees which case crashed or hung.
 */
final class FuzzChild {
  /** What a case can end in, short of killing the JVM. */
  enum Outcome { ACCEPTED, CLEAN, INTERNAL, OOM }

  private static final PrintStream OUT = System.out;
  private static final Map<String, Model> REFERENCES = new HashMap<>();

  private FuzzChild() {}

  /** Runs the cases read from stdin until it closes. */
  public static void main(String[] args) throws IOException {
    System.setOut(System.err); // only the protocol goes to stdout
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] f = line.split("\t", -1);
      OUT.println("FUZZ START " + f[0]);
      OUT.flush();
      String result;
      try {
        run(FuzzCases.Kind.valueOf(f[1]), Path.of(f[2]), f[3]);
        result = Outcome.ACCEPTED.name();
      } catch (OutOfMemoryError e) {
        result = Outcome.OOM + " " + describe(e);
      } catch (RuntimeException | StackOverflowError e) {
        result = (clean(e) ? Outcome.CLEAN : Outcome.INTERNAL) + " " + describe(e);
      }
      OUT.println("FUZZ END " + f[0] + " " + result);
      OUT.flush();
    }
  }

  private static void run(FuzzCases.Kind kind, Path file, String reference) {
    switch (kind) {
      case MODEL -> {
        try (Model model = Model.load(file)) {
          predictOnce(model.inputShape(), x -> model.predict(x));
        }
      }
      case WEIGHTS -> {
        Model model = REFERENCES.computeIfAbsent(reference, r -> Model.load(Path.of(r)));
        model.loadWeights(file);
        predictOnce(model.inputShape(), x -> model.predict(x));
      }
      case SAVED_MODEL -> {
        try (SavedModelPredictor predictor = new SavedModelPredictor(file)) {
          predictOnce(predictor.inputShape(), predictor::predict);
        }
      }
      default -> throw new IllegalStateException("unknown kind " + kind);
    }
  }

  /** Predicts on two samples of zeros when the input shape is known and small. */
  private static void predictOnce(Shape shape, java.util.function.Consumer<Object> predict) {
    if (shape == null || shape.isUnknown() || shape.numDimensions() < 2) {
      return;
    }
    long[] dims = shape.asArray().clone();
    dims[0] = 2;
    long size = 1;
    for (long d : dims) {
      if (d <= 0 || (size *= d) > 1 << 20) {
        return;
      }
    }
    predict.accept(NdArrays.ofFloats(Shape.of(dims)));
  }

  /**
   * Whether {@code e} is one of the exception types keras4j promises for bad files: an
   * IllegalArgumentException (not a NumberFormatException, which only says a parse was not
   * guarded), an IllegalStateException, an UncheckedIOException, or TensorFlow's own errors.
   */
  static boolean clean(Throwable e) {
    return (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException))
        || e instanceof IllegalStateException || e instanceof UncheckedIOException
        || e instanceof TensorFlowException;
  }

  /** {@code Type@Origin message}: the exception, the first keras4j frame, the first words. */
  static String describe(Throwable e) {
    String origin = "?";
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith("keras4j.")
          && !frame.getClassName().startsWith(FuzzChild.class.getName())) {
        String cls = frame.getClassName();
        origin = cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName();
        break;
      }
    }
    String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    return e.getClass().getName() + "@" + origin + " "
        + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
  }
}
