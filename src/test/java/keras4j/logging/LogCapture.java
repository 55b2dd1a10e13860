package keras4j.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What keras4j logs while a piece of code runs, read from {@code java.util.logging}, where the
 * JDK's System.Logger writes when nothing else is configured (as in these tests).
 */
public final class LogCapture {

  private LogCapture() {}

  /**
   * Runs {@code body} and returns what a logger logged meanwhile.
   *
   * @param name the logger's name, its class's name
   * @param body the code to run
   * @return each message as a user reads it, after its level: {@code "WARNING: ..."}
   */
  public static List<String> during(String name, Runnable body) {
    Logger logger = Logger.getLogger(name);
    List<String> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record.getLevel() + ": " + new SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      body.run();
    } finally {
      logger.removeHandler(handler);
    }
    return records;
  }
}
