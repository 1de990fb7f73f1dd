package dev.enshu.orchestrator.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.UserStore;
import dev.enshu.orchestrator.exercise.DrawKey;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.exercise.Team;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A backup of the embedded database and recordings, and the restores it refuses. */
class BackupRestoreTest {
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private JdbcDataSource server() throws IOException {
    JdbcDataSource data = ReleasedSchemasTest.database(dir.resolve("server"));
    Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    ExerciseStore store = new ExerciseStore(jdbc);
    store.create(
        new Exercise(
            "bk1",
            "phishing-ransomware",
            123456789L,
            true,
            Exercise.Mode.SATELLITE,
            "docker",
            2.5,
            State.RUNNING,
            null,
            NOW,
            List.of(new Exercise.Venue("sapporo", "札幌会場")),
            List.of(
                new Team(
                    1, "一班", "sapporo", List.of("佐藤"), State.RUNNING, null, null, null, null, 0))));
    store.setClock("bk1", 1, NOW, null, 0);
    new DrawKey(jdbc, CLOCK).draws("bk1", 123456789L);
    Journal journal = new Journal(jdbc);
    // more than one insert batch of the restore
    for (int i = 0; i < 520; i++) {
      journal.append(
          JournalEvent.of(
              "bk1",
              1 + i % 2,
              NOW.plusMillis(i),
              "check.passed",
              "checks",
              Map.of("check", "web-up", "n", i, "text", "日本語 \"quoted\"\n")));
    }
    new Accounts(new UserStore(jdbc), Accounts.passwordEncoder(), journal, CLOCK)
        .create(new Accounts.Request("佐藤", "trainee", "bk1", 1, null), "instructor");
    Path recordings = Files.createDirectories(dir.resolve("server-recordings"));
    Files.writeString(recordings.resolve("s1.cast"), "{\"version\":2}\n[0.5,\"o\",\"$ \"]\n");
    Files.write(recordings.resolve("s2.cast"), new byte[] {0, 1, 2, (byte) 0xff});
    return data;
  }

  @Test
  void aRestoredDatabaseHoldsEveryRowAndRecordingAndGoesOnFromThere() throws Exception {
    JdbcDataSource server = server();
    Manifest taken =
        new Backup(server, dir.resolve("server-recordings"), CLOCK).to(dir.resolve("b"));
    assertThat(taken.tables())
        .containsKeys("journal", "exercise", "team", "venue", "app_user", "installation_key");
    assertThat(taken.tables().get("journal").count()).isEqualTo(521);
    assertThat(taken.recordings()).containsOnlyKeys("s1.cast", "s2.cast");

    JdbcDataSource fresh = ReleasedSchemasTest.database(dir.resolve("fresh"));
    new Restore(fresh, dir.resolve("fresh-recordings")).from(dir.resolve("b"));

    Manifest again = new Backup(fresh, dir.resolve("fresh-recordings"), CLOCK).to(dir.resolve("c"));
    assertThat(again.tables()).isEqualTo(taken.tables());
    assertThat(again.recordings()).isEqualTo(taken.recordings());
    assertThat(Files.readAllBytes(dir.resolve("fresh-recordings/s2.cast")))
        .containsExactly(0, 1, 2, 0xff);
    JdbcClient jdbc = JdbcClient.create(fresh);
    assertThat(new DrawKey(jdbc, CLOCK).draws("bk1", 123456789L))
        .as("the same key: the same draws")
        .isEqualTo(new DrawKey(JdbcClient.create(server), CLOCK).draws("bk1", 123456789L));
    Journal journal = new Journal(jdbc);
    long last = jdbc.sql("SELECT MAX(seq) FROM journal").query(Long.class).single();
    JournalEvent next =
        journal.append(JournalEvent.of("bk1", 1, NOW, "score.adjusted", "instructor", Map.of()));
    assertThat(next.seq()).as("numbering goes on after the restored events").isEqualTo(last + 1);
  }

  @Test
  void refusesADatabaseThatHoldsDataAndChangesNothing() throws Exception {
    JdbcDataSource server = server();
    new Backup(server, dir.resolve("server-recordings"), CLOCK).to(dir.resolve("b"));
    Manifest before = new Backup(server, dir.resolve("x"), CLOCK).to(dir.resolve("before"));

    assertThatThrownBy(() -> new Restore(server, dir.resolve("elsewhere")).from(dir.resolve("b")))
        .isInstanceOf(EnshuException.class)
        .hasMessageContaining("already holds data in app_user (1 rows)")
        .hasMessageContaining("journal (521 rows)")
        .hasMessageContaining("nothing was changed");
    assertThat(new Backup(server, dir.resolve("x"), CLOCK).to(dir.resolve("after")).tables())
        .isEqualTo(before.tables());
  }

  @Test
  void refusesRecordingsThatWouldReplaceTheServersOwn() throws Exception {
    new Backup(server(), dir.resolve("server-recordings"), CLOCK).to(dir.resolve("b"));
    Path recordings = Files.createDirectories(dir.resolve("fresh-recordings"));
    Files.writeString(recordings.resolve("s1.cast"), "mine");
    JdbcDataSource fresh = ReleasedSchemasTest.database(dir.resolve("fresh"));

    assertThatThrownBy(() -> new Restore(fresh, recordings).from(dir.resolve("b")))
        .hasMessageContaining("s1.cast exists already");
    assertThat(Files.readString(recordings.resolve("s1.cast"))).isEqualTo("mine");
    assertThat(dir.resolve("fresh")).as("the database was not touched").doesNotExist();
  }

  @Test
  void refusesADamagedOrIncompleteBackupBeforeTouchingTheDatabase() throws Exception {
    new Backup(server(), dir.resolve("server-recordings"), CLOCK).to(dir.resolve("b"));
    Path journal = dir.resolve("b/tables/journal.jsonl");
    String text = Files.readString(journal);
    Files.writeString(journal, text.replaceFirst("web-up", "web-UP"));
    JdbcDataSource fresh = ReleasedSchemasTest.database(dir.resolve("fresh"));

    assertThatThrownBy(() -> new Restore(fresh, dir.resolve("r")).from(dir.resolve("b")))
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("is not the file backed up");
    Files.writeString(journal, text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));
    assertThatThrownBy(() -> new Restore(fresh, dir.resolve("r")).from(dir.resolve("b")))
        .hasMessageContaining("the manifest says 521 rows, found 520 lines");
    Files.delete(dir.resolve("b/recordings/s2.cast"));
    Files.writeString(journal, text);
    assertThatThrownBy(() -> new Restore(fresh, dir.resolve("r")).from(dir.resolve("b")))
        .hasMessageContaining("s2.cast is named in the manifest but missing");
    Files.delete(dir.resolve("b/manifest.json"));
    assertThatThrownBy(() -> new Restore(fresh, dir.resolve("r")).from(dir.resolve("b")))
        .hasMessageContaining("no manifest.json")
        .hasMessageContaining("did not finish");
    assertThat(dir.resolve("fresh")).doesNotExist();
  }

  @Test
  void aRowThatDoesNotFitIsNamedByFileAndLineAndNothingIsRestored() throws Exception {
    new Backup(server(), dir.resolve("server-recordings"), CLOCK).to(dir.resolve("b"));
    Path team = dir.resolve("b/tables/team.jsonl");
    String row =
        Files.readString(team).replace("\"paused_millis\":0", "\"paused_millis\":\"zero\"");
    Files.writeString(team, row);
    Path manifest = dir.resolve("b/manifest.json");
    String sha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8)));
    String old = Manifest.read(dir.resolve("b")).tables().get("team").sha256();
    Files.writeString(manifest, Files.readString(manifest).replace(old, sha));
    JdbcDataSource fresh = ReleasedSchemasTest.database(dir.resolve("fresh"));

    assertThatThrownBy(() -> new Restore(fresh, dir.resolve("r")).from(dir.resolve("b")))
        .hasMessageContaining(
            team + " line 1: field paused_millis should be integer, found \"zero\"")
        .hasMessageContaining("nothing was restored");
    assertThat(
            JdbcClient.create(fresh).sql("SELECT COUNT(*) FROM journal").query(Long.class).single())
        .isZero();
    assertThat(dir.resolve("r")).doesNotExist();
  }

  @Test
  void refusesRecordingNamesOutsideItsDirectoryAndANonEmptyTarget() throws Exception {
    JdbcDataSource server = server();
    Path b = dir.resolve("b");
    new Backup(server, dir.resolve("server-recordings"), CLOCK).to(b);
    assertThatThrownBy(() -> new Backup(server, dir.resolve("x"), CLOCK).to(b))
        .hasMessageContaining("already holds files");
    Path manifest = b.resolve("manifest.json");
    Files.writeString(
        manifest, Files.readString(manifest).replace("\"s1.cast\"", "\"../s1.cast\""));
    assertThatThrownBy(
            () ->
                new Restore(ReleasedSchemasTest.database(dir.resolve("fresh")), dir.resolve("r"))
                    .from(b))
        .hasMessageContaining("recording name ../s1.cast is not a file name of this directory");
  }
}
