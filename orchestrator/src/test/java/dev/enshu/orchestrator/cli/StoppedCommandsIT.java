package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.template.Cidr;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enshu bench provision} and {@code enshu demo} stopped part-way with SIGTERM, as a time
 * limit or an impatient user stops them, while their ranges are being made: nothing of them is left
 * on the engine. The bench also steps around an address block another network already holds instead
 * of failing with "Pool overlaps".
 */
class StoppedCommandsIT {
  private static final Pattern RANGES =
      Pattern.compile("ranges (bench[0-9a-f]+)-t1\\.\\.t\\d+ in \\[(.*)]");

  @TempDir Path dir;

  @Test
  void aStoppedBenchRemovesItsRangesAndStepsAroundTakenBlocks() throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
      DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
      // another tool's network in the bench's first block
      String squatter = "enshu-test-squatter-" + Long.toHexString(System.nanoTime() & 0xFFFFF);
      String network =
          engine
              .client()
              .createNetworkCmd()
              .withName(squatter)
              .withInternal(true)
              .withIpam(
                  new Network.Ipam()
                      .withConfig(new Network.Ipam.Config().withSubnet("10.80.1.0/24")))
              .exec()
              .getId();
      String exercise = null;
      try {
        EnshuProcess run =
            EnshuProcess.start(
                "bench",
                "provision",
                "--teams",
                "2",
                "--baseline-teams",
                "0",
                "--scenario",
                Path.of("src/test/resources/scenarios/e2e-mini.yaml").toAbsolutePath().toString());
        Process bench = run.process();
        Matcher ranges = RANGES.matcher(run.await(RANGES));
        assertThat(ranges.find()).isTrue();
        exercise = ranges.group(1);
        for (String block : ranges.group(2).split(", ")) {
          assertThat(Cidr.parse(block).overlaps(Cidr.parse("10.80.1.0/24")))
              .as("block %s beside the other network", block)
              .isFalse();
        }
        String prefix = exercise + "-";
        awaitSomething(docker, prefix, run);
        // SIGTERM through the handle: Process.destroy() would also close the output we read
        bench.toHandle().destroy();
        assertThat(bench.waitFor(180, TimeUnit.SECONDS)).as("the bench stopped").isTrue();
        assertThat(left(docker, prefix))
            .as("left of %s; the bench said %s", prefix, run.all())
            .isEmpty();
        assertThat(run.whole()).contains("nothing of " + prefix + "* is left");
      } finally {
        if (exercise != null) {
          for (String range :
              left(docker, exercise + "-").stream()
                  .map(RangeProvider.ProviderResource::rangeId)
                  .collect(Collectors.toSet())) {
            docker.destroy(range);
          }
        }
        engine.client().removeNetworkCmd(network).exec();
      }
    }
  }

  @Test
  void aStoppedDemoRemovesItsRanges() throws Exception {
    try (DockerEngine engine = DockerEngine.connectDefault()) {
      new DockerImages(engine).buildAll();
      DockerRangeProvider docker = new DockerRangeProvider(engine, Clock.systemUTC());
      Set<String> before =
          docker.list().stream()
              .map(RangeProvider.ProviderResource::rangeId)
              .filter(id -> id != null && id.startsWith("demo-"))
              .collect(Collectors.toSet());
      EnshuProcess run =
          EnshuProcess.start(
              "demo",
              "--port",
              Integer.toString(freePort()),
              "--data-dir",
              dir.resolve("demo").toString());
      Process demo = run.process();
      Pattern exercise = Pattern.compile("== Exercise (demo-[0-9a-z]+):");
      Matcher named = exercise.matcher(run.await(exercise));
      assertThat(named.find()).isTrue();
      String prefix = named.group(1) + "-";
      assertThat(before).noneMatch(id -> id.startsWith(prefix));
      try {
        awaitSomething(docker, prefix, run);
        demo.toHandle().destroy();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).as("the demo stopped").isTrue();
        assertThat(left(docker, prefix))
            .as("left of %s; the demo said %s", prefix, run.all())
            .isEmpty();
        assertThat(run.whole()).contains("nothing of " + prefix + "* is left");
      } finally {
        demo.destroyForcibly();
        for (String range :
            left(docker, prefix).stream()
                .map(RangeProvider.ProviderResource::rangeId)
                .collect(Collectors.toSet())) {
          docker.destroy(range);
        }
      }
    }
  }

  /** Waits until the engine shows a resource of the command's ranges: it is making them. */
  static void awaitSomething(DockerRangeProvider docker, String prefix, EnshuProcess run) {
    org.awaitility.Awaitility.await("ranges " + prefix + "* being made")
        .atMost(java.time.Duration.ofMinutes(2))
        .until(
            () -> {
              assertThat(run.process().isAlive())
                  .as("still running; it said %s", run.all())
                  .isTrue();
              return !left(docker, prefix).isEmpty();
            });
  }

  static List<RangeProvider.ProviderResource> left(DockerRangeProvider docker, String prefix) {
    return docker.list().stream()
        .filter(r -> r.rangeId() != null && r.rangeId().startsWith(prefix))
        .toList();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
