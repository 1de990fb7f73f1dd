package dev.enshu.orchestrator.console;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A VM's display as its owner opened it, and the instructors and assistants watching it. Each
 * browser has its own connection to the display (RFB has no way to share one), each through its own
 * {@link RfbClientFilter}: the owner's passes everything, a watcher's only what reads the screen,
 * unless it joined with control and the instructor granted it. The session ends with its owner.
 */
final class VncSession extends SharedConsole {
  private final String id;
  private final ConsoleTarget target;
  private final ConsoleUser owner;
  private final InetSocketAddress display;
  private final Instant start;
  private final Map<ConsoleRelay, RfbClientFilter> connections = new ConcurrentHashMap<>();

  VncSession(
      String id,
      ConsoleTarget target,
      ConsoleUser owner,
      InetSocketAddress display,
      Instant start) {
    this.id = id;
    this.target = target;
    this.owner = owner;
    this.display = display;
    this.start = start;
  }

  /** Where the display listens (on loopback). */
  InetSocketAddress display() {
    return display;
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

  /** A browser's connection to the display (the owner's or a watcher's) and its filter. */
  void connected(ConsoleRelay relay, RfbClientFilter filter) {
    connections.put(relay, filter);
  }

  void disconnected(ConsoleRelay relay) {
    connections.remove(relay);
  }

  /** The owner left: every watcher goes too. */
  void end(String reason) {
    for (ConsoleRelay relay : connections.keySet()) {
      if (relay.viewer().access() != ConsoleAccess.OPEN) {
        relay.close("the session ended: " + reason);
      }
    }
  }

  /** Each connection's filter, by {@code user:ACCESS}: what was passed on and what was dropped. */
  Map<String, RfbClientFilter> filters() {
    Map<String, RfbClientFilter> filters = new LinkedHashMap<>();
    connections.forEach(
        (relay, filter) ->
            filters.put(relay.viewer().user().name() + ":" + relay.viewer().access(), filter));
    return filters;
  }

  @Override
  public Map<String, Object> summary() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("session", id);
    s.put("transport", "vnc");
    s.put("exercise", target.exerciseId());
    s.put("team", target.team());
    s.put("host", target.hostId());
    s.put("owner", owner.name());
    s.put("start", start.toString());
    s.put(
        "viewers",
        connections.keySet().stream()
            .filter(r -> r.viewer().access() != ConsoleAccess.OPEN)
            .map(r -> r.viewer().user().name() + ":" + r.viewer().access())
            .toList());
    // input a watcher without control tried to send: the instructor sees who reached for it
    s.put(
        "droppedInput",
        connections.values().stream().mapToLong(RfbClientFilter::droppedInput).sum());
    s.put("controlGrants", controlGrants());
    return s;
  }
}
