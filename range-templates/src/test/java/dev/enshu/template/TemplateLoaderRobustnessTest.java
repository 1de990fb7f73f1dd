package dev.enshu.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.enshu.yaml.InvalidDocumentException;
import dev.enshu.yaml.Problem;
import dev.enshu.yaml.YamlDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the fuzzing found: each used to crash the loader, hang it, or give a problem no line. */
class TemplateLoaderRobustnessTest {
  private static final Duration QUICKLY = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void poolOfHalfTheAddressSpaceIsCheckedWithoutWalkingIt() {
    Path fixture = Path.of("src/test/resources/templates/invalid/wide-pool.yaml");
    // walking the pool's two billion addresses took about 15 s
    List<Problem> problems = assertTimeoutPreemptively(QUICKLY, () -> problemsOf(fixture));
    assertThat(problems).extracting(Problem::path).containsExactly("segments[0].cidr");
  }

  @Test
  void nestingTooDeepIsASyntaxProblemAtItsLine() {
    String text = "id: deep\nhosts: " + "[".repeat(600) + "\n";
    // the parser's error carries no location: it was reported at line 0
    assertThat(problemsOf("deep.yaml", text))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).startsWith("YAML syntax: Document nesting depth");
            });
  }

  @Test
  void bytesThatAreNotUtf8ArePlacedAtTheirLine() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    byte[] head = "id: latin1\ntitle: {ja: ".getBytes(StandardCharsets.UTF_8);
    byte[] text = new byte[head.length + 3];
    System.arraycopy(head, 0, text, 0, head.length);
    text[head.length] = (byte) 0xE9; // é in Latin-1
    text[head.length + 1] = '}';
    text[head.length + 2] = '\n';
    Files.write(file, text);
    // it was "cannot read the file: Input length = 1" at line 0
    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message()).startsWith("expected UTF-8 text, found the byte 0xE9");
            });
  }

  @Test
  void billionLaughsIsRefusedAtTheAlias() {
    StringBuilder text = new StringBuilder("id: laughs\nl0: &l0 [lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      text.append("l").append(i).append(": &l").append(i).append(" [");
      text.append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1))));
      text.append("]\n");
    }
    text.append("title: *l9\n");
    List<Problem> problems =
        assertTimeoutPreemptively(QUICKLY, () -> problemsOf("laughs.yaml", text.toString()));
    assertThat(problems).hasSize(9 * 9 + 1).allSatisfy(p -> assertThat(p.line()).isPositive());
    assertThat(problems.get(problems.size() - 1).toString())
        .isEqualTo(
            "laughs.yaml:12: title: the alias *l9 is not supported; write the value out instead of"
                + " referring to an anchor");
  }

  @Test
  void textPastTheLimitIsRefusedBeforeItIsParsed() {
    String text = "id: huge\ntitle: " + "x".repeat(YamlDocument.MAX_CHARS);
    // the parser took 11 s to reach its own limit of 3 million characters
    List<Problem> problems =
        assertTimeoutPreemptively(QUICKLY, () -> problemsOf("huge.yaml", text));
    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            "huge.yaml:1: the file has "
                + text.length()
                + " characters; expected at most 1048576 (a template or scenario is a few tens of"
                + " kB)");
  }

  private static List<Problem> problemsOf(String file, String text) {
    return rejected(
        file,
        catchThrowableOfType(
            InvalidDocumentException.class, () -> TemplateLoader.parse(file, text)));
  }

  private static List<Problem> problemsOf(Path file) {
    return rejected(
        file.toString(),
        catchThrowableOfType(InvalidDocumentException.class, () -> TemplateLoader.load(file)));
  }

  private static List<Problem> rejected(String file, InvalidDocumentException error) {
    assertThat(error).as("%s is rejected", file).isNotNull();
    return error.problems();
  }
}
