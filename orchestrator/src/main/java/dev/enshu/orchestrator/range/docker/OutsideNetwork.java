package dev.enshu.orchestrator.range.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.enshu.orchestrator.EnshuException.Status;
import dev.enshu.orchestrator.range.MachineCommand;
import dev.enshu.orchestrator.range.ProviderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sets a range host's routes (and, for a terminal that asks for its address by DHCP, its MAC) from
 * outside the container, right after it starts, so the host never needs NET_ADMIN: the engine's
 * default route to its bridge (the host machine) is removed and the plan's routes, which all lead
 * to the range's own routers, are put in its place. The host's entrypoint waits until they are
 * there before it starts any service. Runs {@code ip} in the container's network namespace, which
 * needs the engine on this machine.
 */
final class OutsideNetwork {
  /** Tells a host's entrypoint that its routes come from outside and that it waits for them. */
  static final String ROUTES_FROM_OUTSIDE = "ENSHU_ROUTES_FROM_OUTSIDE";

  private OutsideNetwork() {}

  /** Whether a role sets its own routes (routers hold NET_ADMIN in their own namespace). */
  static boolean setsOwnRoutes(String role) {
    return role.equals("firewall");
  }

  /** The {@code ip -batch} lines for a host with these environment values. */
  static List<String> commands(String routes, String mac) {
    List<String> lines = new ArrayList<>();
    if (mac != null && !mac.isBlank()) {
      lines.add("link set dev eth0 address " + mac.trim());
    }
    lines.add("route flush exact 0.0.0.0/0");
    if (routes != null) {
      Arrays.stream(routes.split(";"))
          .map(String::trim)
          .filter(r -> !r.isEmpty())
          .forEach(r -> lines.add("route replace " + r));
    }
    return lines;
  }

  /** Applies the routes of the started container {@code id}. */
  static void apply(DockerClient client, String id, String hostName, boolean localEngine) {
    InspectContainerResponse container = client.inspectContainerCmd(id).exec();
    String role = env(container, "ENSHU_ROLE");
    if (setsOwnRoutes(role == null ? "" : role)) {
      return;
    }
    if (!localEngine) {
      throw new ProviderException(
          Status.UNAVAILABLE,
          "host '"
              + hostName
              + "': routes are set from the engine's machine; run Enshu beside the Docker engine");
    }
    Long pid = container.getState().getPidLong();
    if (pid == null || pid <= 0) {
      throw new ProviderException(
          Status.INTERNAL, "host '" + hostName + "' stopped before its routes could be set");
    }
    List<String> lines = commands(env(container, "ENSHU_ROUTES"), env(container, "ENSHU_MAC"));
    run(hostName, pid, String.join("\n", lines) + "\n");
  }

  private static String env(InspectContainerResponse container, String name) {
    String[] env = container.getConfig().getEnv();
    if (env == null) {
      return null;
    }
    for (String entry : env) {
      if (entry.startsWith(name + "=")) {
        return entry.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static void run(String hostName, long pid, String batch) {
    MachineCommand.run(
        List.of("nsenter", "-t", Long.toString(pid), "-n", "ip", "-4", "-batch", "-"),
        batch,
        "set the routes of host '" + hostName + "' (" + batch.strip().replace('\n', ';') + ")",
        30);
  }
}
