package dev.enshu.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class BundledScenariosTest {
  static final List<String> BUNDLED = ScenarioLoader.BUNDLED;

  @ParameterizedTest
  @FieldSource("BUNDLED")
  void bundledScenarioValidatesAgainstItsTemplate(String id) {
    ScenarioLoader.Loaded loaded = ScenarioLoader.bundled(id);
    Scenario scenario = loaded.scenario();
    assertThat(scenario.id()).isEqualTo(id);
    assertThat(scenario.title().ja()).isNotBlank();
    assertThat(scenario.title().en()).isNotBlank();
    assertThat(scenario.timeline()).isNotEmpty();
    assertThat(scenario.objectives()).isNotEmpty();
    assertThat(scenario.checks())
        .extracting(Check::kind)
        .contains(Check.Kind.RESPONSE, Check.Kind.SERVICE);
    assertThat(scenario.timeline()).anySatisfy(i -> assertThat(i.conditions()).isNotEmpty());
  }
}
