package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.SecurityAccess;
import dev.enshu.orchestrator.access.UserStore;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseMemberships;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.scenario.ScenarioLoader;
import dev.enshu.template.Cidr;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Console decisions on a cyder-mini range: a trainee works in their organisation's hosts, the
 * firewall included, but not in the simulated internet's attacker and C2; instructors reach all.
 */
class AccessConsoleAuthorizerTest {
  final AccessConsoleAuthorizer authorizer;

  AccessConsoleAuthorizerTest() {
    // the in-memory journal migrates the database of its name: exercises and users included
    Journal journal = Journal.inMemory("console-rules");
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:console-rules;DB_CLOSE_DELAY=-1");
    JdbcClient jdbc = JdbcClient.create(data);
    ExerciseStore store = new ExerciseStore(jdbc);
    if (store.find("ex").isEmpty()) {
      store.create(
          new Exercise(
              "ex",
              "src/test/resources/scenarios/e2e-mini.yaml",
              1,
              true,
              Exercise.Mode.CENTRAL,
              "docker",
              1,
              State.RUNNING,
              null,
              Instant.EPOCH,
              List.of(),
              List.of(
                  new Team(
                      1,
                      "Blue",
                      null,
                      List.of("sato"),
                      State.RUNNING,
                      null,
                      null,
                      null,
                      null,
                      0))));
    }
    SecurityAccess access =
        new SecurityAccess(
            new Accounts(
                new UserStore(jdbc), Accounts.passwordEncoder(), journal, Clock.systemUTC()),
            new ExerciseMemberships(store));
    ScenarioLoader.Loaded loaded =
        ScenarioLoader.load(Path.of("src/test/resources/scenarios/e2e-mini.yaml"));
    ConsoleRangePlans.Registered plans = new ConsoleRangePlans.Registered();
    plans.register(
        new PlanCompiler(loaded.scenario(), loaded.template())
            .compile("ex", 1, 1, new AddressPool(Cidr.parse("10.64.0.0/10")).block(0, 16)));
    ScenarioLoader.Loaded probed = ScenarioLoader.bundled("phishing-ransomware");
    plans.register(
        new PlanCompiler(probed.scenario(), probed.template())
            .compile("exp", 1, 1, new AddressPool(Cidr.parse("10.64.0.0/10")).block(1, 16)));
    authorizer = new AccessConsoleAuthorizer(access, plans);
  }

  private ConsoleAuthorizer.Decision open(Actor actor, String host) {
    return authorizer.decide(
        ConsoleUser.of(actor), new ConsoleTarget("ex", 1, host), ConsoleAccess.OPEN);
  }

  @Test
  void aTraineeOpensTheOrganisationsHostsButNotTheAttackersSide() {
    Actor sato = new Actor("sato", Actor.Role.TRAINEE, null, 0, null);
    assertThat(open(sato, "pc").allowed()).isTrue();
    assertThat(open(sato, "fw").allowed()).as("the firewall is the organisation's").isTrue();
    assertThat(open(sato, "attacker").allowed()).isFalse();
    assertThat(open(sato, "attacker").reason()).contains("simulated internet");
    assertThat(open(sato, "c2").allowed()).isFalse();
    Actor sensei = new Actor("sensei", Actor.Role.INSTRUCTOR, null, 0, null);
    assertThat(open(sensei, "attacker").allowed()).isTrue();
  }

  @Test
  void noTraineeOpensAHiddenCheckerHost() {
    Actor sato = new Actor("sato", Actor.Role.TRAINEE, null, 0, null);
    ConsoleAuthorizer.Decision checker =
        authorizer.decide(
            ConsoleUser.of(sato), new ConsoleTarget("exp", 1, "checker-biz"), ConsoleAccess.OPEN);
    assertThat(checker.allowed()).isFalse();
    assertThat(checker.reason()).contains("checker-biz is a checker of the exercise");
  }
}
