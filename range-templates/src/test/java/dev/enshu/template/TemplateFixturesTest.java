package dev.enshu.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.yaml.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateFixturesTest {
  static List<Path> valid() {
    return Fixtures.in("src/test/resources/templates/valid");
  }

  static List<Path> invalid() {
    return Fixtures.in("src/test/resources/templates/invalid");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validFixtureLoads(Path fixture) {
    assertThat(TemplateLoader.load(fixture).hosts()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidFixtureGivesExactlyItsProblems(Path fixture) throws Exception {
    Fixtures.assertInvalid(fixture, TemplateLoader::parse);
  }
}
