package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.access.Access;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.Permission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scenario catalogue as the course pages list it. */
class ScenarioControllerTest {
  private static final Actor SATO = new Actor("sato", Actor.Role.TRAINEE, "", 0, null);

  private final Access signedIn =
      new Access() {
        @Override
        public Actor current() {
          return SATO;
        }

        @Override
        public Optional<Actor> currentIfAny() {
          return Optional.of(SATO);
        }

        @Override
        public Decision decide(Actor a, Permission p, String exercise, Integer team) {
          return Decision.refuse("not needed here");
        }
      };

  @Test
  void listsTheBundledScenariosAndTheConfiguredFilesWithoutTheirTimelines() {
    OnlineProperties settings =
        new OnlineProperties(
            Duration.ofMinutes(30),
            Duration.ofSeconds(30),
            1,
            5,
            10,
            10,
            "docker",
            List.of("src/test/resources/scenarios/e2e-mini.yaml"));
    List<ScenarioController.Summary> list =
        new ScenarioController(
                new ScenarioCatalogue(new Plans(DrawKey.of(new byte[32])), settings), signedIn)
            .list();
    assertThat(list)
        .extracting(ScenarioController.Summary::id)
        .containsExactly("phishing-ransomware", "hospital-vpn-ransomware", "e2e-mini");
    ScenarioController.Summary mini = list.get(2);
    assertThat(mini.title()).isEqualTo(Map.of("ja", "端から端までの試験", "en", "End-to-end test"));
    assertThat(mini.level()).isEqualTo("A");
    assertThat(mini.durationMinutes()).isEqualTo(60);
    assertThat(mini.template()).isEqualTo("cyder-mini");
    assertThat(mini.briefing().get("en")).isEqualTo("A scenario for the end-to-end test.");
  }
}
