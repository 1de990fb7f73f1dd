package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code enshu bench api} with a short, small load: every endpoint measured (terminals typed into
 * included), no server error, and the server it started and its files gone when it exits, also when
 * it is stopped with SIGTERM.
 */
class BenchApiIT {
  private static final Pattern SERVER =
      Pattern.compile("server: pid (\\d+) at \\S+ \\(in-memory ranges\\), its files in (\\S+)");
  private static final Pattern ENDPOINT =
      Pattern.compile("^endpoint (.+?) +count=(\\d+) .* 5xx=(\\d+) ", Pattern.MULTILINE);
  private static final Pattern TERMINALS =
      Pattern.compile(
          "^terminals: (\\d+) of 5 held to the end, (\\d+) keys echoed$", Pattern.MULTILINE);

  @Test
  void everyEndpointIsMeasuredWithoutServerErrors() throws Exception {
    EnshuProcess bench =
        EnshuProcess.start(
            "bench", "api", "--minutes", "0.3", "--trainees", "5", "--instructors", "2");
    Matcher server = SERVER.matcher(bench.await(SERVER));
    assertThat(server.find()).isTrue();
    assertThat(bench.exitCode(600)).as(bench.all()).isZero();
    String out = bench.whole();
    assertThat(out).contains("server errors (5xx): 0, requests without an answer: 0");
    Matcher terminals = TERMINALS.matcher(out);
    assertThat(terminals.find()).as(out).isTrue();
    assertThat(terminals.group(1)).as("terminals held to the end").isEqualTo("5");
    assertThat(Long.parseLong(terminals.group(2))).as("keys echoed").isPositive();
    Matcher line = ENDPOINT.matcher(out);
    List<String> measured = new java.util.ArrayList<>();
    while (line.find()) {
      measured.add(line.group(1));
      assertThat(Long.parseLong(line.group(2))).as(line.group()).isPositive();
      assertThat(line.group(3)).as(line.group()).isEqualTo("0");
    }
    assertThat(measured)
        .contains(
            ApiTrainee.WORKSPACE,
            ApiTrainee.FINDINGS,
            ApiTrainee.REPORT,
            ApiTrainee.FEED,
            ApiLoad.SCOREBOARD,
            ApiLoad.REVIEW,
            ApiLoad.EXERCISE,
            ApiTerminal.OPEN,
            ApiTerminal.KEY);
    assertGone(server, out);
  }

  @Test
  void aStoppedBenchRemovesItsServer() throws Exception {
    EnshuProcess bench = EnshuProcess.start("bench", "api", "--minutes", "5", "--trainees", "2");
    Matcher server = SERVER.matcher(bench.await(SERVER));
    assertThat(server.find()).isTrue();
    bench.await(Pattern.compile("^load: "));
    // SIGTERM through the handle: Process.destroy() would also close the output read
    bench.process().toHandle().destroy();
    bench.exitCode(120);
    assertGone(server, bench.whole());
  }

  private static void assertGone(Matcher server, String out) {
    long pid = Long.parseLong(server.group(1));
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("server %d still running; the bench said %s", pid, out)
        .isFalse();
    assertThat(Files.exists(Path.of(server.group(2))))
        .as("the server's files %s", server.group(2))
        .isFalse();
  }
}
