package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseMemberships;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules of {@link Permission}'s table, on exercise {@code ex}: team 1 at tokyo, 2 at osaka. */
class SecurityAccessTest {
  static final Actor SENSEI = new Actor("sensei", Actor.Role.INSTRUCTOR, null, 0, null);
  static final Actor TOKYO = new Actor("tanaka", Actor.Role.ASSISTANT, null, 0, Set.of("tokyo"));
  static final Actor SATO = new Actor("sato", Actor.Role.TRAINEE, "ex", 1, null);
  static final Actor MEMBER = new Actor("member1", Actor.Role.TRAINEE, null, 0, null);
  static final Actor MORI = new Actor("mori", Actor.Role.OBSERVER, null, 0, null);

  final SecurityAccess access;

  SecurityAccessTest() {
    Journal journal = Journal.inMemory("rules");
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:rules;DB_CLOSE_DELAY=-1");
    JdbcClient jdbc = JdbcClient.create(data);
    ExerciseStore store = new ExerciseStore(jdbc);
    if (store.find("ex").isEmpty()) {
      store.create(
          new Exercise(
              "ex",
              "phishing-ransomware",
              1,
              true,
              Exercise.Mode.SATELLITE,
              "docker",
              1,
              State.DRAFT,
              null,
              Instant.EPOCH,
              List.of(new Exercise.Venue("tokyo", "T"), new Exercise.Venue("osaka", "O")),
              List.of(team(1, "tokyo", "member1"), team(2, "osaka", "someone"))));
    }
    access =
        new SecurityAccess(
            new Accounts(
                new UserStore(jdbc), Accounts.passwordEncoder(), journal, Clock.systemUTC()),
            new ExerciseMemberships(store));
  }

  static Team team(int number, String venue, String member) {
    return new Team(
        number, "T" + number, venue, List.of(member), State.DRAFT, null, null, null, null, 0);
  }

  boolean may(Actor actor, Permission permission, Integer team) {
    return access.decide(actor, permission, "ex", team).allowed();
  }

  @Test
  void instructorsMayEverythingButTrainOnlineUnlessAllowed() {
    for (Permission p : Permission.values()) {
      assertThat(may(SENSEI, p, 2)).as(p.name()).isEqualTo(p != Permission.TRAIN_ONLINE);
    }
    Actor allowed = new Actor("sensei", Actor.Role.INSTRUCTOR, null, 0, null, true);
    assertThat(may(allowed, Permission.TRAIN_ONLINE, null)).isTrue();
  }

  @Test
  void onlyTraineesAndInstructorsAllowedToTrainOnlineMayStartOnlineRuns() {
    assertThat(may(SATO, Permission.TRAIN_ONLINE, null)).isFalse();
    assertThat(access.decide(SATO, Permission.TRAIN_ONLINE, null, null).reason())
        .startsWith("sato is not allowed to train online")
        .contains("enshu users online sato --allow");
    Actor online = new Actor("sato", Actor.Role.TRAINEE, null, 0, null, true);
    assertThat(may(online, Permission.TRAIN_ONLINE, null)).isTrue();
    for (Actor.Role role : List.of(Actor.Role.OBSERVER, Actor.Role.ASSISTANT)) {
      Actor flagged = new Actor("x", role, null, 0, Set.of("tokyo"), true);
      assertThat(access.decide(flagged, Permission.TRAIN_ONLINE, null, null).reason())
          .as(role.id())
          .endsWith("may not train online: online runs are for trainees and instructors");
    }
  }

  @Test
  void observersReadButNeitherChangeNorWork() {
    assertThat(may(MORI, Permission.VIEW_EXERCISE, null)).isTrue();
    assertThat(may(MORI, Permission.VIEW_TEAM, 1)).isTrue();
    assertThat(may(MORI, Permission.VIEW_SCOREBOARD, null)).isTrue();
    assertThat(may(MORI, Permission.HELP_TEAM, 1)).isFalse();
    assertThat(may(MORI, Permission.WORK_TEAM, 1)).isFalse();
    assertThat(may(MORI, Permission.RUN_EXERCISE, null)).isFalse();
  }

  @Test
  void assistantsSeeAndHelpTheTeamsOfTheirVenuesOnly() {
    assertThat(may(TOKYO, Permission.VIEW_EXERCISE, null)).isTrue();
    assertThat(may(TOKYO, Permission.VIEW_EXERCISE, 1)).isTrue();
    assertThat(may(TOKYO, Permission.VIEW_EXERCISE, 2)).isFalse();
    assertThat(may(TOKYO, Permission.VIEW_TEAM, 1)).isTrue();
    assertThat(may(TOKYO, Permission.HELP_TEAM, 1)).isTrue();
    assertThat(may(TOKYO, Permission.HELP_TEAM, 2)).isFalse();
    assertThat(may(TOKYO, Permission.WORK_TEAM, 1)).isFalse();
    assertThat(may(TOKYO, Permission.RUN_EXERCISE, null)).isFalse();
    assertThat(may(TOKYO, Permission.VIEW_SCOREBOARD, null)).isTrue();
    assertThat(may(TOKYO, Permission.VIEW_SCOREBOARD, 1)).isTrue();
    assertThat(may(TOKYO, Permission.VIEW_SCOREBOARD, 2)).as("osaka's line").isFalse();
    assertThat(access.decide(TOKYO, Permission.HELP_TEAM, "ex", 2).reason())
        .contains("tanaka")
        .contains("venue 'osaka'");
    Actor elsewhere = new Actor("kudo", Actor.Role.ASSISTANT, null, 0, Set.of("nagoya"));
    assertThat(may(elsewhere, Permission.VIEW_EXERCISE, null)).isFalse();
    assertThat(may(elsewhere, Permission.VIEW_SCOREBOARD, null)).isFalse();
  }

  @Test
  void traineesWorkInTheirOwnTeamBoundOrByTheMembersList() {
    for (Actor trainee : List.of(SATO, MEMBER)) {
      assertThat(may(trainee, Permission.WORK_TEAM, 1)).as(trainee.name()).isTrue();
      assertThat(may(trainee, Permission.WORK_TEAM, 2)).as(trainee.name()).isFalse();
      assertThat(may(trainee, Permission.VIEW_EXERCISE, null)).isTrue();
      assertThat(may(trainee, Permission.VIEW_EXERCISE, 2)).isFalse();
      assertThat(may(trainee, Permission.VIEW_SCOREBOARD, null)).isTrue();
      assertThat(may(trainee, Permission.VIEW_SCOREBOARD, 2)).as("other teams' totals").isTrue();
      assertThat(may(trainee, Permission.VIEW_TEAM, 1)).as("ground truth").isFalse();
      assertThat(may(trainee, Permission.HELP_TEAM, 1)).isFalse();
      assertThat(may(trainee, Permission.RUN_EXERCISE, null)).isFalse();
    }
    assertThat(access.teamOf(MEMBER, "ex")).hasValue(1);
    Actor stranger = new Actor("nobody", Actor.Role.TRAINEE, null, 0, null);
    assertThat(access.decide(stranger, Permission.VIEW_SCOREBOARD, "ex", null).reason())
        .isEqualTo("nobody (trainee) is not a member of any team of exercise ex");
  }
}
