package dev.enshu.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.yaml.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioFixturesTest {
  static List<Path> valid() {
    return Fixtures.in("src/test/resources/scenarios/valid");
  }

  static List<Path> invalid() {
    return Fixtures.in("src/test/resources/scenarios/invalid");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void validFixtureLoads(Path fixture) {
    assertThat(ScenarioLoader.load(fixture).scenario().timeline()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void invalidFixtureGivesExactlyItsProblems(Path fixture) throws Exception {
    Fixtures.assertInvalid(fixture, ScenarioLoader::parse);
  }
}
