package keras4j.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Thread settings are validated with messages that say what is allowed. */
class ThreadingTest {
  @Test
  void keepsValidCountsAndRejectsOthers() {
    int intra = Threading.getIntraOpParallelismThreads();
    int inter = Threading.getInterOpParallelismThreads();
    try {
      Threading.setIntraOpParallelismThreads(3);
      Threading.setInterOpParallelismThreads(-1);
      assertEquals(3, Threading.getIntraOpParallelismThreads());
      assertEquals(-1, Threading.getInterOpParallelismThreads());
      var intraError = assertThrows(IllegalArgumentException.class,
          () -> Threading.setIntraOpParallelismThreads(-1));
      assertEquals("intra-op threads must be 0 (one per core) or positive, got -1",
          intraError.getMessage());
      var interError = assertThrows(IllegalArgumentException.class,
          () -> Threading.setInterOpParallelismThreads(-2));
      assertEquals("inter-op threads must be -1 (calling thread), 0 (TensorFlow's choice) or"
          + " positive, got -2", interError.getMessage());
      assertEquals(3, Threading.getIntraOpParallelismThreads());
    } finally {
      Threading.setIntraOpParallelismThreads(intra);
      Threading.setInterOpParallelismThreads(inter);
    }
  }
}
