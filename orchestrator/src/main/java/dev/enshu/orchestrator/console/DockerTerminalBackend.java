package dev.enshu.orchestrator.console;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.RangeProvider.ConsoleEndpoint;
import dev.enshu.orchestrator.range.docker.DockerEngine;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals in containers: {@code docker exec} with a TTY, the endpoint's shell, stdin attached
 * through a bounded {@link InputQueue}, output through docker-java's attach stream, resize through
 * the exec resize call. The shell runs with a UTF-8 locale so that Japanese text is read and echoed
 * as characters.
 */
public final class DockerTerminalBackend implements TerminalBackend {
  private static final List<String> ENV =
      List.of("TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8");

  private final DockerEngine engine;
  private final int inputQueueChunks;

  public DockerTerminalBackend(DockerEngine engine, int inputQueueChunks) {
    this.engine = engine;
    this.inputQueueChunks = inputQueueChunks;
  }

  @Override
  public String provider() {
    return "docker";
  }

  @Override
  public Terminal open(ConsoleEndpoint endpoint, int cols, int rows, Output output) {
    DockerClient client = engine.client();
    String container = endpoint.target();
    String shell =
        endpoint.detail() == null || endpoint.detail().isBlank() ? "/bin/sh" : endpoint.detail();
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
    InputQueue stdin = new InputQueue(inputQueueChunks);
    Attached attached = new Attached(output);
    client.execStartCmd(execId).withTty(true).withStdIn(stdin).exec(attached);
    DockerTerminal terminal = new DockerTerminal(client, container, execId, stdin, attached);
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

  private static final class DockerTerminal implements Terminal {
    private final DockerClient client;
    private final String container;
    private final String execId;
    private final InputQueue stdin;
    private final Attached attached;
    private final AtomicBoolean closed = new AtomicBoolean();

    DockerTerminal(
        DockerClient client, String container, String execId, InputQueue stdin, Attached attached) {
      this.client = client;
      this.container = container;
      this.execId = execId;
      this.stdin = stdin;
      this.attached = attached;
    }

    @Override
    public void write(byte[] input) {
      stdin.offer(input);
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
        stdin.end();
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
