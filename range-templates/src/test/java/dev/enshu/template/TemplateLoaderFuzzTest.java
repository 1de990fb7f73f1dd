package dev.enshu.template;

import dev.enshu.yaml.LoaderFuzz;
import dev.enshu.yaml.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken copies of the bundled templates never crash the loader: each loads, or is rejected with
 * problems that name the file and a line of it. The tries and the seed are fixed (see {@link
 * LoaderFuzz}), so CI runs the same files every time.
 */
class TemplateLoaderFuzzTest {
  private static final List<String> ORIGINALS =
      TemplateLoader.BUNDLED.stream().map(TemplateLoaderFuzzTest::bundledText).toList();

  @TempDir Path dir;

  @Test
  void brokenTemplateLoadsOrNamesItsProblems() {
    LoaderFuzz.check(
        "template",
        LoaderFuzz.tries(600),
        dir,
        random -> {
          int which = random.nextInt(ORIGINALS.size());
          Mutations.Mutant mutant = Mutations.mutate(ORIGINALS.get(which), random);
          String file = TemplateLoader.BUNDLED.get(which) + ".yaml";
          return new LoaderFuzz.Sample(Map.of(file, mutant.bytes()), file, mutant.steps());
        },
        TemplateLoader::load);
  }

  static String bundledText(String id) {
    try (InputStream in = TemplateLoader.class.getResourceAsStream("/templates/" + id + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
