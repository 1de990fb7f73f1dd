package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * A WebSocket endpoint whose connections are each a {@link ConsoleRelay}: identifies the user, lets
 * the transport authorise and connect, refuses with the reason when it cannot, and closes the relay
 * when the browser goes.
 */
abstract class RelayHandler extends AbstractWebSocketHandler implements SubProtocolCapable {
  private static final String RELAY = "enshu.relay";

  private final ConsoleAuthorizer authorizer;
  private final ConsoleProperties properties;
  private final String subprotocol;

  RelayHandler(ConsoleAuthorizer authorizer, ConsoleProperties properties, String subprotocol) {
    this.authorizer = authorizer;
    this.properties = properties;
    this.subprotocol = subprotocol;
  }

  @Override
  public List<String> getSubProtocols() {
    return List.of(subprotocol);
  }

  @Override
  public final void afterConnectionEstablished(WebSocketSession socket) {
    Map<String, String> params = ConsoleSocketSupport.query(socket);
    Optional<ConsoleUser> user = ConsoleSocketSupport.user(socket, params, authorizer);
    if (user.isEmpty()) {
      ConsoleSocketSupport.refuse(socket, 4401, ConsoleSocketSupport.NO_USER);
      return;
    }
    try {
      ConsoleRelay relay = connect(socket, user.get(), params);
      socket.getAttributes().put(RELAY, relay);
      relay.start();
    } catch (EnshuException e) {
      ConsoleSocketSupport.refuse(socket, ConsoleSocketSupport.code(e), e.getMessage());
    }
  }

  /**
   * Authorises the user and connects upstream; the relay is started by the caller. Fails with an
   * {@code EnshuException} whose message the browser is shown.
   */
  protected abstract ConsoleRelay connect(
      WebSocketSession socket, ConsoleUser user, Map<String, String> params);

  ConsoleAuthorizer authorizer() {
    return authorizer;
  }

  Viewer viewer(WebSocketSession socket, ConsoleUser user, ConsoleAccess access) {
    return new Viewer(
        socket,
        user,
        access,
        (int) properties.sendTimeLimit().toMillis(),
        properties.sendBufferBytes());
  }

  static ConsoleRelay relay(WebSocketSession socket) {
    return (ConsoleRelay) socket.getAttributes().get(RELAY);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    ConsoleRelay relay = relay(socket);
    if (relay != null) {
      relay.close("browser closed the connection (" + status.getCode() + ")");
    }
  }

  @Override
  public void handleTransportError(WebSocketSession socket, Throwable exception) {
    afterConnectionClosed(socket, CloseStatus.SERVER_ERROR);
  }
}
