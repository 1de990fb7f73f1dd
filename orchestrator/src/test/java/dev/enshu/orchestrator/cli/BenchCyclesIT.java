package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code enshu bench cycles} on Docker: three provision/teardown cycles of a cyder-mini range, then
 * nothing of it is left, as the bench reports and as the engine shows this test.
 */
class BenchCyclesIT {
  private static final Pattern RANGE = Pattern.compile("range ((bench[0-9a-f]+)-t1) \\(");
  private static final String NO_LEFTOVERS =
      "leftovers: containers=0 networks=0 volumes=0 iptables rules of the range=0"
          + " iptables rules of ENSHU chains=0";

  @Test
  void cyclesLeaveNothingOnTheEngine() throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
      DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
      EnshuProcess bench =
          EnshuProcess.start(
              "bench",
              "cycles",
              "--cycles",
              "3",
              "--scenario",
              Path.of("src/test/resources/scenarios/mini-c2.yaml").toAbsolutePath().toString());
      Matcher range = RANGE.matcher(bench.await(RANGE));
      assertThat(range.find()).isTrue();
      String exercise = range.group(2);
      try {
        // the bench really makes the range: its containers show up on the engine
        StoppedCommandsIT.awaitSomething(docker, range.group(1), bench);
        assertThat(bench.exitCode(900)).as(bench.all()).isZero();
        String out = bench.whole();
        assertThat(out).contains("3 cycles").contains(NO_LEFTOVERS);
        assertThat(containers(engine, exercise)).as("containers of " + exercise).isEmpty();
        assertThat(networks(engine, exercise)).as("networks of " + exercise).isEmpty();
      } finally {
        bench.process().destroyForcibly();
        StoppedCommandsIT.left(docker, exercise + "-").stream()
            .map(r -> r.rangeId())
            .distinct()
            .forEach(docker::destroy);
      }
    }
  }

  private static List<String> containers(DockerEngine engine, String exercise) {
    return engine
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withNameFilter(List.of("enshu-" + exercise + "-"))
        .exec()
        .stream()
        .map(Container::getId)
        .toList();
  }

  private static List<String> networks(DockerEngine engine, String exercise) {
    return engine
        .client()
        .listNetworksCmd()
        .withNameFilter("enshu-" + exercise + "-")
        .exec()
        .stream()
        .map(Network::getName)
        .toList();
  }
}
