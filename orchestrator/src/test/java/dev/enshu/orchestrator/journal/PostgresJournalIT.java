package dev.enshu.orchestrator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.TestPostgres;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.UserStore;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.containers.GenericContainer;

/**
 * The migrations, the journal and the exercise store on a real PostgreSQL server ({@link
 * TestPostgres}).
 */
class PostgresJournalIT {
  @Test
  void journalAndExercisesWorkOnPostgresql() throws Exception {
    try (GenericContainer<?> postgres = TestPostgres.start()) {
      PGSimpleDataSource data = TestPostgres.dataSource(TestPostgres.url(postgres, "postgres"));
      Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
      JdbcClient jdbc = JdbcClient.create(data);
      Journal journal = new Journal(jdbc);
      ExerciseStore store = new ExerciseStore(jdbc);

      Instant now = Instant.parse("2026-11-30T01:00:00Z");
      store.create(
          new Exercise(
              "pg1",
              "phishing-ransomware",
              7,
              true,
              Exercise.Mode.SATELLITE,
              "docker",
              2.0,
              State.DRAFT,
              null,
              now,
              List.of(new Exercise.Venue("osaka", "大阪会場")),
              List.of(
                  new Team(
                      1,
                      "チーム1",
                      "osaka",
                      List.of("佐藤", "鈴木"),
                      State.DRAFT,
                      null,
                      null,
                      null,
                      null,
                      0))));
      store.setClock("pg1", 1, now, now.plusSeconds(30), 1500);
      Exercise read = store.require("pg1");
      assertThat(read.teams().get(0).members()).containsExactly("佐藤", "鈴木");
      assertThat(read.teams().get(0).pausedAt()).isEqualTo(now.plusSeconds(30));
      assertThat(read.venues()).containsExactly(new Exercise.Venue("osaka", "大阪会場"));

      JournalEvent first =
          journal.append(
              JournalEvent.of(
                  "pg1", 1, now, "exercise.created", "instructor", Map.of("note", "日本語")));
      JournalEvent fired =
          JournalEvent.of("pg1", 1, now, "inject.fired", "timeline", Map.of("item", "phish"))
              .once("timeline:1:phish");
      assertThat(journal.appendOnce(fired)).isPresent();
      assertThat(journal.appendOnce(fired)).as("the same inject a second time").isEmpty();
      List<JournalEvent> events = journal.read("pg1", 1, 0);
      assertThat(events)
          .extracting(JournalEvent::type)
          .containsExactly("exercise.created", "inject.fired");
      assertThat(events.get(1).seq()).isGreaterThan(first.seq());
      assertThat(events.get(0).data()).containsEntry("note", "日本語");
      assertThat(journal.has("pg1", "timeline:1:phish")).isTrue();

      // users (V2): stored hashed, read back with their bindings; a name is taken once
      Accounts accounts =
          new Accounts(
              new UserStore(jdbc),
              Accounts.passwordEncoder(),
              journal,
              java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
      accounts.create(new Accounts.Request("佐藤", "trainee", "pg1", 1, null), "instructor");
      accounts.create(
          new Accounts.Request("tanaka", "assistant", null, null, java.util.Set.of("osaka")),
          "instructor");
      assertThat(accounts.actor("佐藤"))
          .hasValue(new Actor("佐藤", Actor.Role.TRAINEE, "pg1", 1, null));
      assertThat(accounts.actor("tanaka").orElseThrow().venues()).containsExactly("osaka");
      assertThat(new UserStore(jdbc).hasInstructor()).isFalse();
      assertThatThrownBy(
              () ->
                  accounts.create(
                      new Accounts.Request("tanaka", "observer", null, null, null), "x"))
          .hasMessageContaining("already exists");
      assertThat(journal.read(Accounts.NO_EXERCISE, null, 0))
          .extracting(JournalEvent::type)
          .containsExactly("access.user.created", "access.user.created");
    }
  }
}
