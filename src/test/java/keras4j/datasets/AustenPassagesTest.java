package keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Checks the bundled Austen passages against figures computed independently with Python from
 * the same file:
 *
 * <pre>
 * rows = [l.split('\t') for l in gzip.open('austen_passages.tsv.gz', 'rt').read().splitlines()[1:]]
 * train = [r for r in rows if r[0] == 'train']   # and 'test'
 * len(train), np.bincount([int(r[1]) for r in train]), sum(len(r[2]) for r in train)
 * </pre>
 */
class AustenPassagesTest {

  @Test
  void countsAndTextsMatchPython() {
    Dataset<NdArray<String>, IntNdArray> data = AustenPassages.loadData();
    assertEquals(Shape.of(5091), data.xTrain().shape());
    assertEquals(Shape.of(5091), data.yTrain().shape());
    assertEquals(Shape.of(1273), data.xTest().shape());
    assertEquals(Shape.of(1273), data.yTest().shape());
    assertArrayEquals(new int[] {1234, 1452, 1649, 756}, classCounts(data.yTrain()));
    assertArrayEquals(new int[] {324, 345, 427, 177}, classCounts(data.yTest()));
    // Python's len() counts code points; the texts are ASCII, so Java's length() agrees.
    assertEquals(1254381, totalLength(texts(data.xTrain())));
    assertEquals(314950, totalLength(texts(data.xTest())));

    assertEquals("\"You are very good. My sister will be equally sorry to miss the pleasure of"
        + " seeing you; but she has been very much plagued lately with nervous head-aches, which"
        + " make her unfit for company or conversation.\"", data.xTrain().getObject(0));
    assertEquals(0, data.yTrain().getInt(0));
    assertEquals("\"Upon my word, I cannot exactly explain the matter; Darcy must speak for"
        + " himself.\"", data.xTest().getObject(0));
    assertEquals(1, data.yTest().getInt(0));
    assertEquals(3, data.yTest().getInt(1272));
    assertTrue(data.xTest().getObject(1272).contains("Harville"));
  }

  @Test
  void passagesAreCutAsDescribed() {
    Dataset<NdArray<String>, IntNdArray> data = AustenPassages.loadData();
    int darcy = 0;
    for (NdArray<String> part : List.of(data.xTrain(), data.xTest())) {
      IntNdArray labels = part == data.xTrain() ? data.yTrain() : data.yTest();
      String[] texts = texts(part);
      for (int i = 0; i < texts.length; i++) {
        int words = texts[i].split(" ").length;
        assertTrue(words >= 12 && words <= 60, "passage " + i + " has " + words + " words");
        if (texts[i].contains("Darcy")) {
          // Python: 273 passages name Darcy, all of them from Pride and Prejudice.
          assertEquals(1, labels.getInt(i), texts[i]);
          darcy++;
        }
      }
    }
    assertEquals(273, darcy);
  }

  @Test
  void loadsTheSameSplitEveryTime() {
    Dataset<NdArray<String>, IntNdArray> first = AustenPassages.loadData();
    Dataset<NdArray<String>, IntNdArray> second = AustenPassages.loadData();
    assertArrayEquals(texts(first.xTrain()), texts(second.xTrain()));
    assertArrayEquals(texts(first.xTest()), texts(second.xTest()));
    assertArrayEquals(ints(first.yTrain()), ints(second.yTrain()));
    assertArrayEquals(ints(first.yTest()), ints(second.yTest()));
  }

  @Test
  void labelNamesAndDescription() {
    assertEquals(List.of("Sense and Sensibility", "Pride and Prejudice", "Emma", "Persuasion"),
        AustenPassages.labelNames());
    String description = AustenPassages.description();
    assertTrue(description.contains("public domain"), description);
    assertTrue(description.contains("janeaustenr"), description);
    assertTrue(description.contains("0.335"), description);
  }

  private static int[] classCounts(IntNdArray labels) {
    int[] counts = new int[AustenPassages.labelNames().size()];
    for (int label : ints(labels)) {
      counts[label]++;
    }
    return counts;
  }

  private static long totalLength(String[] texts) {
    long total = 0;
    for (String text : texts) {
      total += text.length();
    }
    return total;
  }

  private static String[] texts(NdArray<String> array) {
    String[] out = new String[(int) array.size()];
    array.copyTo(DataBuffers.ofObjects(out));
    return out;
  }

  private static int[] ints(IntNdArray array) {
    int[] out = new int[(int) array.size()];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
