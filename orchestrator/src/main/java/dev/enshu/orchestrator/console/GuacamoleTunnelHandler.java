package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import java.time.Clock;
import java.util.Map;
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
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /api/console/guacamole?exercise=E&team=N&host=H[&protocol=rdp|ssh|vnc][&width=&height=]}:
 * the server side of guacamole-common-js's {@code WebSocketTunnel} (subprotocol {@code guacamole}),
 * built on guacamole-common's protocol core. On connection the gateway connects to the configured
 * guacd, completes the handshake with parameters derived from the range plan ({@link
 * GuacamoleConnections}), sends the tunnel's uuid as the internal {@code 0.,36.uuid;} instruction,
 * then relays instructions both ways. Internal instructions from the browser (opcode empty, such as
 * its ping) are answered here and never reach guacd.
 */
final class GuacamoleTunnelHandler extends RelayHandler {
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
    super(authorizer, properties, "guacamole");
    this.connections = connections;
    this.sessions = sessions;
    this.listener = listener;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  protected ConsoleRelay connect(
      WebSocketSession socket, ConsoleUser user, Map<String, String> params) {
    ConsoleTarget target = ConsoleSocketSupport.target(params);
    authorizer().require(user, target, ConsoleAccess.OPEN);
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
    return new Tunnel(target, viewer(socket, user, ConsoleAccess.OPEN), tunnel);
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
    ConsoleRelay relay = relay(socket);
    if (relay != null) {
      ((Tunnel) relay).fromBrowser(message.getPayload());
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
  private final class Tunnel extends ConsoleRelay {
    private final GuacamoleTunnel tunnel;

    Tunnel(ConsoleTarget target, Viewer viewer, GuacamoleTunnel tunnel) {
      super(tunnel.getUUID().toString(), "guacamole", target, viewer, sessions, listener, clock);
      this.tunnel = tunnel;
    }

    @Override
    protected String pumpToBrowser() throws GuacamoleException {
      viewer().text(uuidInstruction(tunnel));
      GuacamoleReader reader = tunnel.acquireReader();
      try {
        char[] instructions;
        while ((instructions = reader.read()) != null) {
          if (!viewer().text(new String(instructions))) {
            return "the browser could not keep up or went away";
          }
        }
        return "guacd ended the connection";
      } finally {
        tunnel.releaseReader();
      }
    }

    void fromBrowser(String instructions) {
      touched();
      if (instructions.startsWith("0.,")) {
        // internal instruction of the tunnel (the browser's ping): answered here
        if (instructions.startsWith("0.,4.ping,")) {
          viewer().text(instructions);
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
    protected void closeUpstream() {
      try {
        tunnel.close();
      } catch (GuacamoleException e) {
        // closing either way
      }
    }
  }

  /** The tunnel uuid as guacamole-common-js expects it first: {@code 0.,36.UUID;}. */
  static String uuidInstruction(GuacamoleTunnel tunnel) {
    return new GuacamoleInstruction(
            GuacamoleTunnel.INTERNAL_DATA_OPCODE, tunnel.getUUID().toString())
        .toString();
  }
}
