package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until a host's role service answers inside the range: the image's {@code enshu-ready} exits
 * 0. A container that stops, or a host that is not ready in time, fails with the container's state
 * and the last lines of its log.
 */
final class DockerReadiness {
  private final DockerEngine engine;
  private final DockerExec exec;
  private final Clock clock;

  DockerReadiness(DockerEngine engine, DockerExec exec, Clock clock) {
    this.engine = engine;
    this.exec = exec;
    this.clock = clock;
  }

  void await(String rangeId, PlannedHost host, String container) {
    await(rangeId, host.id(), host.role().id(), container);
  }

  void await(String rangeId, String hostId, String role, String container) {
    Duration limit = DockerProvisioner.readyTimeout(role);
    Instant deadline = clock.instant().plus(limit);
    ExecResult last = null;
    while (clock.instant().isBefore(deadline)) {
      InspectContainerResponse state = engine.unchecked().inspectContainerCmd(container).exec();
      if (!Boolean.TRUE.equals(state.getState().getRunning())) {
        throw new ProviderException(
            Status.INTERNAL,
            "host '"
                + hostId
                + "' in range "
                + rangeId
                + " stopped while starting"
                + describeState(engine.unchecked(), container));
      }
      last = exec.run(container, List.of("enshu-ready"), Duration.ofSeconds(10));
      if (last.succeeded()) {
        return;
      }
      sleep(last.took().compareTo(Duration.ofMillis(300)) > 0 ? 100 : 300);
    }
    throw new ProviderException(
        Status.TIMEOUT,
        "host '"
            + hostId
            + "' ("
            + role
            + ") in range "
            + rangeId
            + " did not become ready in "
            + limit.toSeconds()
            + " s"
            + (last == null ? "" : ": enshu-ready said " + (last.stdout() + last.stderr()).strip())
            + describeState(engine.unchecked(), container));
  }

  /** The container's state, exit code and last log lines, for error messages. */
  static String describeState(DockerClient client, String container) {
    try {
      InspectContainerResponse state = client.inspectContainerCmd(container).exec();
      StringBuilder out = new StringBuilder("; container ").append(state.getState().getStatus());
      if (!Boolean.TRUE.equals(state.getState().getRunning())) {
        out.append(" with exit code ").append(state.getState().getExitCodeLong());
      }
      StringBuilder log = new StringBuilder();
      client
          .logContainerCmd(container)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(8)
          .exec(
              new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(5, TimeUnit.SECONDS);
      if (log.length() > 0) {
        out.append(" (last log lines: ")
            .append(log.toString().strip().replace('\n', '|'))
            .append(')');
      }
      return out.toString();
    } catch (RuntimeException e) {
      return "; container state unknown: " + DockerEngine.rootMessage(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(Status.INTERNAL, "interrupted while waiting for a host");
    }
  }
}
