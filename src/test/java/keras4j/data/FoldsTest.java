package keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/** KFold, StratifiedKFold and trainTestSplit against scikit-learn's documented splits. */
class FoldsTest {
  @Test
  void kFoldSplitsAsScikitLearnsDocumentationExample() {
    // sklearn.model_selection.KFold docs: X of 4 samples, n_splits=2.
    List<Fold> folds = new KFold(2).split(4);
    assertArrayEquals(new int[] {2, 3}, folds.get(0).train());
    assertArrayEquals(new int[] {0, 1}, folds.get(0).test());
    assertArrayEquals(new int[] {0, 1}, folds.get(1).train());
    assertArrayEquals(new int[] {2, 3}, folds.get(1).test());
    // The first n % n_splits folds are one larger: 10 samples in 3 folds are 4, 3, 3.
    List<Fold> three = new KFold(3).split(10);
    assertArrayEquals(new int[] {0, 1, 2, 3}, three.get(0).test());
    assertArrayEquals(new int[] {4, 5, 6}, three.get(1).test());
    assertArrayEquals(new int[] {7, 8, 9}, three.get(2).test());
    assertEquals("KFold(n_splits=3, random_state=None, shuffle=False)", new KFold(3).toString());
  }

  @Test
  void shuffledFoldsPartitionTheSamplesReproducibly() {
    List<Fold> a = new KFold(5, true, 42).split(23);
    assertEquals(Arrays.toString(a.get(0).test()),
        Arrays.toString(new KFold(5, true, 42).split(23).get(0).test()));
    assertNotEquals(Arrays.toString(a.get(0).test()),
        Arrays.toString(new KFold(5).split(23).get(0).test()));
    int[] all = a.stream().flatMapToInt(f -> Arrays.stream(f.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 23).toArray(), all);
    for (Fold f : a) {
      assertEquals(23, f.train().length + f.test().length);
    }
  }

  @Test
  void stratifiedKFoldSplitsAsScikitLearn() {
    // sklearn.model_selection.StratifiedKFold docs: y = [0, 0, 1, 1], n_splits=2.
    List<Fold> folds = new StratifiedKFold(2).split(new int[] {0, 0, 1, 1});
    assertArrayEquals(new int[] {1, 3}, folds.get(0).train());
    assertArrayEquals(new int[] {0, 2}, folds.get(0).test());
    assertArrayEquals(new int[] {0, 2}, folds.get(1).train());
    assertArrayEquals(new int[] {1, 3}, folds.get(1).test());
    // scikit-learn's allocation worked by hand: the sorted classes dealt to 3 folds in turn.
    List<Fold> three = new StratifiedKFold(3).split(new int[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 0});
    assertArrayEquals(new int[] {0, 3, 4, 5}, three.get(0).test());
    assertArrayEquals(new int[] {1, 6, 7}, three.get(1).test());
    assertArrayEquals(new int[] {2, 8, 9}, three.get(2).test());
    assertEquals("n_splits=4 cannot be greater than the number of members in each class",
        assertThrows(IllegalArgumentException.class,
            () -> new StratifiedKFold(4).split(new int[] {0, 0, 1})).getMessage());
  }

  @Test
  void trainTestSplitKeepsRowsAndLabelsTogether() {
    float[][] x = new float[10][];
    int[] y = new int[10];
    for (int i = 0; i < 10; i++) {
      x[i] = new float[] {i, -i};
      y[i] = i;
    }
    TrainTestSplit split = TrainTestSplit.trainTestSplit(x, y, 0.25, 3);
    assertArrayEquals(new long[] {7, 2}, split.xTrain().shape().asArray());
    assertArrayEquals(new long[] {3, 2}, split.xTest().shape().asArray());
    float[][] test = StdArrays.array2dCopyOf(split.xTest());
    float[] labels = new float[3];
    split.yTest().copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(labels, false, false));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new float[] {labels[i], -labels[i]}, test[i]);
    }
    assertEquals("Found input variables with inconsistent numbers of samples: [10, 3]",
        assertThrows(IllegalArgumentException.class,
            () -> TrainTestSplit.trainTestSplit(x, new int[3], 0.2, 1)).getMessage());
    assertArrayEquals(new float[] {3, -3, 0, 0}, flatten(Fold.take(x, new int[] {3, 0})));
  }

  private static float[] flatten(org.tensorflow.ndarray.FloatNdArray a) {
    return DatasetTest.flat(a);
  }
}
