package dev.enshu.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Restarts the engines' daemons as an operator's upgrade or a crash does: the daemon that the
 * project's set-up scripts started is stopped (SIGTERM), and the set-up script starts it again.
 * Waits for conditions (the process gone, the daemon answering), never for a fixed time.
 */
public final class EngineDaemons {
  private static final Path DOCKERD_PID = Path.of("/var/run/enshu-dockerd.pid");
  private static final Path DAEMON_JSON = Path.of("/etc/docker/daemon.json");
  private static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

  private EngineDaemons() {}

  /**
   * Restarts dockerd. With {@code liveRestore} false the daemon is first told to stop its
   * containers when it stops (as an engine configured without live restore does); the product's
   * setting (on) is put back afterwards.
   */
  public static void restartDockerd(boolean liveRestore) throws Exception {
    assertThat(DOCKERD_PID)
        .as("dockerd started by scripts/setup-docker.sh (its pid file)")
        .exists();
    String setting = Files.readString(DAEMON_JSON);
    try {
      if (!liveRestore) {
        Files.writeString(DAEMON_JSON, "{\n  \"live-restore\": false\n}\n");
        reloadDockerd();
        await("dockerd with live restore off")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> dockerInfo("{{.LiveRestoreEnabled}}").equals("false"));
      }
      long pid = Long.parseLong(Files.readString(DOCKERD_PID).trim());
      stop(pid, "dockerd");
      run(List.of("bash", SCRIPTS.resolve("setup-docker.sh").toString()), 0);
    } finally {
      Files.writeString(DAEMON_JSON, setting);
      reloadDockerd();
    }
    await("dockerd answering with live restore on")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> dockerInfo("{{.LiveRestoreEnabled}}").equals("true"));
  }

  /** Restarts libvirtd; the guests' QEMU processes run on, as they do through a real restart. */
  public static void restartLibvirtd() throws Exception {
    String pids = run(List.of("pgrep", "-x", "libvirtd"), 0, 1).trim();
    assertThat(pids).as("a running libvirtd").isNotEmpty();
    stop(Long.parseLong(pids.lines().findFirst().orElseThrow()), "libvirtd");
    run(List.of("bash", SCRIPTS.resolve("setup-libvirt.sh").toString()), 0);
  }

  private static void reloadDockerd() throws IOException, InterruptedException {
    run(List.of("pkill", "-HUP", "-x", "dockerd"), 0);
  }

  private static void stop(long pid, String name) {
    ProcessHandle daemon =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " " + pid + " runs"));
    assertThat(daemon.destroy()).as("SIGTERM to %s", name).isTrue();
    await(name + " stopped")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !daemon.isAlive());
  }

  private static String dockerInfo(String format) throws IOException, InterruptedException {
    Process info = new ProcessBuilder("docker", "info", "--format", format).start();
    String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    info.waitFor();
    return out;
  }

  /** Runs {@code command}, which must exit with one of {@code codes}; returns its output. */
  private static String run(List<String> command, Integer... codes)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    assertThat(code).as("%s: %s", command, out).isIn((Object[]) codes);
    return out;
  }
}
