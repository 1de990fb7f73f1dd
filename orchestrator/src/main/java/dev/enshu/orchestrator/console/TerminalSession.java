package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.console.ConsoleSessionListener.Recording;
import dev.enshu.orchestrator.console.ConsoleSessionListener.SessionEvent;
import dev.enshu.orchestrator.range.TerminalInput;
import dev.enshu.orchestrator.range.TerminalTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.CloseStatus;

/**
 * One live terminal: the PTY, the browser that opened it (its owner), the browsers watching it, and
 * its recording. Output goes to the recording and to every viewer; input is forwarded only from the
 * owner and from viewers with control (an instructor who asked for it, or a user the instructor
 * granted it). The session ends when its owner leaves, the shell ends, or it is idle.
 */
final class TerminalSession extends SharedConsole implements TerminalTransport.Output, LiveConsole {
  /** The close code of a session the gateway ended (idle, stopping, its owner left). */
  static final int CLOSED = 4000;

  /** The close code of a session whose host's side ended; the console page opens a new one. */
  static final int HOST_ENDED = 4001;

  private final String id;
  private final ConsoleTarget target;
  private final ConsoleUser owner;
  private final Clock clock;
  private final Instant start;
  private final ConsoleSessionListener listener;
  private final AsciicastRecorder recorder;
  private final CopyOnWriteArrayList<Viewer> viewers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile TerminalInput input;
  private volatile TerminalTransport.Terminal terminal;
  private volatile Instant lastInput;
  private volatile Runnable onClose = () -> {};

  TerminalSession(
      String id,
      ConsoleTarget target,
      ConsoleUser owner,
      Clock clock,
      ConsoleSessionListener listener,
      AsciicastRecorder recorder) {
    this.id = id;
    this.target = target;
    this.owner = owner;
    this.clock = clock;
    this.start = clock.instant();
    this.lastInput = start;
    this.listener = listener;
    this.recorder = recorder;
  }

  /** The PTY once open, and the bounded input queue it reads. */
  void attach(TerminalInput input, TerminalTransport.Terminal terminal, Runnable onClose) {
    this.input = input;
    this.terminal = terminal;
    this.onClose = onClose;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ConsoleTarget target() {
    return target;
  }

  ConsoleUser owner() {
    return owner;
  }

  @Override
  public Instant lastInput() {
    return lastInput;
  }

  boolean isClosed() {
    return closed.get();
  }

  void join(Viewer viewer) {
    viewers.add(viewer);
    listener.opened(event(viewer));
    Map<String, Object> hello = new LinkedHashMap<>();
    hello.put("type", "session");
    hello.put("session", id);
    hello.put("host", target.hostId());
    hello.put("team", target.team());
    hello.put("access", viewer.access().name().toLowerCase(java.util.Locale.ROOT));
    hello.put("readOnly", !mayAct(viewer));
    viewer.status(hello);
  }

  void leave(Viewer viewer, String reason) {
    if (viewers.remove(viewer)) {
      listener.closed(event(viewer), reason);
    }
    if (viewer.access() == ConsoleAccess.OPEN) {
      close("its owner left: " + reason);
    }
  }

  /** Input from a viewer: forwarded only when the viewer may type; false when dropped. */
  boolean input(Viewer viewer, byte[] bytes) {
    if (!mayAct(viewer) || closed.get()) {
      return false;
    }
    lastInput = clock.instant();
    input.offer(bytes);
    return true;
  }

  boolean resize(Viewer viewer, int cols, int rows) {
    if (!mayAct(viewer) || closed.get() || cols < 1 || rows < 1 || cols > 1000 || rows > 1000) {
      return false;
    }
    terminal.resize(cols, rows);
    synchronized (recorder) {
      recorder.resize(cols, rows);
    }
    return true;
  }

  @Override
  public void data(byte[] bytes) {
    // browsers first: the echo a trainee waits for does not wait for the recording's encoding
    for (Viewer viewer : viewers) {
      if (!viewer.output(bytes)) {
        // too slow (its bounded buffer overflowed) or gone: it is disconnected, never waited for
        leave(viewer, "the browser could not keep up or went away");
      }
    }
    synchronized (recorder) {
      recorder.output(bytes);
    }
  }

  /**
   * The host's side ended (its shell exited, its engine went away): viewers are closed with {@link
   * #HOST_ENDED}, on which a console page opens a new session.
   */
  @Override
  public void ended(String reason) {
    close(HOST_ENDED, reason);
  }

  /** Ends the session: the PTY, every viewer, and the recording. Idempotent. */
  @Override
  public void close(String reason) {
    close(CLOSED, reason);
  }

  private void close(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    TerminalTransport.Terminal t = terminal;
    if (t != null) {
      t.close();
    }
    for (Viewer viewer : viewers) {
      viewer.status(Map.of("type", "closed", "reason", reason));
      viewer.close(new CloseStatus(code, ConsoleSocketSupport.shorten(reason)));
      if (viewers.remove(viewer)) {
        listener.closed(event(viewer), reason);
      }
    }
    long bytes;
    synchronized (recorder) {
      recorder.close();
      try {
        bytes = Files.size(recorder.file());
      } catch (IOException e) {
        bytes = -1;
      }
    }
    listener.recorded(
        new Recording(id, target, owner, start, clock.instant(), recorder.file(), bytes));
    onClose.run();
  }

  List<Viewer> viewers() {
    return List.copyOf(viewers);
  }

  private SessionEvent event(Viewer viewer) {
    return new SessionEvent(
        id, "terminal", target, viewer.user(), viewer.access(), clock.instant());
  }

  /** What an instructor's session list shows. */
  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("session", id);
    s.put("transport", "terminal");
    s.put("exercise", target.exerciseId());
    s.put("team", target.team());
    s.put("host", target.hostId());
    s.put("owner", owner.name());
    s.put("start", start.toString());
    s.put("lastInput", lastInput.toString());
    s.put("viewers", viewers.stream().map(v -> v.user().name() + ":" + v.access()).toList());
    s.put("controlGrants", controlGrants());
    return s;
  }
}
