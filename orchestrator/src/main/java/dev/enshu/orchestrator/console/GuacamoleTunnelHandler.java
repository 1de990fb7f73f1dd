package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.console.ConsoleSessionListener.SessionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.io.GuacamoleWriter;
import org.apache.guacamole.net.GuacamoleTunnel;
import org.apache.guacamole.net.InetGuacamoleSocket;
import org.apache.guacamole.net.SimpleGuacamoleTunnel;
import org.apache.guacamole.protocol.ConfiguredGuacamoleSocket;
import org.apache.guacamole.protocol.GuacamoleClientInformation;
import org.apache.guacamole.protocol.GuacamoleConfiguration;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * {@code /api/console/guacamole?exercise=E&team=N&host=H[&protocol=rdp|ssh|vnc][&width=&height=]}:
 * the server side of guacamole-common-js's {@code WebSocketTunnel} (subprotocol {@code guacamole}),
 * built on guacamole-common's protocol core. On connection the gateway connects to the configured
 * guacd, completes the handshake with parameters derived from the range plan ({@link
 * GuacamoleConnections}), sends the tunnel's uuid as the internal {@code 0.,36.uuid;} instruction,
 * then relays instructions both ways. Internal instructions from the browser (opcode empty, such as
 * its ping) are answered here and never reach guacd.
 */
final class GuacamoleTunnelHandler extends AbstractWebSocketHandler implements SubProtocolCapable {
  private static final String TUNNEL = "enshu.guacamole";

  private final ConsoleAuthorizer authorizer;
  private final GuacamoleConnections connections;
  private final ConsoleSessions sessions;
  private final ConsoleSessionListener listener;
  private final ConsoleProperties properties;
  private final Clock clock;

  GuacamoleTunnelHandler(
      ConsoleAuthorizer authorizer,
      GuacamoleConnections connections,
      ConsoleSessions sessions,
      ConsoleSessionListener listener,
      ConsoleProperties properties,
      Clock clock) {
    this.authorizer = authorizer;
    this.connections = connections;
    this.sessions = sessions;
    this.listener = listener;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public List<String> getSubProtocols() {
    return List.of("guacamole");
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
      GuacamoleConfiguration config = connections.configuration(target, params.get("protocol"));
      GuacamoleClientInformation info = new GuacamoleClientInformation();
      info.setOptimalScreenWidth(dimension(params, "width", 1024));
      info.setOptimalScreenHeight(dimension(params, "height", 768));
      info.setOptimalResolution(96);
      GuacamoleTunnel tunnel;
      try {
        tunnel =
            new SimpleGuacamoleTunnel(
                new ConfiguredGuacamoleSocket(
                    new InetGuacamoleSocket(properties.guacd().host(), properties.guacd().port()),
                    config,
                    info));
      } catch (GuacamoleException e) {
        throw new EnshuException(
            Status.UNAVAILABLE,
            "guacd at "
                + properties.guacd().host()
                + ":"
                + properties.guacd().port()
                + " did not accept the "
                + config.getProtocol()
                + " connection to "
                + target
                + ": "
                + e.getMessage(),
            e);
      }
      Viewer viewer =
          new Viewer(
              socket,
              user.get(),
              ConsoleAccess.OPEN,
              (int) properties.sendTimeLimit().toMillis(),
              properties.sendBufferBytes());
      Tunnel relay = new Tunnel(target, viewer, tunnel);
      socket.getAttributes().put(TUNNEL, relay);
      sessions.watch(relay);
      listener.opened(relay.event());
      relay.start();
    } catch (EnshuException e) {
      ConsoleSocketSupport.refuse(socket, ConsoleSocketSupport.code(e), e.getMessage());
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
    Tunnel relay = (Tunnel) socket.getAttributes().get(TUNNEL);
    if (relay != null) {
      relay.fromBrowser(message.getPayload());
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    Tunnel relay = (Tunnel) socket.getAttributes().get(TUNNEL);
    if (relay != null) {
      relay.close("browser closed the connection (" + status.getCode() + ")");
    }
  }

  private static int dimension(Map<String, String> params, String name, int fallback) {
    try {
      return Math.max(
          64, Math.min(8192, Integer.parseInt(params.getOrDefault(name, "" + fallback))));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** One browser tunnelled to one guacd connection. */
  private final class Tunnel implements LiveConsole {
    private final ConsoleTarget target;
    private final Viewer viewer;
    private final GuacamoleTunnel tunnel;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Instant lastInput = clock.instant();

    Tunnel(ConsoleTarget target, Viewer viewer, GuacamoleTunnel tunnel) {
      this.target = target;
      this.viewer = viewer;
      this.tunnel = tunnel;
    }

    SessionEvent event() {
      return new SessionEvent(
          tunnel.getUUID().toString(),
          "guacamole",
          target,
          viewer.user(),
          ConsoleAccess.OPEN,
          clock.instant());
    }

    void start() {
      viewer.text(uuidInstruction(tunnel));
      Thread reader = new Thread(this::fromGuacd, "console-guac-" + tunnel.getUUID());
      reader.setDaemon(true);
      reader.start();
    }

    private void fromGuacd() {
      GuacamoleReader reader = tunnel.acquireReader();
      try {
        char[] instructions;
        while ((instructions = reader.read()) != null) {
          if (!viewer.text(new String(instructions))) {
            close("the browser could not keep up or went away");
            return;
          }
        }
        close("guacd ended the connection");
      } catch (GuacamoleException e) {
        close("the guacd connection failed: " + e.getMessage());
      } finally {
        tunnel.releaseReader();
      }
    }

    void fromBrowser(String instructions) {
      lastInput = clock.instant();
      if (instructions.startsWith("0.,")) {
        // internal instruction of the tunnel (the browser's ping): answered here
        if (instructions.startsWith("0.,4.ping,")) {
          viewer.text(instructions);
        }
        return;
      }
      GuacamoleWriter writer = tunnel.acquireWriter();
      try {
        writer.write(instructions.toCharArray());
      } catch (GuacamoleException e) {
        close("guacd went away: " + e.getMessage());
      } finally {
        tunnel.releaseWriter();
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
        tunnel.close();
      } catch (GuacamoleException e) {
        // closing either way
      }
      viewer.close(new CloseStatus(4000, ConsoleSocketSupport.shorten(reason)));
      listener.closed(event(), reason);
    }
  }

  /** The tunnel uuid as guacamole-common-js expects it first: {@code 0.,36.UUID;}. */
  static String uuidInstruction(GuacamoleTunnel tunnel) {
    return new GuacamoleInstruction(
            GuacamoleTunnel.INTERNAL_DATA_OPCODE, tunnel.getUUID().toString())
        .toString();
  }
}
