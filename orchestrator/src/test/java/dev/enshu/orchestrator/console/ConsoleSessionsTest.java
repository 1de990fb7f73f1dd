package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session life cycle with a fake terminal transport and a clock the test moves. */
class ConsoleSessionsTest {
  @TempDir Path dir;
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopSweeper() {
    sweeper.shutdownNow();
  }

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final class FakeTransport implements TerminalTransport {
    final String target;
    final List<String> closed = new ArrayList<>();

    FakeTransport(String target) {
      this.target = target;
    }

    @Override
    public Terminal open(int cols, int rows, InputStream input, Output output) {
      return new Terminal() {
        @Override
        public void resize(int c, int r) {}

        @Override
        public void close() {
          closed.add(target);
        }
      };
    }
  }

  static final class Heard implements ConsoleSessionListener {
    final List<Recording> recordings = new ArrayList<>();

    @Override
    public void opened(SessionEvent event) {}

    @Override
    public void closed(SessionEvent event, String reason) {}

    @Override
    public void recorded(Recording recording) {
      recordings.add(recording);
    }
  }

  @Test
  void sessionWithoutInputIsClosedAfterTheIdleTimeoutAndItsRecordingReported() {
    MovableClock clock = new MovableClock();
    FakeTransport transport = new FakeTransport("c1");
    Heard heard = new Heard();
    ConsoleProperties properties =
        new ConsoleProperties(
            Duration.ofMinutes(5),
            1 << 20,
            Duration.ofSeconds(10),
            256,
            dir,
            new ConsoleProperties.Guacd("127.0.0.1", 4822),
            Map.of());
    try (ConsoleSessions sessions = new ConsoleSessions(heard, properties, clock, sweeper)) {
      ConsoleTarget target = new ConsoleTarget("ex", 1, "pc");
      ConsoleUser sato = new ConsoleUser("sato", ConsoleUser.Role.TRAINEE, 1, null);
      TerminalSession session =
          sessions.open(
              target, sato, new ConsoleEndpoint.Terminal("fake", "c1", transport), 80, 24);
      List<String> used = new java.util.ArrayList<>();
      sessions.reportInputTo((exercise, user, at) -> used.add(exercise + " " + user + " " + at));
      clock.now = clock.now.plus(Duration.ofMinutes(4));
      sessions.closeIdle();
      assertThat(session.isClosed()).isFalse();
      assertThat(used)
          .as("each sweep says when the owner last typed (online runs count it as use)")
          .containsExactly("ex sato 2026-01-01T00:00:00Z");
      clock.now = clock.now.plus(Duration.ofMinutes(2));
      sessions.closeIdle();
      assertThat(session.isClosed()).isTrue();
      assertThat(transport.closed).containsExactly("c1");
      assertThat(sessions.find(session.id())).isEmpty();
      assertThat(heard.recordings)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.owner()).isEqualTo(sato);
                assertThat(r.target()).isEqualTo(target);
                assertThat(r.end()).isEqualTo(Instant.parse("2026-01-01T00:06:00Z"));
                assertThat(r.file()).exists();
              });
    }
  }
}
