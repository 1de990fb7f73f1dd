package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.range.RangeProvider.ConsoleEndpoint;

/**
 * Opens interactive terminals (a PTY) on a provider's hosts: Docker exec with a TTY for containers;
 * a libvirt backend relays the domain's serial console stream the same way. Implementations are
 * thread-safe; one backend serves many terminals at once.
 */
public interface TerminalBackend {

  /** The provider id whose endpoints this backend opens, such as {@code docker}. */
  String provider();

  /**
   * Opens a terminal of {@code cols} × {@code rows} on the endpoint's host and blocks until it is
   * attached. Output arrives on the backend's own thread, in order, through {@code output}; when
   * the terminal ends (the shell exits, the host goes away, {@link Terminal#close()}), {@link
   * Output#ended} is called exactly once. Fails with an {@code EnshuException} naming the host.
   */
  Terminal open(ConsoleEndpoint endpoint, int cols, int rows, Output output);

  /** Where a terminal's output goes. Called on the backend's thread; must not block long. */
  interface Output {
    /** Bytes from the PTY as they came; may split UTF-8 sequences. */
    void data(byte[] bytes);

    /** The terminal is over. */
    void ended(String reason);
  }

  /** An open terminal. Thread-safe. */
  interface Terminal extends AutoCloseable {
    /**
     * Queues input for the PTY without blocking; fails with an {@code EnshuException} when the
     * bounded input queue is full (the host does not read its input).
     */
    void write(byte[] input);

    /** Tells the PTY its new size. */
    void resize(int cols, int rows);

    /** Ends the terminal. Idempotent. */
    @Override
    void close();
  }
}
