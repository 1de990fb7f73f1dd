package dev.enshu.orchestrator.range;

import java.util.Objects;

/**
 * How a console reaches a host, as the provider that runs it offers it: a terminal that the
 * provider's own transport opens, or a VNC display the console gateway connects to. The gateway
 * picks its relay by the endpoint's type and needs nothing else of the provider. Values; {@link
 * Terminal}'s transport is thread-safe.
 */
public sealed interface ConsoleEndpoint {

  /** The id of the provider that runs the host, such as {@code docker}. */
  String provider();

  /** The provider's own name of the host (a container, a domain), for messages and logs. */
  String target();

  /**
   * An interactive terminal (a PTY, a serial line), opened through the provider's control channel
   * by {@code transport}: Docker exec with a TTY, libvirt's serial console stream.
   */
  record Terminal(String provider, String target, TerminalTransport transport)
      implements ConsoleEndpoint {
    public Terminal {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(transport, "transport");
    }
  }

  /**
   * An RFB display at {@code host}:{@code port} as the orchestrator reaches it (libvirt binds its
   * guests' displays to loopback). The gateway connects to it only on loopback.
   */
  record Vnc(String provider, String target, String host, int port) implements ConsoleEndpoint {
    public Vnc {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(target, "target");
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("the VNC display of " + target + " names no host");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(
            "the VNC display of " + target + " has port " + port + ", expected 1 to 65535");
      }
    }

    /** {@code host:port}, as messages show it. */
    public String address() {
      return host + ":" + port;
    }
  }
}
