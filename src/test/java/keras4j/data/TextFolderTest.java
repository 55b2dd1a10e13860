package keras4j.data;

import static keras4j.data.DatasetTest.flat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TextFolder} on a folder of .txt files the test writes, against Keras's rules. */
class TextFolderTest {
  @TempDir
  Path dir;

  /** pos: 3 texts "pos 0".."pos 2"; neg: 2 texts; an .md file that is not read. */
  private void writeTexts() throws IOException {
    Files.createDirectories(dir.resolve("pos"));
    Files.createDirectories(dir.resolve("neg"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(dir.resolve("pos/" + i + ".txt"), "pos " + i + " \u00e9t\u00e9");
    }
    for (int i = 0; i < 2; i++) {
      Files.writeString(dir.resolve("neg/" + i + ".TXT"), "neg " + i);
    }
    Files.writeString(dir.resolve("neg/readme.md"), "not a text of the dataset");
  }

  @Test
  void textsAndLabelsInTheFolderOrder() throws IOException {
    writeTexts();
    TextFolder texts = TextFolder.texts(dir, Folder.defaults().shuffle(false).batchSize(4)
        .verbose(false));
    assertEquals(List.of("neg", "pos"), texts.classNames());
    assertEquals(2, texts.cardinality());
    List<TextBatch> batches = new ArrayList<>();
    texts.forEach(batches::add);
    assertEquals(List.of("neg 0", "neg 1", "pos 0 \u00e9t\u00e9", "pos 1 \u00e9t\u00e9"),
        batches.get(0).texts());
    assertArrayEquals(new float[] {0, 0, 1, 1}, flat(batches.get(0).labels()));
    assertEquals(List.of("pos 2 \u00e9t\u00e9"), batches.get(1).texts());

    TextFolder cut = TextFolder.texts(dir, Folder.defaults().shuffle(false).batchSize(null)
        .maxLength(3).labelMode("categorical").verbose(false));
    TextBatch first = cut.iterator().next();
    assertEquals(List.of("neg"), first.texts());
    assertArrayEquals(new float[] {1, 0}, flat(first.labels()));
    assertEquals(5, cut.cardinality());
  }

  @Test
  void splitsAndVectorizesForTraining() throws IOException {
    writeTexts();
    Folder folder = Folder.defaults().validationSplit(0.4).seed(1337).batchSize(8)
        .verbose(false);
    List<TextFolder> split = TextFolder.textsSplit(dir, folder);
    assertEquals(3, split.get(0).filePaths().size());
    assertEquals(2, split.get(1).filePaths().size());
    List<Path> all = new ArrayList<>(split.get(0).filePaths());
    all.addAll(split.get(1).filePaths());
    assertEquals(5, all.stream().distinct().count());

    // One feature per text: its length; the label follows the text through the shuffle.
    Dataset lengths = split.get(0).vectorized(list -> list.stream()
        .map(t -> new float[] {t.length(), t.startsWith("pos") ? 1 : 0}).toArray(float[][]::new));
    try (DatasetIterator pass = lengths.iterator()) {
      Batch batch = pass.next();
      float[] x = flat(batch.x());
      float[] y = flat(batch.y());
      for (int i = 0; i < y.length; i++) {
        assertEquals(x[2 * i + 1], y[i]);
        assertEquals(y[i] == 1 ? 9 : 5, x[2 * i]);
      }
    }
  }

  @Test
  void refusesAFolderWithoutTexts() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFolder.texts(dir,
        Folder.defaults().verbose(false))).getMessage().contains("No text files found"));
  }
}
