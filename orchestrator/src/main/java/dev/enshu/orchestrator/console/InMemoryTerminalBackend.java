package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.range.RangeProvider.ConsoleEndpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals of the in-memory provider's hosts, for tests and benchmarks only: a line shell that
 * echoes what is typed as a PTY in cooked mode does, and answers each line (Enter) with a new
 * prompt. It runs no command. Input goes through the same bounded queue as a real host's; output
 * comes from one thread per terminal, in order.
 */
final class InMemoryTerminalBackend implements TerminalBackend {
  static final String PROMPT = "$ ";
  private static final byte[] NEW_LINE = ("\r\n" + PROMPT).getBytes(StandardCharsets.UTF_8);
  private final int inputQueueChunks;

  InMemoryTerminalBackend(int inputQueueChunks) {
    this.inputQueueChunks = inputQueueChunks;
  }

  @Override
  public String provider() {
    return "memory";
  }

  @Override
  public Terminal open(ConsoleEndpoint endpoint, int cols, int rows, Output output) {
    InputQueue stdin = new InputQueue(inputQueueChunks);
    EchoTerminal terminal = new EchoTerminal(stdin, output);
    Thread shell = new Thread(terminal::run, "enshu-memory-terminal-" + endpoint.target());
    shell.setDaemon(true);
    shell.start();
    return terminal;
  }

  private static final class EchoTerminal implements Terminal {
    private final InputQueue stdin;
    private final Output output;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    EchoTerminal(InputQueue stdin, Output output) {
      this.stdin = stdin;
      this.output = output;
    }

    void run() {
      output.data(PROMPT.getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[4096];
      int n;
      while ((n = stdin.read(buffer, 0, buffer.length)) >= 0) {
        output.data(echo(Arrays.copyOf(buffer, n)));
      }
      end("closed by the gateway");
    }

    /** What a cooked-mode PTY and a shell show for these keys: each key, Enter as a new prompt. */
    private static byte[] echo(byte[] keys) {
      ByteArrayOutputStream shown = new ByteArrayOutputStream(keys.length + 8);
      for (byte key : keys) {
        if (key == '\r') {
          shown.writeBytes(NEW_LINE);
        } else {
          shown.write(key);
        }
      }
      return shown.toByteArray();
    }

    @Override
    public void write(byte[] input) {
      stdin.offer(input);
    }

    @Override
    public void resize(int cols, int rows) {
      // a line shell has no screen to lay out again
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        stdin.end();
      }
    }

    private void end(String reason) {
      if (ended.compareAndSet(false, true)) {
        output.ended(reason);
      }
    }
  }
}
