package dev.enshu.orchestrator.exercise;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.AddressPool;
import dev.enshu.orchestrator.range.PlanCompiler;
import dev.enshu.scenario.ScenarioLoader;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A team's draws depend on the installation's secret key: the scenario, the seed and the compiler
 * (all of which a trainee may know) do not give the answers.
 */
class DrawKeyTest {

  private static Exercise exercise(String id, long seed, boolean keyed) {
    return new Exercise(
        id,
        "phishing-ransomware",
        seed,
        keyed,
        Exercise.Mode.CENTRAL,
        "memory",
        1.0,
        State.READY,
        null,
        Instant.EPOCH,
        List.of(),
        List.of(
            new Team(
                1,
                "t1",
                null,
                List.of(),
                State.READY,
                null,
                AddressPool.DEFAULT.block(0, 16).toString(),
                null,
                null,
                0)));
  }

  private static Map<String, String> compiledWithSeedAlone(Exercise e) {
    var loaded = ScenarioLoader.bundled("phishing-ransomware");
    return new PlanCompiler(loaded.scenario(), loaded.template())
        .compile(e.id(), 1, e.seed(), AddressPool.DEFAULT.block(0, 16))
        .variables();
  }

  @Test
  void theSeedAloneDoesNotGiveAKeyedExercisesAnswers() {
    Exercise keyed = exercise("ex1", 42, true);
    Map<String, String> server =
        new Plans(DrawKey.of("installation-a".getBytes(UTF_8)))
            .plan(keyed, keyed.team(1).orElseThrow())
            .variables();
    // what `enshu plan phishing-ransomware --seed 42 --exercise ex1` prints
    assertThat(server).isNotEqualTo(compiledWithSeedAlone(keyed));
    // another installation with the same scenario, id and seed draws other values too
    assertThat(server)
        .isNotEqualTo(
            new Plans(DrawKey.of("installation-b".getBytes(UTF_8)))
                .plan(keyed, keyed.team(1).orElseThrow())
                .variables());
    // and the same installation draws the same ones every time (ranges are rebuilt from them)
    assertThat(server)
        .isEqualTo(
            new Plans(DrawKey.of("installation-a".getBytes(UTF_8)))
                .plan(keyed, keyed.team(1).orElseThrow())
                .variables());
  }

  @Test
  void exercisesFromBeforeTheKeyKeepTheirDraws() {
    Exercise old = exercise("ex1", 42, false);
    assertThat(
            new Plans(DrawKey.of("installation-a".getBytes(UTF_8)))
                .plan(old, old.team(1).orElseThrow())
                .variables())
        .isEqualTo(compiledWithSeedAlone(old));
  }

  @Test
  void theKeyIsMadeOnceAndKeptInTheDatabase() {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:drawkey;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
    JdbcClient jdbc = JdbcClient.create(data);
    long first = new DrawKey(jdbc, Clock.systemUTC()).draws("ex1", 7);
    // a restarted server reads the same key
    assertThat(new DrawKey(jdbc, Clock.systemUTC()).draws("ex1", 7)).isEqualTo(first);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM installation_key").query(Long.class).single())
        .isEqualTo(1);
    String secret = jdbc.sql("SELECT secret FROM installation_key").query(String.class).single();
    assertThat(secret).hasSize(64).isNotEqualTo("0".repeat(64));
    assertThat(new DrawKey(jdbc, Clock.systemUTC()).draws("ex2", 7)).isNotEqualTo(first);
  }

  @Test
  void seedsNobodyChoseAreUnpredictableAndSafeInJson() {
    Set<Long> seeds = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      long seed = DrawKey.randomSeed();
      assertThat(seed).isBetween(0L, (1L << 53) - 1);
      seeds.add(seed);
    }
    assertThat(seeds).hasSize(1000);
  }
}
