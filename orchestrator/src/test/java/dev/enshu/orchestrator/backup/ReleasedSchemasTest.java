package dev.enshu.orchestrator.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.access.Accounts;
import dev.enshu.orchestrator.access.Actor;
import dev.enshu.orchestrator.access.UserStore;
import dev.enshu.orchestrator.exercise.Exercise;
import dev.enshu.orchestrator.exercise.ExerciseStore;
import dev.enshu.orchestrator.exercise.State;
import dev.enshu.orchestrator.journal.Journal;
import dev.enshu.orchestrator.journal.JournalChain;
import dev.enshu.orchestrator.journal.JournalEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Every released schema version, holding the data a server of that version wrote, reaches the
 * current one two ways — migrated in place (a server upgraded) and backed up then restored into a
 * new database — and both end with the same data, which this version's code reads.
 */
class ReleasedSchemasTest {
  private static final String PASSWORD = "correct horse battery";
  private static final PasswordEncoder ENCODER = Accounts.passwordEncoder();
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  static List<Integer> released() {
    MigrationInfo[] all =
        Flyway.configure()
            .dataSource("jdbc:h2:mem:released", "enshu", "")
            .locations("classpath:db/migration")
            .load()
            .info()
            .all();
    return IntStream.rangeClosed(1, all.length).boxed().toList();
  }

  @ParameterizedTest(name = "schema version {0}")
  @MethodSource("released")
  void dataOfEveryReleasedVersionSurvivesUpgradeAndRestore(int version, @TempDir Path dir)
      throws IOException {
    JdbcDataSource old = database(dir.resolve("old"));
    String hash = ENCODER.encode(PASSWORD);
    for (int v = 1; v <= version; v++) {
      migrate(old, Integer.toString(v));
      String sql = fixture(v);
      if (sql != null) {
        JdbcClient.create(old).sql(sql.replace("${PASSWORD_HASH}", hash)).update();
      }
      if (v == 3) {
        // from version 3 the journal hashes what it appends: written by the code, as a server did
        new Journal(JdbcClient.create(old))
            .append(
                JournalEvent.of(
                    "old1",
                    1,
                    Instant.parse("2026-11-20T01:20:00Z"),
                    "finding.accepted",
                    "trainee:佐藤",
                    Map.of("objective", "victim", "points", 100)));
      }
    }
    Manifest backedUp =
        new Backup(old, dir.resolve("no-recordings"), Clock.fixed(NOW, ZoneOffset.UTC))
            .to(dir.resolve("backup"));
    assertThat(backedUp.schemaVersion()).isEqualTo(Integer.toString(version));

    migrate(old, null);
    JdbcDataSource restored = database(dir.resolve("restored"));
    new Restore(restored, dir.resolve("restored-recordings")).from(dir.resolve("backup"));

    Manifest upgraded = dump(old, dir.resolve("dump-upgraded"));
    Manifest fromBackup = dump(restored, dir.resolve("dump-restored"));
    assertThat(fromBackup.tables()).isEqualTo(upgraded.tables());
    assertThat(fromBackup.schemaVersion()).isEqualTo(upgraded.schemaVersion());
    readsAsThisVersion(old, version);
    readsAsThisVersion(restored, version);
  }

  private static void readsAsThisVersion(JdbcDataSource data, int version) throws IOException {
    JdbcClient jdbc = JdbcClient.create(data);
    Exercise old1 = new ExerciseStore(jdbc).require("old1");
    assertThat(old1.state()).isEqualTo(State.FINISHED);
    assertThat(old1.keyedDraws()).as("drawn before the key existed").isFalse();
    assertThat(old1.teams().get(0).members()).containsExactly("佐藤", "鈴木");
    assertThat(old1.teams().get(0).pausedMillis()).isEqualTo(1500);
    assertThat(old1.venues()).containsExactly(new Exercise.Venue("osaka", "大阪会場"));
    Journal journal = new Journal(jdbc);
    List<JournalEvent> events = journal.read("old1", null, 0);
    assertThat(events)
        .extracting(JournalEvent::type)
        .startsWith("exercise.created", "inject.fired");
    assertThat(events.get(1).data()).containsEntry("note", "日本語");
    assertThat(events.get(1).at()).isEqualTo(Instant.parse("2026-11-20T01:06:00.123456Z"));
    assertThat(journal.has("old1", "timeline:1:phish")).isTrue();

    // this version goes on writing: a new event follows the old ones and the chain holds
    JournalEvent next =
        journal.append(
            JournalEvent.of("old1", 1, NOW, "score.adjusted", "instructor", Map.of("points", 5)));
    assertThat(next.seq()).isGreaterThan(events.get(events.size() - 1).seq());
    StringWriter export = new StringWriter();
    journal.export("old1", export);
    JournalChain.Verdict verdict =
        JournalChain.verify(new BufferedReader(new StringReader(export.toString())));
    assertThat(verdict.ok()).as(verdict.describe()).isTrue();

    if (version >= 2) {
      Accounts accounts =
          new Accounts(new UserStore(jdbc), ENCODER, journal, Clock.fixed(NOW, ZoneOffset.UTC));
      assertThat(accounts.actor("佐藤"))
          .hasValue(new Actor("佐藤", Actor.Role.TRAINEE, "old1", 1, null));
      assertThat(accounts.actor("tanaka").orElseThrow().venues()).containsExactly("osaka");
      String stored =
          jdbc.sql("SELECT password_hash FROM app_user WHERE name = 'tanaka'")
              .query(String.class)
              .single();
      assertThat(ENCODER.matches(PASSWORD, stored)).as("the password still logs in").isTrue();
      assertThat(accounts.require("tanaka").online()).isFalse();
    }
    if (version >= 4) {
      assertThat(new UserStore(jdbc).find("yamada").orElseThrow().online()).isTrue();
    }
    if (version >= 5) {
      Exercise new5 = new ExerciseStore(jdbc).require("new5");
      assertThat(new5.keyedDraws()).isTrue();
      assertThat(new5.seed()).isEqualTo(9007199254740991L);
      assertThat(
              jdbc.sql("SELECT secret FROM installation_key WHERE id = 1")
                  .query(String.class)
                  .single())
          .startsWith("c2VjcmV0");
    }
  }

  private static Manifest dump(JdbcDataSource data, Path dir) {
    return new Backup(data, dir.resolve("none"), Clock.fixed(NOW, ZoneOffset.UTC)).to(dir);
  }

  private static void migrate(JdbcDataSource data, String target) {
    var config = Flyway.configure().dataSource(data).locations("classpath:db/migration");
    (target == null ? config : config.target(target)).load().migrate();
  }

  private static String fixture(int version) throws IOException {
    try (var in =
        ReleasedSchemasTest.class.getResourceAsStream("/db/released/V" + version + ".sql")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JdbcDataSource database(Path file) {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL(
        "jdbc:h2:file:" + file.toAbsolutePath() + "/enshu;AUTO_SERVER=FALSE;DB_CLOSE_DELAY=-1");
    data.setUser("enshu");
    data.setPassword("");
    return data;
  }
}
