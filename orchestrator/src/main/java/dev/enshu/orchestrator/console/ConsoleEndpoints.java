package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.range.ConsoleEndpoint;

/**
 * Where a host's console is: asks the provider that runs the host's range. Thread-safe. The
 * exercise feature will know each range's provider; until then {@link ProviderConsoleEndpoints}
 * asks the configured providers in order.
 */
public interface ConsoleEndpoints {
  /** The endpoint of a host; fails with a NOT_FOUND {@code EnshuException} naming the host. */
  ConsoleEndpoint endpoint(ConsoleTarget target);

  /**
   * The host's graphical display, for the VNC relay (a VM has a serial console as its endpoint and
   * a VNC display beside it). By default the host's endpoint, which the relay refuses unless it is
   * a {@link ConsoleEndpoint.Vnc}.
   */
  default ConsoleEndpoint vnc(ConsoleTarget target) {
    return endpoint(target);
  }
}
