package dev.enshu.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Valid and invalid document fixtures. Every invalid fixture states, in {@code # expect:} comment
 * lines at its top, the exact problems it must produce, in order.
 */
public final class Fixtures {
  private Fixtures() {}

  /** The YAML files of a fixture folder, such as {@code src/test/resources/scenarios/invalid}. */
  public static List<Path> in(String folder) {
    try (Stream<Path> files = Files.list(Path.of(folder))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The problems an invalid fixture says it produces. */
  public static List<String> expectedProblems(Path fixture) throws IOException {
    List<String> expected =
        Files.readAllLines(fixture, StandardCharsets.UTF_8).stream()
            .filter(line -> line.startsWith("# expect: "))
            .map(line -> line.substring("# expect: ".length()))
            .toList();
    assertThat(expected).as("%s states the problems it expects", fixture).isNotEmpty();
    return expected;
  }

  /**
   * Runs {@code load} on an invalid fixture and checks it fails with exactly the stated problems.
   */
  public static void assertInvalid(Path fixture, BiConsumer<String, String> load)
      throws IOException {
    String text = Files.readString(fixture, StandardCharsets.UTF_8);
    String name = fixture.getFileName().toString();
    InvalidDocumentException error =
        catchThrowableOfType(InvalidDocumentException.class, () -> load.accept(name, text));
    assertThat(error).as("%s is rejected", name).isNotNull();
    assertThat(error.problems())
        .extracting(Problem::toString)
        .containsExactlyElementsOf(expectedProblems(fixture));
  }
}
