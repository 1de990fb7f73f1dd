package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ProviderException;
import dev.enshu.orchestrator.range.RangeProvider.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in a container through Docker exec, with a time limit enforced inside the
 * container too (coreutils {@code timeout}), so a hung command never outlives its caller. Output is
 * kept up to {@link #MAX_OUTPUT} bytes per stream.
 */
final class DockerExec {
  static final int MAX_OUTPUT = 1 << 20;

  private final DockerEngine engine;

  DockerExec(DockerEngine engine) {
    this.engine = engine;
  }

  ExecResult run(String container, List<String> command, Duration timeout) {
    long start = System.nanoTime();
    DockerClient client = engine.unchecked();
    List<String> limited = new ArrayList<>();
    limited.add("timeout");
    limited.add("-s");
    limited.add("KILL");
    limited.add(Long.toString(Math.max(1, timeout.toSeconds())));
    limited.addAll(command);
    ExecCreateCmdResponse exec;
    try {
      exec =
          client
              .execCreateCmd(container)
              .withCmd(limited.toArray(String[]::new))
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec();
    } catch (NotFoundException e) {
      throw new ProviderException(
          Status.NOT_FOUND, "no container " + container + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "cannot run a command in " + container + ": " + DockerEngine.rootMessage(e),
          e);
    }
    Capture capture = new Capture();
    boolean finished;
    try {
      finished =
          client
              .execStartCmd(exec.getId())
              .exec(capture)
              .awaitCompletion(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          Status.INTERNAL, "interrupted while running a command in " + container);
    } finally {
      try {
        capture.close();
      } catch (java.io.IOException e) {
        // the stream is done with either way
      }
    }
    Long code = client.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
    boolean timedOut =
        !finished
            || (code != null
                && code == 137
                && Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) >= 0);
    return new ExecResult(
        timedOut || code == null ? -1 : code.intValue(),
        capture.out(),
        capture.err(),
        timedOut,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Collects stdout and stderr up to the limit. */
  private static final class Capture extends ResultCallback.Adapter<Frame> {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Override
    public void onNext(Frame frame) {
      ByteArrayOutputStream target = frame.getStreamType() == StreamType.STDERR ? err : out;
      synchronized (this) {
        int room = MAX_OUTPUT - target.size();
        if (room > 0) {
          target.write(frame.getPayload(), 0, Math.min(room, frame.getPayload().length));
        }
      }
    }

    synchronized String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    synchronized String err() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }
}
