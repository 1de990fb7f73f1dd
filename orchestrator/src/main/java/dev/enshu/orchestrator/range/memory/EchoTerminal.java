package dev.enshu.orchestrator.range.memory;

import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Terminals of one in-memory host, for tests and benchmarks only: a line shell that echoes what is
 * typed as a PTY in cooked mode does, and answers each line (Enter) with a new prompt. It runs no
 * command. Output comes from one thread per terminal, in order.
 */
final class EchoTerminal implements TerminalTransport {
  static final String PROMPT = "$ ";
  private static final byte[] NEW_LINE = ("\r\n" + PROMPT).getBytes(StandardCharsets.UTF_8);
  private final String host;

  EchoTerminal(String host) {
    this.host = host;
  }

  @Override
  public Terminal open(int cols, int rows, InputStream input, Output output) {
    Shell terminal = new Shell(input, output);
    Thread shell = new Thread(terminal::run, "enshu-memory-terminal-" + host);
    shell.setDaemon(true);
    shell.start();
    return terminal;
  }

  private static final class Shell implements Terminal {
    private final InputStream stdin;
    private final Output output;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();

    Shell(InputStream stdin, Output output) {
      this.stdin = stdin;
      this.output = output;
    }

    void run() {
      output.data(PROMPT.getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[4096];
      int n;
      try {
        while ((n = stdin.read(buffer, 0, buffer.length)) >= 0) {
          output.data(echo(Arrays.copyOf(buffer, n)));
        }
      } catch (IOException e) {
        end("the input failed: " + e.getMessage());
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
    public void resize(int cols, int rows) {
      // a line shell has no screen to lay out again
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          stdin.close();
        } catch (IOException e) {
          // the shell's thread ends at the failed read
        }
      }
    }

    private void end(String reason) {
      if (ended.compareAndSet(false, true)) {
        output.ended(reason);
      }
    }
  }
}
