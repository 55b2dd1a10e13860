package keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;

/**
 * Checks the data sets shipped in the jar against numbers computed independently with NumPy from
 * the same CSV files, e.g. for digits:
 *
 * <pre>
 * d = np.loadtxt(gzip.open('digits.csv.gz'), delimiter=',')
 * d[:, :-1].sum(), np.bincount(d[:, -1].astype(int))
 * </pre>
 *
 * <p>({@code skiprows=1} for breast_cancer.csv and iris.csv, which have a header line.)
 */
class BundledDatasetsTest {

  @Test
  void digitsMatchNumpy() {
    Dataset<FloatNdArray, IntNdArray> data = Digits.loadData();
    assertEquals(Shape.of(1438, 64), data.xTrain().shape()); // 1797 - round(1797 * 0.2)
    assertEquals(Shape.of(359, 64), data.xTest().shape());
    assertEquals(Shape.of(1438), data.yTrain().shape());
    assertEquals(Shape.of(359), data.yTest().shape());
    List<Sample> samples = samples(data);
    assertEquals(561718.0, featureSum(samples), 0.0);
    assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
        classCounts(samples, 10));
    assertTrue(samples.contains(new Sample(new float[] {
        0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0,
        0, 8, 8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0,
        0, 6, 13, 10, 0, 0, 0}, 0)), "the file's first row");
  }

  @Test
  void breastCancerMatchesNumpy() {
    Dataset<FloatNdArray, IntNdArray> data = BreastCancer.loadData();
    assertEquals(Shape.of(455, 30), data.xTrain().shape()); // 569 - round(569 * 0.2)
    assertEquals(Shape.of(114, 30), data.xTest().shape());
    List<Sample> samples = samples(data);
    // NumPy: b[:, :-1].astype(np.float32).astype(np.float64).sum() = 1056474.4601555474
    assertEquals(1056474.4601555474, featureSum(samples), 1e-6);
    assertArrayEquals(new int[] {212, 357}, classCounts(samples, 2));
    assertTrue(samples.contains(new Sample(new float[] {
        17.99f, 10.38f, 122.8f, 1001f, 0.1184f, 0.2776f, 0.3001f, 0.1471f, 0.2419f, 0.07871f,
        1.095f, 0.9053f, 8.589f, 153.4f, 0.006399f, 0.04904f, 0.05373f, 0.01587f, 0.03003f,
        0.006193f, 25.38f, 17.33f, 184.6f, 2019f, 0.1622f, 0.6656f, 0.7119f, 0.2654f, 0.4601f,
        0.1189f}, 0)), "the file's first row");
  }

  @Test
  void irisMatchesNumpy() {
    Dataset<FloatNdArray, IntNdArray> data = Iris.loadData();
    assertEquals(Shape.of(120, 4), data.xTrain().shape());
    assertEquals(Shape.of(30, 4), data.xTest().shape());
    List<Sample> samples = samples(data);
    assertEquals(2078.7, featureSum(samples), 1e-4);
    assertArrayEquals(new int[] {50, 50, 50}, classCounts(samples, 3));
    assertTrue(samples.contains(new Sample(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, 0)));
    assertTrue(samples.contains(new Sample(new float[] {5.9f, 3.0f, 5.1f, 1.8f}, 2)));
  }

  @Test
  void splitIsDeterministicAndDisjoint() {
    Dataset<FloatNdArray, IntNdArray> first = BreastCancer.loadData(0.3, 7);
    Dataset<FloatNdArray, IntNdArray> again = BreastCancer.loadData(0.3, 7);
    assertEquals(samples(first), samples(again));
    assertEquals(Shape.of(171), first.yTest().shape()); // round(569 * 0.3)

    // NumPy: len(np.unique(b, axis=0)) == 569, so samples identify rows.
    Set<Sample> train = new HashSet<>(trainSamples(first));
    Set<Sample> test = new HashSet<>(testSamples(first));
    assertEquals(398, train.size());
    assertEquals(171, test.size());
    assertTrue(train.stream().noneMatch(test::contains), "no sample in both parts");

    Dataset<FloatNdArray, IntNdArray> otherSeed = BreastCancer.loadData(0.3, 8);
    assertFalse(samples(first).equals(samples(otherSeed)), "another seed, another order");
  }

  @Test
  void noTestSplitKeepsEverythingForTraining() {
    Dataset<FloatNdArray, IntNdArray> data = Iris.loadData(0.0, 1);
    assertEquals(Shape.of(150, 4), data.xTrain().shape());
    assertEquals(Shape.of(0, 4), data.xTest().shape());
    assertEquals(Shape.of(0), data.yTest().shape());
  }

  @Test
  void rejectsTestSplitOutsideUnitInterval() {
    for (double split : new double[] {-0.1, 1.0, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Iris.loadData(split, 1));
      assertTrue(e.getMessage().contains("testSplit"), e.getMessage());
    }
  }

  @Test
  void descriptionsKeepTheAttribution() {
    assertTrue(Digits.description().contains("E. Alpaydin"));
    assertTrue(BreastCancer.description().contains("Wolberg"));
    assertTrue(Iris.description().contains("R.A. Fisher"));
  }

  /** One row of features with its label; equal when all values are. */
  private record Sample(float[] features, int label) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Sample s
          && Arrays.equals(features, s.features) && label == s.label;
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(features) + label;
    }
  }

  private static List<Sample> samples(Dataset<FloatNdArray, IntNdArray> data) {
    List<Sample> all = trainSamples(data);
    all.addAll(testSamples(data));
    return all;
  }

  private static List<Sample> trainSamples(Dataset<FloatNdArray, IntNdArray> data) {
    return zip(data.xTrain(), data.yTrain());
  }

  private static List<Sample> testSamples(Dataset<FloatNdArray, IntNdArray> data) {
    return zip(data.xTest(), data.yTest());
  }

  private static List<Sample> zip(FloatNdArray x, IntNdArray y) {
    float[][] rows = StdArrays.array2dCopyOf(x);
    int[] labels = StdArrays.array1dCopyOf(y);
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      samples.add(new Sample(rows[i], labels[i]));
    }
    return samples;
  }

  private static double featureSum(List<Sample> samples) {
    double sum = 0;
    for (Sample sample : samples) {
      for (float value : sample.features()) {
        sum += value;
      }
    }
    return sum;
  }

  private static int[] classCounts(List<Sample> samples, int numClasses) {
    int[] counts = new int[numClasses];
    samples.forEach(sample -> counts[sample.label()]++);
    return counts;
  }
}
