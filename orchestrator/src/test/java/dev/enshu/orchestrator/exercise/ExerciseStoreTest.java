package dev.enshu.orchestrator.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on a pool of one connection: reading exercises never asks for a second connection while
 * it holds one, which under load would have every request wait on every other.
 */
class ExerciseStoreTest {

  @Test
  void readsExercisesWithTheirVenuesAndTeamsOnOneConnection() {
    String url = "jdbc:h2:mem:store" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    JdbcDataSource schema = new JdbcDataSource();
    schema.setURL(url);
    Flyway.configure().dataSource(schema).locations("classpath:db/migration").load().migrate();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(1000);
    try (HikariDataSource data = new HikariDataSource(config)) {
      ExerciseStore store = new ExerciseStore(JdbcClient.create(data));
      for (String id : List.of("s1", "s2")) {
        store.create(
            new Exercise(
                id,
                "scenario.yaml",
                7L,
                true,
                Exercise.Mode.SATELLITE,
                "memory",
                1.0,
                State.DRAFT,
                null,
                Instant.parse("2026-12-01T00:00:00Z"),
                List.of(new Exercise.Venue("osaka", "Osaka")),
                List.of(
                    new Team(
                        1, "a", "osaka", List.of("sato"), State.DRAFT, null, null, null, null, 0),
                    new Team(2, "b", "osaka", List.of(), State.DRAFT, null, null, null, null, 0))));
      }
      assertThat(store.all())
          .extracting(Exercise::id, e -> e.venues().size(), e -> e.teams().size())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("s1", 1, 2),
              org.assertj.core.groups.Tuple.tuple("s2", 1, 2));
      Exercise one = store.require("s2");
      assertThat(one.teams()).extracting(Team::name).containsExactly("a", "b");
      assertThat(one.teams().get(0).members()).containsExactly("sato");
      assertThat(one.venues()).containsExactly(new Exercise.Venue("osaka", "Osaka"));
    }
  }
}
