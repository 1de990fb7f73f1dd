package dev.enshu.orchestrator.range;

import java.io.InputStream;

/**
 * Opens interactive terminals on one host through its provider's control channel; the provider
 * hands it out in a {@link ConsoleEndpoint.Terminal}. Implementations are thread-safe: one
 * transport opens many terminals at once, each served by threads of its own.
 */
public interface TerminalTransport {

  /**
   * Opens a terminal of {@code cols} × {@code rows} and blocks until it is attached. What is typed
   * is read from {@code input} by the terminal's own thread until {@code input} ends; the caller
   * bounds it (see {@link TerminalInput}), and closing the terminal closes it. Output arrives on
   * the transport's thread, in order, through {@code output}; when the terminal ends (the shell
   * exits, the host goes away, {@link Terminal#close()}), {@link Output#ended} is called exactly
   * once. Fails with an {@code EnshuException} naming the host.
   */
  Terminal open(int cols, int rows, InputStream input, Output output);

  /** Where a terminal's output goes. Called on the transport's thread; must not block long. */
  interface Output {
    /** Bytes from the PTY as they came; may split UTF-8 sequences. */
    void data(byte[] bytes);

    /** The terminal is over. */
    void ended(String reason);
  }

  /** An open terminal. Thread-safe. */
  interface Terminal extends AutoCloseable {
    /** Tells the PTY its new size (a serial line has none to tell: see its provider). */
    void resize(int cols, int rows);

    /** Ends the terminal and closes its input. Idempotent. */
    @Override
    void close();
  }
}
