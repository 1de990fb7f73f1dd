package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import dev.enshu.orchestrator.range.TerminalInput;
import dev.enshu.orchestrator.range.TerminalTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live terminal sessions of the gateway: opens them through the endpoint's transport, each with
 * its bounded input queue ({@code enshu.console.input-queue-chunks}), finds them for observers, and
 * closes the ones without input for longer than the idle timeout.
 */
public final class ConsoleSessions implements AutoCloseable {
  private final ConsoleSessionListener listener;
  private final ConsoleProperties properties;
  private final Clock clock;
  private final Map<String, TerminalSession> live = new ConcurrentHashMap<>();
  private final Map<LiveConsole, Boolean> relays = new ConcurrentHashMap<>();
  private final Map<String, VncSession> displays = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> sweeps;
  private volatile InputActivity activity = (exerciseId, user, at) -> {};

  /** Hears, at every idle sweep, when each live console of a user last had input. */
  interface InputActivity {
    void used(String exerciseId, String user, Instant at);
  }

  ConsoleSessions(
      ConsoleSessionListener listener,
      ConsoleProperties properties,
      Clock clock,
      ScheduledExecutorService sweeper) {
    this.listener = listener;
    this.properties = properties;
    this.clock = clock;
    long every = Math.max(200, Math.min(10_000, properties.idleTimeout().toMillis() / 4));
    this.sweeps =
        sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens a terminal on {@code endpoint} for {@code owner}; the owner joins it next. */
  TerminalSession open(
      ConsoleTarget target, ConsoleUser owner, ConsoleEndpoint endpoint, int cols, int rows) {
    if (!(endpoint instanceof ConsoleEndpoint.Terminal terminal)) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          target
              + " has a VNC display of provider "
              + endpoint.provider()
              + ", not a terminal: open it with the VNC console");
    }
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Path file = properties.recordingsDir().resolve(id + ".cast");
    AsciicastRecorder recorder =
        new AsciicastRecorder(
            file, cols, rows, now, owner.name() + " on " + target, System::nanoTime);
    TerminalSession session = new TerminalSession(id, target, owner, clock, listener, recorder);
    live.put(id, session);
    try {
      TerminalInput input = new TerminalInput(properties.inputQueueChunks());
      TerminalTransport.Terminal pty = terminal.transport().open(cols, rows, input, session);
      session.attach(input, pty, () -> live.remove(id));
      if (session.isClosed()) {
        pty.close();
      }
    } catch (RuntimeException e) {
      live.remove(id);
      session.close("could not open: " + e.getMessage());
      throw e;
    }
    return session;
  }

  Optional<TerminalSession> find(String id) {
    return Optional.ofNullable(id == null ? null : live.get(id));
  }

  Collection<TerminalSession> live() {
    return List.copyOf(live.values());
  }

  /** A VNC session others may now join, until it is {@link #unshare}d. */
  void share(VncSession session) {
    displays.put(session.id(), session);
  }

  void unshare(VncSession session) {
    displays.remove(session.id(), session);
  }

  Optional<VncSession> vnc(String id) {
    return Optional.ofNullable(id == null ? null : displays.get(id));
  }

  /** A live terminal or VNC session by id, for watching and control grants. */
  Optional<SharedConsole> shared(String id) {
    return find(id).<SharedConsole>map(s -> s).or(() -> vnc(id));
  }

  /** Every live session others may join: terminals, then VNC displays. */
  List<SharedConsole> sharedLive() {
    List<SharedConsole> all = new java.util.ArrayList<>(live());
    all.addAll(displays.values());
    return all;
  }

  /** Watches a relay (VNC, Guacamole) for idleness until it is {@link #forget}ten. */
  void watch(LiveConsole relay) {
    relays.put(relay, Boolean.TRUE);
  }

  void forget(LiveConsole relay) {
    relays.remove(relay);
  }

  int relayCount() {
    return relays.size();
  }

  /** Where each sweep reports input (online runs count console work as use). */
  void reportInputTo(InputActivity activity) {
    this.activity = activity;
  }

  void closeIdle() {
    Instant limit = clock.instant().minus(properties.idleTimeout());
    for (TerminalSession s : live()) {
      activity.used(s.target().exerciseId(), s.owner().name(), s.lastInput());
    }
    for (LiveConsole r : relays.keySet()) {
      if (r instanceof ConsoleRelay relay) {
        activity.used(relay.target().exerciseId(), relay.viewer().user().name(), r.lastInput());
      }
    }
    List<LiveConsole> all = new java.util.ArrayList<>(live());
    all.addAll(relays.keySet());
    for (LiveConsole s : all) {
      if (s.lastInput().isBefore(limit)) {
        s.close("idle for more than " + human(properties.idleTimeout()));
        relays.remove(s);
      }
    }
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() {
    sweeps.cancel(true);
    for (TerminalSession s : live()) {
      s.close("the gateway is stopping");
    }
    for (LiveConsole r : relays.keySet()) {
      r.close("the gateway is stopping");
    }
  }
}
