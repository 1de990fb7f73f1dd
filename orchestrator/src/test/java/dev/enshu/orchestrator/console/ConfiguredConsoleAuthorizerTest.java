package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredConsoleAuthorizerTest {
  static ConsoleProperties properties(List<ConsoleProperties.User> users) {
    return new ConsoleProperties(
        Duration.ofMinutes(30),
        1 << 20,
        Duration.ofSeconds(10),
        256,
        Path.of("target/recordings"),
        new ConsoleProperties.Guacd("127.0.0.1", 4822),
        Map.of(),
        users,
        Map.of("osaka", List.of(3, 4)));
  }

  final ConfiguredConsoleAuthorizer authorizer =
      new ConfiguredConsoleAuthorizer(
          properties(
              List.of(
                  new ConsoleProperties.User("i", "sensei", "instructor", null, null),
                  new ConsoleProperties.User("a", "tanaka", "assistant", null, "osaka"),
                  new ConsoleProperties.User("t", "sato", "trainee", 3, null),
                  new ConsoleProperties.User("o", "guest", "observer", null, null))));

  ConsoleUser user(String token) {
    return authorizer.identify(token).orElseThrow();
  }

  static final ConsoleTarget TEAM3 = new ConsoleTarget("ex", 3, "pc");
  static final ConsoleTarget TEAM5 = new ConsoleTarget("ex", 5, "pc");

  @Test
  void unknownTokensIdentifyNobody() {
    assertThat(authorizer.identify("nope")).isEmpty();
    assertThat(authorizer.identify(null)).isEmpty();
  }

  @Test
  void traineeOpensOnlyOwnTeamsHostsAndSaysWhyNot() {
    assertThat(authorizer.decide(user("t"), TEAM3, ConsoleAccess.OPEN).allowed()).isTrue();
    ConsoleAuthorizer.Decision refused = authorizer.decide(user("t"), TEAM5, ConsoleAccess.OPEN);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.reason())
        .isEqualTo(
            "sato (trainee of team 3) may open only team 3's hosts; host 'pc' of team 5 in"
                + " exercise ex is not");
  }

  @Test
  void assistantWatchesOnlyTheirVenuesTeamsAndOpensNothing() {
    assertThat(authorizer.decide(user("a"), TEAM3, ConsoleAccess.OBSERVE).allowed()).isTrue();
    assertThat(authorizer.decide(user("a"), TEAM3, ConsoleAccess.OPEN).allowed()).isFalse();
    assertThat(authorizer.decide(user("a"), TEAM5, ConsoleAccess.OBSERVE).reason())
        .contains("helps teams [3, 4] only");
  }

  @Test
  void instructorReachesEverythingAndObserverNothing() {
    assertThat(authorizer.decide(user("i"), TEAM5, ConsoleAccess.CONTROL).allowed()).isTrue();
    assertThat(authorizer.decide(user("o"), TEAM3, ConsoleAccess.OBSERVE).allowed()).isFalse();
  }

  @Test
  void assistantOfAnUnknownVenueIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                new ConfiguredConsoleAuthorizer(
                    properties(
                        List.of(new ConsoleProperties.User("a", "x", "assistant", null, "kobe")))))
        .hasMessageContaining("names venue 'kobe', which is not under enshu.console.venues");
  }
}
