package dev.enshu.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Network;
import dev.enshu.orchestrator.range.RangeProvider;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import dev.enshu.orchestrator.range.docker.DockerImages;
import dev.enshu.orchestrator.range.docker.DockerRangeProvider;
import dev.enshu.template.Cidr;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
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
        Process bench =
            enshu(
                "bench",
                "provision",
                "--teams",
                "2",
                "--baseline-teams",
                "0",
                "--scenario",
                Path.of("src/test/resources/scenarios/e2e-mini.yaml").toAbsolutePath().toString());
        Lines out = new Lines(bench);
        Matcher ranges = RANGES.matcher(out.await(RANGES, bench));
        assertThat(ranges.find()).isTrue();
        exercise = ranges.group(1);
        for (String block : ranges.group(2).split(", ")) {
          assertThat(Cidr.parse(block).overlaps(Cidr.parse("10.80.1.0/24")))
              .as("block %s beside the other network", block)
              .isFalse();
        }
        String prefix = exercise + "-";
        awaitSomething(docker, prefix, bench, out);
        // SIGTERM through the handle: Process.destroy() would also close the output we read
        bench.toHandle().destroy();
        assertThat(bench.waitFor(180, TimeUnit.SECONDS)).as("the bench stopped").isTrue();
        assertThat(left(docker, prefix))
            .as("left of %s; the bench said %s", prefix, out.all())
            .isEmpty();
        assertThat(out.whole()).contains("nothing of " + prefix + "* is left");
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
      Process demo =
          enshu(
              "demo",
              "--port",
              Integer.toString(freePort()),
              "--data-dir",
              dir.resolve("demo").toString());
      Lines out = new Lines(demo);
      Pattern exercise = Pattern.compile("== Exercise (demo-[0-9a-z]+):");
      Matcher named = exercise.matcher(out.await(exercise, demo));
      assertThat(named.find()).isTrue();
      String prefix = named.group(1) + "-";
      assertThat(before).noneMatch(id -> id.startsWith(prefix));
      try {
        awaitSomething(docker, prefix, demo, out);
        demo.toHandle().destroy();
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).as("the demo stopped").isTrue();
        assertThat(left(docker, prefix))
            .as("left of %s; the demo said %s", prefix, out.all())
            .isEmpty();
        assertThat(out.whole()).contains("nothing of " + prefix + "* is left");
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
  private static void awaitSomething(
      DockerRangeProvider docker, String prefix, Process process, Lines out) throws Exception {
    org.awaitility.Awaitility.await("ranges " + prefix + "* being made")
        .atMost(java.time.Duration.ofSeconds(120))
        .until(
            () -> {
              assertThat(process.isAlive()).as("still running; it said %s", out.all()).isTrue();
              return !left(docker, prefix).isEmpty();
            });
  }

  private static List<RangeProvider.ProviderResource> left(
      DockerRangeProvider docker, String prefix) {
    return docker.list().stream()
        .filter(r -> r.rangeId() != null && r.rangeId().startsWith(prefix))
        .toList();
  }

  private Process enshu(String... args) throws Exception {
    File jar = new File("target/enshu.jar");
    assertThat(jar).as("the packaged application").exists();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.getAbsolutePath()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A process's output, read as it comes. */
  private static final class Lines {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer all = new StringBuffer();
    private final Thread reader;

    Lines(Process process) {
      reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    all.append(line).append('\n');
                    lines.add(line);
                  }
                } catch (java.io.IOException e) {
                  // the process went away
                }
              });
      reader.setDaemon(true);
      reader.start();
    }

    /** The first line matching {@code pattern}; fails when the process ends without one. */
    String await(Pattern pattern, Process process) throws InterruptedException {
      while (true) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && pattern.matcher(line).find()) {
          return line;
        }
        if (line == null && !process.isAlive() && lines.isEmpty()) {
          throw new AssertionError("no line like " + pattern + " in: " + all);
        }
      }
    }

    String all() {
      return all.toString();
    }

    /** Everything it printed, once it has exited and its output has been read to the end. */
    String whole() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(60));
      return all.toString();
    }
  }
}
