package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.ConsoleEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /api/console/vnc}: relays RFB bytes between noVNC (subprotocol {@code binary}) and a
 * host's VNC display, which must listen on a loopback address (the provider binds it there;
 * anything else is refused, so the gateway never becomes a route into a range or elsewhere). Open a
 * session: {@code ?exercise=E&team=N&host=H}; watch one: {@code ?session=ID&mode=observe|control},
 * with the same rules as terminals (instructors and the team's venue assistant watch; control needs
 * the instructor's grant, {@code POST /api/console/sessions/{id}/control}).
 *
 * <p>Every browser gets its own connection to the display. Bytes from the display go through the
 * viewer's bounded buffer; bytes from the browser go through the connection's {@link
 * RfbClientFilter} (a watcher's input is dropped there, every ClientInit is made shared) and are
 * written to the socket, where TCP backpressure holds the browser.
 */
final class VncRelayHandler extends RelayHandler {
  private final ConsoleEndpoints endpoints;
  private final ConsoleSessions sessions;
  private final ConsoleSessionListener listener;
  private final Clock clock;

  VncRelayHandler(
      ConsoleAuthorizer authorizer,
      ConsoleEndpoints endpoints,
      ConsoleSessions sessions,
      ConsoleSessionListener listener,
      ConsoleProperties properties,
      Clock clock) {
    super(authorizer, properties, "binary");
    this.endpoints = endpoints;
    this.sessions = sessions;
    this.listener = listener;
    this.clock = clock;
  }

  @Override
  protected ConsoleRelay connect(
      WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    return params.containsKey("session") ? join(socket, user, params) : open(socket, user, params);
  }

  private ConsoleRelay open(WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    ConsoleTarget target = ConsoleSocketSupport.target(params);
    authorizer().require(user, target, ConsoleAccess.OPEN);
    if (!(endpoints.vnc(target) instanceof ConsoleEndpoint.Vnc display)) {
      throw new EnshuException(
          Status.BAD_REQUEST, target + " has a terminal console, not a VNC display");
    }
    VncSession session =
        new VncSession(
            UUID.randomUUID().toString(), target, user, loopback(display, target), clock.instant());
    VncRelay relay =
        new VncRelay(session, viewer(socket, user, ConsoleAccess.OPEN), display(session), true);
    sessions.share(session);
    return relay;
  }

  private ConsoleRelay join(WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    String id = params.get("session");
    VncSession session =
        sessions
            .vnc(id)
            .orElseThrow(() -> new EnshuException(Status.NOT_FOUND, "no live VNC session " + id));
    ConsoleAccess access = session.requireJoin(authorizer(), user, params);
    return new VncRelay(session, viewer(socket, user, access), display(session), false);
  }

  private static Socket display(VncSession session) {
    Socket tcp = new Socket();
    try {
      tcp.setTcpNoDelay(true);
      tcp.connect(session.display(), 5_000);
      return tcp;
    } catch (IOException e) {
      try {
        tcp.close();
      } catch (IOException ignored) {
        // not connected
      }
      throw new EnshuException(
          Status.UNAVAILABLE,
          "the VNC display of " + session.target() + " does not answer: " + e.getMessage(),
          e);
    }
  }

  /** The display's address, refused unless it is on loopback. */
  static InetSocketAddress loopback(ConsoleEndpoint.Vnc display, ConsoleTarget target) {
    try {
      InetAddress address = InetAddress.getByName(display.host());
      if (!address.isLoopbackAddress()) {
        throw new EnshuException(
            Status.FORBIDDEN,
            "the VNC display of "
                + target
                + " is at "
                + display.address()
                + ", not on loopback: refused");
      }
      return new InetSocketAddress(address, display.port());
    } catch (IOException e) {
      throw new EnshuException(
          Status.INTERNAL,
          "the VNC endpoint of " + target + " is not HOST:PORT: " + display.address(),
          e);
    }
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
    ConsoleRelay relay = relay(socket);
    if (relay != null) {
      ((VncRelay) relay).toDisplay(message.getPayload());
    }
  }

  /** One browser relayed to its own connection to the session's display. */
  private final class VncRelay extends ConsoleRelay {
    private final VncSession session;
    private final Socket tcp;
    private final RfbClientFilter filter;
    private final boolean owner;

    VncRelay(VncSession session, Viewer viewer, Socket tcp, boolean owner) {
      super(session.id(), "vnc", session.target(), viewer, sessions, listener, clock);
      this.session = session;
      this.tcp = tcp;
      this.owner = owner;
      this.filter = new RfbClientFilter(() -> session.mayAct(viewer));
      session.connected(this, filter);
    }

    @Override
    protected String pumpToBrowser() throws IOException {
      byte[] buffer = new byte[64 * 1024];
      InputStream in = tcp.getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!viewer().output(Arrays.copyOf(buffer, n))) {
          return "the browser could not keep up or went away";
        }
      }
      return "the VNC display closed the connection";
    }

    void toDisplay(ByteBuffer payload) {
      touched();
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      try {
        byte[] allowed;
        synchronized (filter) {
          allowed = filter.filter(bytes);
        }
        if (allowed.length > 0) {
          OutputStream out = tcp.getOutputStream();
          synchronized (this) {
            out.write(allowed);
          }
        }
      } catch (RfbClientFilter.RfbException e) {
        close("refused: " + e.getMessage());
      } catch (IOException e) {
        close("the VNC display went away: " + e.getMessage());
      }
    }

    @Override
    protected void closeUpstream() {
      try {
        tcp.close();
      } catch (IOException e) {
        // closing either way
      }
    }

    @Override
    protected void closed(String reason) {
      session.disconnected(this);
      if (owner) {
        sessions.unshare(session);
        session.end(reason);
      }
    }
  }
}
