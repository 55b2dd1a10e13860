package keras4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import keras4j.utils.RandomSeed;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/** The dataset transformations, element by element, against tf.data's documented results. */
class DatasetTest {
  /** x[i] = {i, 10 i}, y[i] = i: each element says where it came from. */
  static Dataset numbered(int n) {
    float[][] x = new float[n][];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = new float[] {i, 10 * i};
      y[i] = i;
    }
    return Dataset.fromArrays(x, y);
  }

  /** The labels of every element of one pass, flattened, in order. */
  static List<Integer> labels(Dataset data) {
    List<Integer> out = new ArrayList<>();
    try (DatasetIterator pass = data.iterator()) {
      while (pass.hasNext()) {
        float[] values = flat(pass.next().y());
        for (float v : values) {
          out.add((int) v);
        }
      }
    }
    return out;
  }

  static float[] flat(FloatNdArray array) {
    float[] out = new float[Math.toIntExact(array.shape().size())];
    array.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(out, false, false));
    return out;
  }

  static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  @Test
  void fromArraysGivesSamplesWithoutABatchAxisAndBatchStacksThem() {
    Dataset samples = numbered(7);
    assertEquals(7, samples.cardinality());
    Batch first = samples.iterator().next();
    assertTrue(first.isSample());
    assertArrayEquals(new long[] {2}, first.x().shape().asArray());
    assertArrayEquals(new long[] {}, first.y().shape().asArray());

    List<Batch> batches = new ArrayList<>();
    samples.batch(3).forEach(batches::add);
    assertEquals(3, samples.batch(3).cardinality());
    assertEquals(List.of(3, 3, 1), batches.stream().map(Batch::size).toList());
    assertFalse(batches.get(0).isSample());
    assertArrayEquals(new long[] {3, 2}, batches.get(0).x().shape().asArray());
    assertArrayEquals(new float[] {3, 30, 4, 40, 5, 50}, flat(batches.get(1).x()));
    assertArrayEquals(new float[] {6}, flat(batches.get(2).y()));
    assertEquals(2, samples.batch(3, true).cardinality());
    assertEquals(range(0, 6), labels(samples.batch(3, true)));
    assertEquals("Batch(x=(3, 2), y=(3,))", batches.get(0).toString());
  }

  @Test
  void unbatchUndoesBatchAndBatchingBatchesAddsAnAxis() {
    assertEquals(range(0, 7), labels(numbered(7).batch(3).unbatch()));
    Batch nested = numbered(8).batch(2).batch(2).iterator().next();
    assertArrayEquals(new long[] {2, 2, 2}, nested.x().shape().asArray());
    assertArrayEquals(new float[] {0, 0, 1, 10, 2, 20, 3, 30}, flat(nested.x()));
  }

  @Test
  void samplesMadeOneByOneBatchLikeArrays() {
    Dataset made = Dataset.fromIterator(List.of(Batch.sample(new float[] {1, 2}, 0),
        Batch.sample(new double[] {3, 4}, 1.5), Batch.sample(new int[] {5, 6}, 2)).iterator());
    Batch batch = made.batch(3).iterator().next();
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, flat(batch.x()));
    assertArrayEquals(new float[] {0, 1.5f, 2}, flat(batch.y()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.fromIterator(List.of(Batch.sample(new float[] {1, 2}, 0),
            Batch.sample(new float[] {1, 2, 3}, 0)).iterator()).batch(2).iterator().next());
    assertTrue(e.getMessage().contains("Cannot batch x of shape [2] with x of shape [3]"),
        e.getMessage());
  }

  @Test
  void takeSkipRepeatAndTheirCardinalities() {
    assertEquals(range(0, 3), labels(numbered(10).take(3)));
    assertEquals(range(7, 10), labels(numbered(10).skip(7)));
    assertEquals(range(2, 5), labels(numbered(10).skip(2).take(3)));
    assertEquals(List.of(0, 1, 2, 0, 1, 2), labels(numbered(3).repeat(2)));
    assertEquals(List.of(0, 1, 2, 0, 1), labels(numbered(3).repeat().take(5)));
    assertEquals(List.of(), labels(numbered(3).repeat(0)));
    assertEquals(List.of(), labels(numbered(3).take(0).repeat()), "an empty pass ends repeat()");
    assertEquals(3, numbered(10).skip(2).take(3).cardinality());
    assertEquals(0, numbered(2).skip(5).cardinality());
    assertEquals(Dataset.INFINITE_CARDINALITY, numbered(3).repeat().cardinality());
    assertEquals(5, numbered(3).repeat().take(5).cardinality());
    assertEquals(Dataset.UNKNOWN_CARDINALITY, numbered(3).filter(b -> true).cardinality());
  }

  @Test
  void filterAndMapKeepTheOrder() {
    assertEquals(List.of(0, 2, 4, 6), labels(numbered(7).filter(b -> flat(b.y())[0] % 2 == 0)));
    Dataset doubled = numbered(5).map(b -> Batch.sample(b.x(), flat(b.y())[0] * 2));
    assertEquals(List.of(0, 2, 4, 6, 8), labels(doubled));
  }

  @Test
  void parallelMapRunsOnSeveralThreadsInTheInputOrder() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Dataset slow = numbered(40).map(b -> {
      threads.add(Thread.currentThread().getName());
      sleep((long) (3 * Math.random()));
      return b;
    }, 4);
    assertEquals(range(0, 40), labels(slow));
    assertTrue(threads.size() > 1, "threads used: " + threads);
    assertTrue(threads.stream().allMatch(t -> t.startsWith("keras4j-data-map-")), "" + threads);
    assertNoDataThreadsLeft();
  }

  @Test
  void shuffleIsAPermutationReproducibleFromTheGlobalSeedAndNewEachPass() {
    RandomSeed.set(1);
    Dataset a = numbered(50).shuffle(50);
    RandomSeed.set(1);
    Dataset b = numbered(50).shuffle(50);
    List<Integer> first = labels(a);
    assertEquals(first, labels(b));
    assertEquals(range(0, 50), first.stream().sorted().toList());
    assertNotEquals(range(0, 50), first);
    List<Integer> second = labels(a);
    assertNotEquals(first, second, "each pass draws another order");
    assertEquals(second, labels(b));
    assertEquals(labels(numbered(20).shuffle(5, 9)), labels(numbered(20).shuffle(5, 9)));
  }

  @Test
  void aSmallShuffleBufferOnlyMovesElementsAFewPlacesAhead() {
    // tf.data's buffer: the k-th element out is one of the first k + bufferSize in.
    List<Integer> order = labels(numbered(100).shuffle(4, 3));
    for (int k = 0; k < order.size(); k++) {
      assertTrue(order.get(k) < k + 4, "element " + order.get(k) + " came out at " + k);
    }
    assertEquals(range(0, 100), order.stream().sorted().toList());
  }

  @Test
  void cacheReplaysTheFirstCompletePass() {
    AtomicInteger generated = new AtomicInteger();
    Dataset counted = Dataset.fromGenerator(() -> IntStream.range(0, 4)
        .mapToObj(i -> {
          generated.incrementAndGet();
          return Batch.sample(new float[] {i}, i);
        }).iterator()).cache();
    assertEquals(range(0, 4), labels(counted));
    assertEquals(range(0, 4), labels(counted));
    assertEquals(4, generated.get(), "the second pass replays the cache");
    assertEquals(4, counted.cardinality());
  }

  @Test
  void prefetchReadsAheadOnAThreadAndHandsOverTheSourceFailureInOrder() {
    assertEquals(range(0, 30), labels(numbered(30).prefetch(3)));
    Dataset failing = Dataset.fromGenerator(() -> IntStream.range(0, 5).mapToObj(i -> {
      if (i == 3) {
        throw new IllegalStateException("disk gone at " + i);
      }
      return Batch.sample(new float[] {i}, i);
    }).iterator()).prefetch(2);
    List<Integer> seen = new ArrayList<>();
    DatasetIterator pass = failing.iterator();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
      while (pass.hasNext()) {
        seen.add((int) flat(pass.next().y())[0]);
      }
    });
    pass.close();
    assertEquals("disk gone at 3", e.getMessage());
    assertEquals(List.of(0, 1, 2), seen);
    assertNoDataThreadsLeft();
  }

  @Test
  void closingAPassEarlyStopsItsThreadsEvenWhenTheSourceBlocks() {
    Dataset endless = Dataset.fromSupplier(() -> {
      sleep(10_000); // a source stuck on I/O
      return Batch.sample(new float[] {0}, 0);
    }).prefetch(2);
    DatasetIterator pass = endless.iterator();
    long start = System.nanoTime();
    pass.close();
    assertTrue(System.nanoTime() - start < 6e9, "close waits a few seconds at most");
    assertNoDataThreadsLeft();
  }

  @Test
  void aStreamOrIteratorIsReadOnceAndSaysHowToReadItAgain() {
    Dataset once = Dataset.fromStream(Stream.of(Batch.of(new float[][] {{1}}, new int[] {1})));
    assertEquals(List.of(1), labels(once));
    IllegalStateException e = assertThrows(IllegalStateException.class, once::iterator);
    assertTrue(e.getMessage().contains("can be read once") && e.getMessage().contains(
        "Dataset.fromGenerator"), e.getMessage());
  }

  @Test
  void aSupplierEndsWithNullAndNullElementsAreRefused() {
    int[] left = {3};
    Dataset supplied = Dataset.fromSupplier(
        () -> left[0]-- > 0 ? Batch.sample(new float[] {left[0]}, left[0]) : null);
    assertEquals(List.of(2, 1, 0), labels(supplied));
    Dataset nulls = Dataset.fromIterator(Arrays.asList(Batch.sample(1f, 0), null).iterator());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> labels(nulls));
    assertEquals("Element 1 of the dataset is null: a generator or iterator must give Batch"
        + " elements (end it with hasNext() false)", e.getMessage());
  }

  @Test
  void badArgumentsAreRefusedWithTheirNames() {
    assertEquals("bufferSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> numbered(2).shuffle(0)).getMessage());
    assertEquals("batchSize must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> numbered(2).batch(0)).getMessage());
    assertEquals("parallelCalls must be >= 1, got 0", assertThrows(
        IllegalArgumentException.class, () -> numbered(2).map(b -> b, 0)).getMessage());
    assertEquals("x has 2 samples but y has 3; they must have one label per sample",
        assertThrows(IllegalArgumentException.class,
            () -> Dataset.fromArrays(new float[2][1], new int[3])).getMessage());
    assertEquals("unbatch() needs batches, but an element is one sample Batch(x=(2,), y=())"
        + " without a batch axis", assertThrows(IllegalArgumentException.class,
            () -> labels(numbered(2).unbatch())).getMessage());
  }

  @Test
  void pyDatasetWorkersGiveTheBatchesInTheOrderAsked() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    AtomicInteger epochEnds = new AtomicInteger();
    PyDataset indexed = new PyDataset(3, 5) {
      @Override
      public int numBatches() {
        return 12;
      }

      @Override
      public Batch getItem(int index) {
        threads.add(Thread.currentThread().getName());
        sleep(12 - index); // the later batches are ready first
        return Batch.of(new float[][] {{index}, {index}}, new int[] {index, index});
      }

      @Override
      public void onEpochEnd() {
        epochEnds.incrementAndGet();
      }
    };
    assertEquals(12, indexed.cardinality());
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.addAll(List.of(i, i));
    }
    assertEquals(expected, labels(indexed));
    assertEquals(1, epochEnds.get());
    assertTrue(threads.size() > 1 && threads.stream().allMatch(
        t -> t.startsWith("keras4j-pydataset-")), "" + threads);
    List<Integer> reordered = new ArrayList<>();
    try (DatasetIterator pass = indexed.iterator(new int[] {5, 0, 11})) {
      pass.forEachRemaining(b -> {
        for (float v : flat(b.y())) {
          reordered.add((int) v);
        }
      });
    }
    assertEquals(List.of(5, 5, 0, 0, 11, 11), reordered);
    assertNoDataThreadsLeft();
  }

  @Test
  void aFailingGetItemIsNamedByItsIndex() {
    PyDataset broken = new PyDataset() {
      @Override
      public int numBatches() {
        return 4;
      }

      @Override
      public Batch getItem(int index) {
        if (index == 2) {
          throw new IllegalArgumentException("corrupt record");
        }
        return Batch.of(new float[][] {{index}}, new int[] {index});
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> labels(broken));
    assertTrue(e.getMessage().endsWith(".getItem(2) threw java.lang.IllegalArgumentException:"
        + " corrupt record"), e.getMessage());
    assertNoDataThreadsLeft();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void assertNoDataThreadsLeft() {
    DatasetThreads.assertNoneLeft();
  }

  @Test
  void arraysAreNotCopiedByBatchingSamplesOfOneArray() {
    float[][] x = {{1, 2}, {3, 4}, {5, 6}};
    Dataset data = Dataset.fromArrays(x, new int[] {0, 1, 2}).shuffle(3, 5).batch(3);
    Batch batch = data.iterator().next();
    float[][] rows = StdArrays.array2dCopyOf(batch.x());
    List<Integer> labelsOut = new ArrayList<>();
    for (float v : flat(batch.y())) {
      labelsOut.add((int) v);
    }
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(x[labelsOut.get(i)], rows[i], "row " + i + " is sample " + labelsOut);
    }
  }
}
