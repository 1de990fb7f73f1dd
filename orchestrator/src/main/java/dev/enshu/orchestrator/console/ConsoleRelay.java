package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.console.ConsoleSessionListener.SessionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.CloseStatus;

/**
 * One browser relayed to one upstream connection (a VNC display, guacd): what the VNC relay and the
 * Guacamole tunnel share. Upstream bytes are pumped to the browser on the relay's own thread
 * through the viewer's bounded buffer; the first end from either side closes both, forgets the
 * relay in the idle sweep, and journals the end, exactly once.
 */
abstract class ConsoleRelay implements LiveConsole {
  private final String id;
  private final String transport;
  private final ConsoleTarget target;
  private final Viewer viewer;
  private final ConsoleSessions sessions;
  private final ConsoleSessionListener listener;
  private final Clock clock;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Instant lastInput;

  ConsoleRelay(
      String id,
      String transport,
      ConsoleTarget target,
      Viewer viewer,
      ConsoleSessions sessions,
      ConsoleSessionListener listener,
      Clock clock) {
    this.id = id;
    this.transport = transport;
    this.target = target;
    this.viewer = viewer;
    this.sessions = sessions;
    this.listener = listener;
    this.clock = clock;
    this.lastInput = clock.instant();
  }

  String id() {
    return id;
  }

  ConsoleTarget target() {
    return target;
  }

  Viewer viewer() {
    return viewer;
  }

  SessionEvent event() {
    return new SessionEvent(id, transport, target, viewer.user(), viewer.access(), clock.instant());
  }

  /** Watches the relay for idleness, journals it, and starts pumping upstream to the browser. */
  void start() {
    if (closed.get()) {
      return;
    }
    sessions.watch(this);
    listener.opened(event());
    Thread pump =
        new Thread(
            () -> {
              String reason;
              try {
                reason = pumpToBrowser();
              } catch (Exception e) {
                reason = "the " + transport + " connection failed: " + e.getMessage();
              }
              close(reason);
            },
            "console-" + transport + "-" + id.substring(0, Math.min(8, id.length())));
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Copies upstream output to {@link #viewer()} until either ends; returns why it stopped. Runs on
   * the relay's own thread.
   */
  protected abstract String pumpToBrowser() throws Exception;

  /** Closes the upstream connection. Called once. */
  protected abstract void closeUpstream();

  /** The browser sent something: the relay is not idle. */
  void touched() {
    lastInput = clock.instant();
  }

  @Override
  public Instant lastInput() {
    return lastInput;
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close(String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    sessions.forget(this);
    closeUpstream();
    viewer.close(new CloseStatus(4000, ConsoleSocketSupport.shorten(reason)));
    listener.closed(event(), reason);
    closed(reason);
  }

  /** After the relay closed: for what depends on it. */
  protected void closed(String reason) {}
}
