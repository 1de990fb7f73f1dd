package dev.enshu.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.journal.Journal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class FirstInstructorTest {

  @Test
  void firstStartPrintsAGeneratedPasswordOnceAndLaterStartsPrintNothing() {
    JdbcDataSource data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:first-instructor;DB_CLOSE_DELAY=-1");
    Journal journal = Journal.inMemory("first-instructor");
    UserStore store = new UserStore(JdbcClient.create(data));
    Accounts accounts = new Accounts(store, Accounts.passwordEncoder(), journal, Clock.systemUTC());

    String first = start(store, accounts);
    Matcher shown = Pattern.compile("password: (\\S+)").matcher(first);
    assertThat(shown.find()).as(first).isTrue();
    assertThat(first).contains("user:     instructor").contains("====");
    String hash = store.passwordHash("instructor").orElseThrow();
    assertThat(hash).startsWith("{bcrypt}").doesNotContain(shown.group(1));
    assertThat(Accounts.passwordEncoder().matches(shown.group(1), hash)).isTrue();

    assertThat(start(store, accounts)).as("the second start").isEmpty();
  }

  private static String start(UserStore store, Accounts accounts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FirstInstructor(store, accounts, "instructor")
        .ensure(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
