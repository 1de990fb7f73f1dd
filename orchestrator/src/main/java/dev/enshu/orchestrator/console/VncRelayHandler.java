package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.console.ConsoleSessionListener.SessionEvent;
import dev.enshu.orchestrator.range.RangeProvider.ConsoleEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * {@code /api/console/vnc?exercise=E&team=N&host=H}: relays RFB bytes between noVNC (subprotocol
 * {@code binary}) and the host's VNC display, which must listen on a loopback address (the provider
 * binds it there; anything else is refused, so the gateway never becomes a route into a range or
 * elsewhere). Bytes from the display go through the viewer's bounded buffer; bytes from the browser
 * are written straight to the socket (TCP backpressure holds the browser). VNC sessions are opened
 * by their owner only: read-only watching of a VNC display is not offered yet.
 */
final class VncRelayHandler extends AbstractWebSocketHandler implements SubProtocolCapable {
  private static final String RELAY = "enshu.vnc";

  private final ConsoleAuthorizer authorizer;
  private final ConsoleEndpoints endpoints;
  private final ConsoleSessions sessions;
  private final ConsoleSessionListener listener;
  private final ConsoleProperties properties;
  private final Clock clock;

  VncRelayHandler(
      ConsoleAuthorizer authorizer,
      ConsoleEndpoints endpoints,
      ConsoleSessions sessions,
      ConsoleSessionListener listener,
      ConsoleProperties properties,
      Clock clock) {
    this.authorizer = authorizer;
    this.endpoints = endpoints;
    this.sessions = sessions;
    this.listener = listener;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public List<String> getSubProtocols() {
    return List.of("binary");
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession socket) {
    Map<String, String> params = ConsoleSocketSupport.query(socket);
    Optional<ConsoleUser> user = ConsoleSocketSupport.user(socket, params, authorizer);
    if (user.isEmpty()) {
      ConsoleSocketSupport.refuse(socket, 4401, ConsoleSocketSupport.NO_USER);
      return;
    }
    try {
      ConsoleTarget target = ConsoleSocketSupport.target(params);
      authorizer.require(user.get(), target, ConsoleAccess.OPEN);
      ConsoleEndpoint endpoint = endpoints.endpoint(target);
      if (!"vnc".equals(endpoint.kind())) {
        throw new EnshuException(
            Status.BAD_REQUEST,
            target + " has a " + endpoint.kind() + " console, not a VNC display");
      }
      InetSocketAddress display = loopback(endpoint.detail(), target);
      Socket tcp = new Socket();
      tcp.setTcpNoDelay(true);
      tcp.connect(display, 5_000);
      Viewer viewer =
          new Viewer(
              socket,
              user.get(),
              ConsoleAccess.OPEN,
              (int) properties.sendTimeLimit().toMillis(),
              properties.sendBufferBytes());
      Relay relay = new Relay(UUID.randomUUID().toString(), target, viewer, tcp);
      socket.getAttributes().put(RELAY, relay);
      sessions.watch(relay);
      listener.opened(relay.event());
      relay.start();
    } catch (EnshuException e) {
      ConsoleSocketSupport.refuse(socket, ConsoleSocketSupport.code(e), e.getMessage());
    } catch (IOException e) {
      ConsoleSocketSupport.refuse(
          socket, 4502, "the VNC display does not answer: " + e.getMessage());
    }
  }

  static InetSocketAddress loopback(String detail, ConsoleTarget target) {
    int colon = detail == null ? -1 : detail.lastIndexOf(':');
    if (colon < 1) {
      throw new EnshuException(
          Status.INTERNAL,
          "the VNC endpoint of " + target + " is '" + detail + "', expected 127.0.0.1:PORT");
    }
    try {
      InetAddress address = InetAddress.getByName(detail.substring(0, colon));
      if (!address.isLoopbackAddress()) {
        throw new EnshuException(
            Status.FORBIDDEN,
            "the VNC display of " + target + " is at " + detail + ", not on loopback: refused");
      }
      return new InetSocketAddress(address, Integer.parseInt(detail.substring(colon + 1)));
    } catch (IOException | NumberFormatException e) {
      throw new EnshuException(
          Status.INTERNAL, "the VNC endpoint of " + target + " is not HOST:PORT: " + detail, e);
    }
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
    Relay relay = (Relay) socket.getAttributes().get(RELAY);
    if (relay != null) {
      relay.toDisplay(message.getPayload());
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    Relay relay = (Relay) socket.getAttributes().get(RELAY);
    if (relay != null) {
      relay.close("browser closed the connection (" + status.getCode() + ")");
    }
  }

  /** One browser relayed to one display. */
  private final class Relay implements LiveConsole {
    private final String id;
    private final ConsoleTarget target;
    private final Viewer viewer;
    private final Socket tcp;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastInput = clock.instant();

    Relay(String id, ConsoleTarget target, Viewer viewer, Socket tcp) {
      this.id = id;
      this.target = target;
      this.viewer = viewer;
      this.tcp = tcp;
    }

    SessionEvent event() {
      return new SessionEvent(
          id, "vnc", target, viewer.user(), ConsoleAccess.OPEN, clock.instant());
    }

    void start() {
      Thread reader = new Thread(this::fromDisplay, "console-vnc-" + id.substring(0, 8));
      reader.setDaemon(true);
      reader.start();
    }

    private void fromDisplay() {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = tcp.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (!viewer.output(Arrays.copyOf(buffer, n))) {
            close("the browser could not keep up or went away");
            return;
          }
        }
        close("the VNC display closed the connection");
      } catch (IOException e) {
        close("the VNC connection failed: " + e.getMessage());
      }
    }

    void toDisplay(ByteBuffer payload) {
      lastInput = clock.instant();
      try {
        OutputStream out = tcp.getOutputStream();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        synchronized (this) {
          out.write(bytes);
          out.flush();
        }
      } catch (IOException e) {
        close("the VNC display went away: " + e.getMessage());
      }
    }

    @Override
    public Instant lastInput() {
      return lastInput;
    }

    @Override
    public void close(String reason) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      sessions.forget(this);
      try {
        tcp.close();
      } catch (IOException e) {
        // closing either way
      }
      viewer.close(new CloseStatus(4000, ConsoleSocketSupport.shorten(reason)));
      listener.closed(event(), reason);
    }
  }
}
