package dev.enshu.scenario;

import dev.enshu.template.TemplateLoader;
import dev.enshu.yaml.LoaderFuzz;
import dev.enshu.yaml.Mutations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken copies of the bundled scenarios, and good scenarios next to a broken copy of their
 * template, never crash the loader: each loads, or is rejected with problems that name a file and a
 * line of it. The tries and the seed are fixed (see {@link LoaderFuzz}), so CI runs the same files
 * every time.
 */
class ScenarioLoaderFuzzTest {
  private static final List<String> ORIGINALS =
      ScenarioLoader.BUNDLED.stream().map(id -> resource("/scenarios/" + id + ".yaml")).toList();

  @TempDir Path dir;

  @Test
  void brokenScenarioLoadsOrNamesItsProblems() {
    LoaderFuzz.check(
        "scenario",
        LoaderFuzz.tries(400),
        dir,
        random -> {
          int which = random.nextInt(ORIGINALS.size());
          Mutations.Mutant mutant = Mutations.mutate(ORIGINALS.get(which), random);
          String file = ScenarioLoader.BUNDLED.get(which) + ".yaml";
          return new LoaderFuzz.Sample(Map.of(file, mutant.bytes()), file, mutant.steps());
        },
        ScenarioLoader::load);
  }

  /** A template beside a scenario file is the one it runs on; its problems name that file. */
  @Test
  void scenarioOnBrokenTemplateNamesTheTemplatesProblems() {
    LoaderFuzz.check(
        "scenario-template",
        LoaderFuzz.tries(200),
        dir,
        ScenarioLoaderFuzzTest::scenarioBesideBrokenTemplate,
        ScenarioLoader::load);
  }

  private static LoaderFuzz.Sample scenarioBesideBrokenTemplate(Random random) {
    int which = random.nextInt(ORIGINALS.size());
    String template = "cyder-standard";
    Mutations.Mutant mutant =
        Mutations.mutate(resource("/templates/" + template + ".yaml"), random);
    String file = ScenarioLoader.BUNDLED.get(which) + ".yaml";
    return new LoaderFuzz.Sample(
        Map.of(
            file,
            ORIGINALS.get(which).getBytes(StandardCharsets.UTF_8),
            template + ".yaml",
            mutant.bytes()),
        file,
        mutant.steps());
  }

  private static String resource(String name) {
    try (InputStream in = TemplateLoader.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
