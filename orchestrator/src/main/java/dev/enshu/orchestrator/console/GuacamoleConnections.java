package dev.enshu.orchestrator.console;

import dev.enshu.orchestrator.EnshuException;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.PlannedHost;
import dev.enshu.orchestrator.range.RangePlan;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.guacamole.protocol.GuacamoleConfiguration;

/**
 * Derives a Guacamole connection from the range plan: the host's address in its range, the protocol
 * from the host's {@code console-protocol} setting (else the one asked for, else {@code ssh}), the
 * port from {@code console-port} (else the configured or well-known port of the protocol), and
 * credentials from the first account the plan makes on the host (else the configured ones for the
 * protocol).
 */
final class GuacamoleConnections {
  private static final Map<String, Integer> WELL_KNOWN =
      Map.of("rdp", 3389, "ssh", 22, "vnc", 5900, "telnet", 23);

  private final ConsoleRangePlans plans;
  private final Map<String, ConsoleProperties.GuacamoleDefaults> defaults;

  GuacamoleConnections(
      ConsoleRangePlans plans, Map<String, ConsoleProperties.GuacamoleDefaults> defaults) {
    this.plans = plans;
    this.defaults = defaults;
  }

  GuacamoleConfiguration configuration(ConsoleTarget target, String askedProtocol) {
    RangePlan plan =
        plans
            .plan(target)
            .orElseThrow(
                () ->
                    new EnshuException(
                        Status.NOT_FOUND,
                        "no running range " + target.rangeId() + " for " + target));
    PlannedHost host =
        plan.host(target.hostId())
            .orElseThrow(() -> new EnshuException(Status.NOT_FOUND, "the range has no " + target));
    String protocol =
        first(host.settings().get("console-protocol"), askedProtocol, "ssh")
            .toLowerCase(Locale.ROOT);
    if (!WELL_KNOWN.containsKey(protocol)) {
      throw new EnshuException(
          Status.BAD_REQUEST,
          "Guacamole protocol '"
              + protocol
              + "' for "
              + target
              + ": expected one of "
              + WELL_KNOWN.keySet());
    }
    ConsoleProperties.GuacamoleDefaults configured = defaults.get(protocol);
    GuacamoleConfiguration config = new GuacamoleConfiguration();
    config.setProtocol(protocol);
    if (configured != null) {
      configured.parameters().forEach(config::setParameter);
    }
    config.setParameter("hostname", host.address());
    String port =
        first(
            host.settings().get("console-port"),
            configured != null && configured.port() != null ? configured.port().toString() : null,
            WELL_KNOWN.get(protocol).toString());
    config.setParameter("port", port);
    List<RangePlan.Account> accounts = plan.accountsOn(host.id());
    if (!accounts.isEmpty()) {
      config.setParameter("username", accounts.get(0).name());
      config.setParameter("password", accounts.get(0).password());
    } else if (configured != null) {
      if (configured.username() != null) {
        config.setParameter("username", configured.username());
      }
      if (configured.password() != null) {
        config.setParameter("password", configured.password());
      }
    }
    return config;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
