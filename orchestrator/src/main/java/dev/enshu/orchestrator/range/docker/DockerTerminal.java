package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals in one container: {@code docker exec} of its shell with a TTY, stdin attached to the
 * caller's input, output through docker-java's attach stream, resize through the exec resize call.
 * The shell runs with a UTF-8 locale so that Japanese text is read and echoed as characters.
 */
final class DockerTerminal implements TerminalTransport {
  private static final List<String> ENV =
      List.of("TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8");

  private final DockerEngine engine;
  private final String container;
  private final String shell;

  DockerTerminal(DockerEngine engine, String container, String shell) {
    this.engine = engine;
    this.container = container;
    this.shell = shell;
  }

  @Override
  public Terminal open(int cols, int rows, InputStream input, Output output) {
    DockerClient client = engine.client();
    String execId;
    try {
      execId =
          client
              .execCreateCmd(container)
              .withCmd(shell)
              .withTty(true)
              .withAttachStdin(true)
              .withAttachStdout(true)
              .withAttachStderr(true)
              .withEnv(ENV)
              .exec()
              .getId();
    } catch (NotFoundException e) {
      throw new EnshuException(
          Status.NOT_FOUND, "no running container " + container + " for this console", e);
    } catch (RuntimeException e) {
      throw new EnshuException(
          Status.UNAVAILABLE,
          "cannot open a terminal in container " + container + ": " + e.getMessage(),
          e);
    }
    Attached attached = new Attached(output);
    client.execStartCmd(execId).withTty(true).withStdIn(input).exec(attached);
    Exec terminal = new Exec(client, container, execId, input, attached);
    terminal.resize(cols, rows);
    return terminal;
  }

  private static final class Attached extends ResultCallback.Adapter<Frame> {
    private final Output output;
    private final AtomicBoolean ended = new AtomicBoolean();

    Attached(Output output) {
      this.output = output;
    }

    @Override
    public void onNext(Frame frame) {
      byte[] payload = frame.getPayload();
      if (payload != null && payload.length > 0) {
        output.data(payload);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      end("the terminal stream failed: " + throwable.getMessage());
      super.onError(throwable);
    }

    @Override
    public void onComplete() {
      end("the shell ended");
      super.onComplete();
    }

    void end(String reason) {
      if (ended.compareAndSet(false, true)) {
        output.ended(reason);
      }
    }
  }

  private static final class Exec implements Terminal {
    private final DockerClient client;
    private final String container;
    private final String execId;
    private final InputStream stdin;
    private final Attached attached;
    private final AtomicBoolean closed = new AtomicBoolean();

    Exec(
        DockerClient client,
        String container,
        String execId,
        InputStream stdin,
        Attached attached) {
      this.client = client;
      this.container = container;
      this.execId = execId;
      this.stdin = stdin;
      this.attached = attached;
    }

    @Override
    public void resize(int cols, int rows) {
      // the exec may not be running yet right after start: the engine refuses to resize it then
      for (int attempt = 0; ; attempt++) {
        try {
          client.resizeExecCmd(execId).withSize(rows, cols).exec();
          return;
        } catch (RuntimeException e) {
          if (attempt >= 20 || closed.get()) {
            throw new EnshuException(
                Status.CONFLICT,
                "cannot resize the terminal in "
                    + container
                    + " to "
                    + cols
                    + "x"
                    + rows
                    + ": "
                    + e.getMessage(),
                e);
          }
          try {
            Thread.sleep(10);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          stdin.close();
        } catch (IOException e) {
          // closing the attach stream below ends the exec's input as well
        }
        try {
          attached.close();
        } catch (IOException e) {
          // the stream is going away either way
        }
        attached.end("closed by the gateway");
      }
    }
  }
}
